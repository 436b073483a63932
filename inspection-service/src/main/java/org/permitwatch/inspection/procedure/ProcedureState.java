package org.permitwatch.inspection.procedure;

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
        ProcedureStep step,
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
            p.enforcement_applied_on, p.enforcement_court, p.next_due, p.next_due_kind, p.updated_at""";

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

    /** Why a decision may not be taken now: a stable code and a sentence. */
    public record Blocker(String code, String detail) {}

    /**
     * The one rule of when the penalty decision may be taken. A FINE needs the notice (行政处罚法 第四十四条, 第六十二条),
     * its windows closed unless the party was heard or waived, no pending hearing, the review and discussion when
     * required, and no amount above the one noticed (a heavier penalty needs a new notice; 第四十五条第二款 forbids a
     * heavier one because of the statement). NO_PENALTY needs none of it, but cannot jump a requested hearing.
     */
    public Optional<Blocker> decisionBlocker(boolean fine, BigDecimal amountYuan, LocalDate today) {
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
     * Calendar days late if paid on {@code day}; 0 before service, once paid, and while the payment deadline is
     * provisional (it may end later than counted: no 加处罚款 is charged on a guessed date, ADR 0044).
     */
    public long daysLate(LocalDate day) {
        if (!owesFine() || paymentDue == null || provisional("paymentDue")) {
            return 0;
        }
        return ProcedureRules.daysLate(paymentDue, day);
    }

    /** 加处罚款 owed if paid on {@code day}; zero when {@link #daysLate} is. */
    public BigDecimal surchargeOn(LocalDate day) {
        return ProcedureRules.surcharge(fineYuan == null ? BigDecimal.ZERO : fineYuan, daysLate(day));
    }

    /** The actions the API accepts now (for the console's buttons); the service re-checks each one. */
    public List<String> allowedActions(LocalDate today) {
        List<String> actions = new ArrayList<>();
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
        if (owesFine() && (step == ProcedureStep.SERVED || step == ProcedureStep.ENFORCEMENT_APPLIED)) {
            actions.add("payment");
        }
        if (owesFine()
                && step == ProcedureStep.SERVED
                && !today.isBefore(enforcementFrom)
                && !today.isAfter(enforcementUntil)) {
            actions.add("enforcement");
        }
        if (step.beforeDecision() && extensions < ProcedureRules.MAX_EXTENSIONS) {
            actions.add("extension");
        }
        return actions;
    }
}
