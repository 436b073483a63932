package org.permitwatch.inspection.procedure;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.r2dbc.spi.Readable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A row of {@code case_procedure} and the rules that read it: which step may follow now and why not. The decision
 * endpoint and the console's buttons ask the same methods, so a button is never offered that the service refuses.
 *
 * <p>Its working-day deadlines are the ones {@link ProcedureRules#current} counted on the calendar loaded now; those
 * named in {@link #provisionalDeadlines} reach a year whose holiday arrangement is not loaded (ADR 0044). A window
 * with a provisional end stays open: it may end later than counted, and closing a party's right early is unlawful.
 */
public record ProcedureState(
        UUID caseId,
        @JsonIgnore ProcedureStep step,
        LocalDate openedOn,
        int extensionDays,
        int extensions,
        int excludedDays,
        LocalDate caseDue,
        LocalDate noticeServedOn,
        String noticeMethod,
        BigDecimal noticedYuan,
        Boolean hearingEligible,
        LocalDate statementDue,
        LocalDate hearingRequestDue,
        LocalDate statementOn,
        Boolean statementWaived,
        Boolean hearingWaived,
        String statementSummary,
        LocalDate hearingRequestedOn,
        LocalDate hearingHeldOn,
        String hearingOutcome,
        boolean reviewRequired,
        boolean discussionRequired,
        LocalDate reviewedOn,
        String reviewer,
        String reviewOpinion,
        LocalDate discussedOn,
        String discussionNote,
        LocalDate decidedOn,
        String decisionKind,
        BigDecimal fineYuan,
        LocalDate serviceDue,
        LocalDate servedOn,
        String serviceMethod,
        LocalDate deemedServedOn,
        LocalDate paymentDue,
        LocalDate paidOn,
        BigDecimal paidYuan,
        BigDecimal surchargeYuan,
        LocalDate enforcementFrom,
        LocalDate enforcementUntil,
        LocalDate enforcementAppliedOn,
        String enforcementCourt,
        LocalDate nextDue,
        String nextDueKind,
        OffsetDateTime updatedAt,
        LocalDate urgeServedOn,
        String urgeMethod,
        LocalDate urgeDue,
        LocalDate enforcementOpensOn,
        String enforcementCourtCaseNo,
        LocalDate deferralAppliedOn,
        String deferralReason,
        LocalDate deferralDecidedOn,
        Boolean deferralApproved,
        String deferralApprover,
        LocalDate suspendedSince,
        String suspensionReason,
        int suspendedDays,
        LocalDate terminatedOn,
        String terminationReason,

        @Schema(
                description = "deadlines counted provisionally (statementDue, hearingRequestDue, serviceDue,"
                        + " paymentDue): their year's State Council holiday arrangement is not loaded yet (暂定)")
        List<String> provisionalDeadlines,

        @Schema(description = "why the deadlines are provisional (Chinese, for the console); null when all are final")
        String provisionalReason) {

    public ProcedureState {
        provisionalDeadlines = provisionalDeadlines == null ? List.of() : List.copyOf(provisionalDeadlines);
    }

    static final String COLUMNS = """
            p.case_id, p.step, p.opened_on, p.extension_days, p.extensions, p.excluded_days, p.case_due,
            p.notice_served_on, p.notice_method, p.noticed_yuan, p.hearing_eligible, p.statement_due,
            p.hearing_request_due, p.statement_on, p.statement_waived, p.hearing_waived, p.statement_summary,
            p.hearing_requested_on, p.hearing_held_on, p.hearing_outcome, p.review_required, p.discussion_required,
            p.reviewed_on, p.reviewer, p.review_opinion, p.discussed_on, p.discussion_note, p.decided_on,
            p.decision_kind, p.fine_yuan, p.service_due, p.served_on, p.service_method, p.deemed_served_on,
            p.payment_due, p.paid_on, p.paid_yuan, p.surcharge_yuan, p.enforcement_from, p.enforcement_until,
            p.enforcement_applied_on, p.enforcement_court, p.next_due, p.next_due_kind, p.updated_at,
            p.urge_served_on, p.urge_method, p.urge_due, p.enforcement_opens_on, p.enforcement_court_case_no,
            p.deferral_applied_on, p.deferral_reason, p.deferral_decided_on, p.deferral_approved, p.deferral_approver,
            p.suspended_since, p.suspension_reason, p.suspended_days, p.terminated_on, p.termination_reason""";

    static ProcedureState of(Readable r) {
        return new ProcedureState(
                r.get("case_id", UUID.class),
                ProcedureStep.valueOf(r.get("step", String.class)),
                r.get("opened_on", LocalDate.class),
                r.get("extension_days", Integer.class),
                r.get("extensions", Integer.class),
                r.get("excluded_days", Integer.class),
                r.get("case_due", LocalDate.class),
                r.get("notice_served_on", LocalDate.class),
                r.get("notice_method", String.class),
                r.get("noticed_yuan", BigDecimal.class),
                r.get("hearing_eligible", Boolean.class),
                r.get("statement_due", LocalDate.class),
                r.get("hearing_request_due", LocalDate.class),
                r.get("statement_on", LocalDate.class),
                r.get("statement_waived", Boolean.class),
                r.get("hearing_waived", Boolean.class),
                r.get("statement_summary", String.class),
                r.get("hearing_requested_on", LocalDate.class),
                r.get("hearing_held_on", LocalDate.class),
                r.get("hearing_outcome", String.class),
                Boolean.TRUE.equals(r.get("review_required", Boolean.class)),
                Boolean.TRUE.equals(r.get("discussion_required", Boolean.class)),
                r.get("reviewed_on", LocalDate.class),
                r.get("reviewer", String.class),
                r.get("review_opinion", String.class),
                r.get("discussed_on", LocalDate.class),
                r.get("discussion_note", String.class),
                r.get("decided_on", LocalDate.class),
                r.get("decision_kind", String.class),
                r.get("fine_yuan", BigDecimal.class),
                r.get("service_due", LocalDate.class),
                r.get("served_on", LocalDate.class),
                r.get("service_method", String.class),
                r.get("deemed_served_on", LocalDate.class),
                r.get("payment_due", LocalDate.class),
                r.get("paid_on", LocalDate.class),
                r.get("paid_yuan", BigDecimal.class),
                r.get("surcharge_yuan", BigDecimal.class),
                r.get("enforcement_from", LocalDate.class),
                r.get("enforcement_until", LocalDate.class),
                r.get("enforcement_applied_on", LocalDate.class),
                r.get("enforcement_court", String.class),
                r.get("next_due", LocalDate.class),
                r.get("next_due_kind", String.class),
                r.get("updated_at", OffsetDateTime.class),
                r.get("urge_served_on", LocalDate.class),
                r.get("urge_method", String.class),
                r.get("urge_due", LocalDate.class),
                r.get("enforcement_opens_on", LocalDate.class),
                r.get("enforcement_court_case_no", String.class),
                r.get("deferral_applied_on", LocalDate.class),
                r.get("deferral_reason", String.class),
                r.get("deferral_decided_on", LocalDate.class),
                r.get("deferral_approved", Boolean.class),
                r.get("deferral_approver", String.class),
                r.get("suspended_since", LocalDate.class),
                r.get("suspension_reason", String.class),
                r.get("suspended_days", Integer.class),
                r.get("terminated_on", LocalDate.class),
                r.get("termination_reason", String.class),
                List.of(),
                null);
    }

    /** This state with the deadlines {@link ProcedureRules#current} counted. */
    ProcedureState withDeadlines(
            LocalDate statementDue,
            LocalDate hearingRequestDue,
            LocalDate serviceDue,
            LocalDate paymentDue,
            LocalDate nextDue,
            List<String> provisionalDeadlines,
            String provisionalReason) {
        return new ProcedureState(
                caseId,
                step,
                openedOn,
                extensionDays,
                extensions,
                excludedDays,
                caseDue,
                noticeServedOn,
                noticeMethod,
                noticedYuan,
                hearingEligible,
                statementDue,
                hearingRequestDue,
                statementOn,
                statementWaived,
                hearingWaived,
                statementSummary,
                hearingRequestedOn,
                hearingHeldOn,
                hearingOutcome,
                reviewRequired,
                discussionRequired,
                reviewedOn,
                reviewer,
                reviewOpinion,
                discussedOn,
                discussionNote,
                decidedOn,
                decisionKind,
                fineYuan,
                serviceDue,
                servedOn,
                serviceMethod,
                deemedServedOn,
                paymentDue,
                paidOn,
                paidYuan,
                surchargeYuan,
                enforcementFrom,
                enforcementUntil,
                enforcementAppliedOn,
                enforcementCourt,
                nextDue,
                nextDueKind,
                updatedAt,
                urgeServedOn,
                urgeMethod,
                urgeDue,
                enforcementOpensOn,
                enforcementCourtCaseNo,
                deferralAppliedOn,
                deferralReason,
                deferralDecidedOn,
                deferralApproved,
                deferralApprover,
                suspendedSince,
                suspensionReason,
                suspendedDays,
                terminatedOn,
                terminationReason,
                provisionalDeadlines,
                provisionalReason);
    }

    /** Whether the named deadline ({@code statementDue}, {@code hearingRequestDue}, …) is provisional. */
    public boolean provisional(String deadline) {
        return provisionalDeadlines.contains(deadline);
    }

    /**
     * The party may still request a hearing on {@code day}: entitled, not waived, not yet requested, and the window
     * not closed — a provisional end never closes it (ADR 0044).
     */
    public boolean hearingWindowOpen(LocalDate day) {
        return Boolean.TRUE.equals(hearingEligible)
                && !Boolean.TRUE.equals(hearingWaived)
                && hearingRequestedOn == null
                && hearingRequestDue != null
                && (!day.isAfter(hearingRequestDue) || provisional("hearingRequestDue"));
    }

    /** {@code step} as contract 1.0.0 had it: its enum, absent for a step added since (ADR 0045). */
    @JsonProperty("step")
    @Schema(
            deprecated = true,
            type = "string",
            allowableValues = {
                "INVESTIGATING",
                "NOTICE_SERVED",
                "STATEMENT_HEARD",
                "HEARING_REQUESTED",
                "HEARING_HELD",
                "REVIEWED",
                "DECIDED",
                "SERVED",
                "PAID",
                "ENFORCEMENT_APPLIED"
            },
            description = ProcedureStep.V1_NOTE)
    public String v1Step() {
        return step.v1Name();
    }

    /** Every step, as an open list. */
    @JsonProperty("procedureStep")
    @Schema(description = ProcedureStep.OPEN_NOTE)
    public String procedureStep() {
        return step.name();
    }

    /** Why a decision may not be taken now: a stable code and a sentence. */
    public record Blocker(String code, String detail) {}

    /**
     * The one rule of when the penalty decision may be taken. A FINE needs the notice (行政处罚法 第四十四条, 第六十二条),
     * its windows closed unless the party was heard or waived, no pending hearing, the review and discussion when
     * required, and no amount above the one noticed (a heavier penalty needs a new notice; 第四十五条第二款 forbids a
     * heavier one because of the statement). NO_PENALTY needs none of it, but cannot jump a requested hearing.
     */
    public Optional<Blocker> decisionBlocker(boolean fine, BigDecimal amountYuan, LocalDate today) {
        if (suspended()) {
            return Optional.of(suspendedBlocker());
        }
        if (!step.canBecome(ProcedureStep.DECIDED)) {
            return Optional.of(
                    switch (step) {
                        case HEARING_REQUESTED ->
                            new Blocker(
                                    "hearing-pending",
                                    "the party requested a hearing on " + hearingRequestedOn
                                            + "; hold it (and the legal review) before deciding");
                        case HEARING_HELD ->
                            new Blocker(
                                    "legal-review-required",
                                    "a decision after a hearing needs the legal review (法制审核) first");
                        case TERMINATED ->
                            new Blocker("case-terminated", "the investigation was terminated (终止) on " + terminatedOn);
                        default -> new Blocker("case-already-decided", "the procedure is at " + step);
                    });
        }
        if (!fine) {
            return Optional.empty();
        }
        if (step == ProcedureStep.INVESTIGATING) {
            return Optional.of(new Blocker("notice-required", "a fine needs the 行政处罚事先（听证）告知书 served first (告知)"));
        }
        boolean heard = step != ProcedureStep.NOTICE_SERVED || statementOn != null;
        if (!heard && !today.isAfter(statementDue)) {
            return Optional.of(new Blocker(
                    "statement-window-open",
                    "the party may state its case (陈述申辩) until " + statementDue + " unless it waives"));
        }
        if (!heard && provisional("statementDue")) {
            return Optional.of(provisionalBlocker("陈述申辩", statementDue));
        }
        if (hearingWindowOpen(today)) {
            return Optional.of(
                    today.isAfter(hearingRequestDue)
                            ? provisionalBlocker("听证", hearingRequestDue)
                            : new Blocker(
                                    "hearing-window-open",
                                    "the party may request a hearing (听证) until " + hearingRequestDue
                                            + (provisional("hearingRequestDue") ? " (provisional)" : "")
                                            + " unless it waives"));
        }
        if (reviewRequired && reviewedOn == null) {
            return Optional.of(new Blocker("legal-review-required", "this decision needs the legal review (法制审核)"));
        }
        if (discussionRequired && discussedOn == null) {
            return Optional.of(new Blocker(
                    "collective-discussion-required", "this major decision needs the collective discussion (集体讨论)"));
        }
        if (amountYuan != null && noticedYuan != null && amountYuan.compareTo(noticedYuan) > 0) {
            return Optional.of(new Blocker(
                    "decision-exceeds-notice",
                    "the notice announced " + noticedYuan.toPlainString()
                            + " yuan; a heavier fine needs a new notice"));
        }
        return Optional.empty();
    }

    /**
     * The window's counted end has passed but it reaches a year whose holiday arrangement is not loaded: it may really
     * end later (春节, 清明 … are not counted provisionally), so it stays open until the year is loaded or the party
     * waives or acts.
     */
    private Blocker provisionalBlocker(String right, LocalDate countedEnd) {
        return new Blocker(
                "workday-calendar-provisional",
                "the " + right + " window was counted provisionally to " + countedEnd + ": " + provisionalReason
                        + "; it stays open until that year's arrangement is loaded or the party waives");
    }

    /** A fine was decided and not yet paid. */
    boolean owesFine() {
        return "FINE".equals(decisionKind) && fineYuan != null && fineYuan.signum() > 0 && paidOn == null;
    }

    /**
     * Calendar days late on the whole fine if paid on {@code day}; 0 before service, once paid, once a deferral or
     * instalments were approved (each instalment then carries its own, {@link ProcedureRules#instalmentSurcharge}),
     * and while the payment deadline is provisional (no 加处罚款 is charged on a guessed date, ADR 0044).
     */
    public long daysLate(LocalDate day) {
        if (!owesFine() || paymentDue == null || Boolean.TRUE.equals(deferralApproved) || provisional("paymentDue")) {
            return 0;
        }
        return ProcedureRules.daysLate(paymentDue, day);
    }

    /** 加处罚款 owed on the whole fine if paid on {@code day}; zero when {@link #daysLate} is. */
    public BigDecimal surchargeOn(LocalDate day) {
        return ProcedureRules.surcharge(fineYuan == null ? BigDecimal.ZERO : fineYuan, daysLate(day));
    }

    /** 中止: the investigation is paused and the case limit does not run. */
    public boolean suspended() {
        return suspendedSince != null;
    }

    Blocker suspendedBlocker() {
        return new Blocker(
                "case-suspended", "the investigation is suspended (中止) since " + suspendedSince + ": resume it first");
    }

    /**
     * The one rule of when the 催告 (行政强制法 第五十四条) may be served on {@code day}: a fine owed at SERVED, its
     * payment day passed (the party is in default), no deferral application waiting for the bureau's answer.
     */
    public Optional<Blocker> urgeBlocker(LocalDate day) {
        if (!owesFine()) {
            return Optional.of(new Blocker("no-fine-owed", "no fine is owed"));
        }
        if (step != ProcedureStep.SERVED) {
            return Optional.of(
                    new Blocker("procedure-step-not-allowed", "a 催告 follows the service; the procedure is at " + step));
        }
        if (deferralAppliedOn != null && deferralDecidedOn == null) {
            return Optional.of(new Blocker(
                    "deferral-pending",
                    "the party applied for deferral on " + deferralAppliedOn + "; answer it first"));
        }
        if (!day.isAfter(paymentDue)) {
            return Optional.of(new Blocker(
                    "payment-not-late", "the party may pay until " + paymentDue + "; a 催告 follows a default"));
        }
        return Optional.empty();
    }

    /**
     * The one rule of when the bureau may apply to the court on {@code day} (行政强制法 第五十三条、第五十四条): an unpaid
     * fine, the periods for 复议 and 诉讼 over, the 催告 served and its ten working days passed, within three months.
     */
    public Optional<Blocker> enforcementBlocker(LocalDate day) {
        if (!owesFine()) {
            return Optional.of(new Blocker("no-fine-owed", "no fine is owed"));
        }
        if (enforcementFrom != null && day.isBefore(enforcementFrom)) {
            return Optional.of(new Blocker(
                    "enforcement-too-early",
                    "the periods for 复议 and 诉讼 run until " + enforcementFrom.minusDays(1) + "; apply from "
                            + enforcementFrom + " (行政强制法 第五十三条)"));
        }
        if (step == ProcedureStep.SERVED || step == ProcedureStep.INSTALMENTS) {
            return Optional.of(
                    new Blocker("urge-required", "the party must be urged in writing (催告) first (行政强制法 第五十四条)"));
        }
        if (step != ProcedureStep.URGED) {
            return Optional.of(new Blocker("procedure-step-not-allowed", "the procedure is at " + step));
        }
        if (day.isBefore(enforcementOpensOn)) {
            return Optional.of(new Blocker(
                    "urge-window-open",
                    "the party may perform until " + urgeDue + " after the 催告; apply from " + enforcementOpensOn
                            + " (行政强制法 第五十四条)"));
        }
        if (enforcementUntil != null && day.isAfter(enforcementUntil)) {
            return Optional.of(new Blocker(
                    "enforcement-too-late",
                    "the application had to be made by " + enforcementUntil + " (行政强制法 第五十三条)"));
        }
        return Optional.empty();
    }

    /** The actions the API accepts now (for the console's buttons); the service re-checks each one. */
    public List<String> allowedActions(LocalDate today) {
        List<String> actions = new ArrayList<>();
        if (suspended()) {
            // while suspended only the pause itself can end: resumed, or the investigation terminated
            actions.add("resumption");
            actions.add("termination");
            return actions;
        }
        if (step.canBecome(ProcedureStep.NOTICE_SERVED)) {
            actions.add("notice");
        }
        if (step == ProcedureStep.NOTICE_SERVED) {
            actions.add("statement");
        }
        if (step.canBecome(ProcedureStep.HEARING_REQUESTED) && hearingWindowOpen(today)) {
            actions.add("hearing-request");
        }
        if (step == ProcedureStep.HEARING_REQUESTED) {
            actions.add("hearing");
        }
        if (step.canBecome(ProcedureStep.REVIEWED) && step != ProcedureStep.INVESTIGATING) {
            actions.add("review");
        }
        if (decisionBlocker(true, null, today).isEmpty()
                || decisionBlocker(false, null, today).isEmpty()) {
            actions.add("decision");
        }
        if (step == ProcedureStep.DECIDED) {
            actions.add("service");
        }
        if (owesFine()
                && (step == ProcedureStep.SERVED
                        || step == ProcedureStep.URGED
                        || step == ProcedureStep.ENFORCEMENT_APPLIED)) {
            actions.add("payment");
        }
        if (owesFine()
                && step == ProcedureStep.SERVED
                && deferralAppliedOn == null
                && paymentDue != null
                && !today.isAfter(paymentDue)) {
            actions.add("deferral");
        }
        if (step == ProcedureStep.SERVED && deferralAppliedOn != null && deferralDecidedOn == null) {
            actions.add("deferral-decision");
        }
        if (step == ProcedureStep.INSTALMENTS) {
            actions.add("instalment-payment");
        }
        if (urgeBlocker(today).isEmpty()) {
            actions.add("urge");
        }
        if (enforcementBlocker(today).isEmpty()) {
            actions.add("enforcement");
        }
        if (step.beforeDecision() && extensions < ProcedureRules.MAX_EXTENSIONS) {
            actions.add("extension");
        }
        if (step.beforeDecision()) {
            actions.add("suspension");
            actions.add("termination");
        }
        return actions;
    }
}
