package org.permitwatch.inspection.procedure;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.events.enforcement.ProcedureStepChanged;
import org.permitwatch.inspection.cases.CaseAccess;
import org.permitwatch.inspection.cases.CaseRow;
import org.permitwatch.inspection.document.DocumentProperties;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.tx.WholeTransactions;
import org.permitwatch.support.workday.WorkdayCalendar;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The procedure's writes. Each is one transaction holding the case's row lock ({@link CaseAccess#lockInScope}, 404
 * outside the caller's division): the step moves only along {@link ProcedureStep}'s table and only from the step read
 * under the lock (the UPDATE repeats it as its guard), the step is logged with who and when, audited as
 * {@code case.procedure.<action>}, and announced as {@link ProcedureStepChanged} through the outbox.
 */
@Service
@EnableConfigurationProperties(ProcedureProperties.class)
public class ProcedureService {

    private static final String RESOURCE = "enforcement-case";

    /** Actions that record something without leaving the step (the table is not asked). */
    private static final java.util.Set<String> STAYING_ACTIONS = java.util.Set.of(
            "extension", "deferral", "deferral-decision", "instalment-payment", "suspension", "resumption");

    private final DatabaseClient db;
    private final CaseAccess cases;
    private final AuditLog audit;
    private final JsonMapper json;
    private final TransactionalOperator tx;
    private final BureauClock clock;
    private final ProcedureRules rules;

    ProcedureService(
            DatabaseClient db,
            CaseAccess cases,
            AuditLog audit,
            JsonMapper json,
            ReactiveTransactionManager transactions,
            BureauClock clock,
            ProcedureProperties figures,
            DocumentProperties documents,
            WorkdayCalendar calendar) {
        this.db = db;
        this.cases = cases;
        this.audit = audit;
        this.json = json;
        this.tx = WholeTransactions.create(transactions);
        this.clock = clock;
        this.rules = new ProcedureRules(figures, documents.hearingThresholdYuan(), calendar);
    }

    LocalDate today() {
        return clock.today();
    }

    /** Called in the case's opening transaction: the procedure starts investigating and the 90-day limit runs. */
    public Mono<Void> opened(UUID caseId, String by) {
        LocalDate today = clock.today();
        LocalDate due = rules.caseDue(today, 0, 0);
        return db.sql("""
                        INSERT INTO case_procedure (case_id, step, opened_on, case_due, next_due, next_due_kind,
                            updated_by, updated_at)
                        VALUES (:id, 'INVESTIGATING', :opened, :due, :due, 'DECISION', :by, :at)""")
                .bind("id", caseId)
                .bind("opened", today)
                .bind("due", due)
                .bind("by", by)
                .bind("at", clock.now())
                .then();
    }

    /** The procedure of a case (no scope check: callers have checked it). */
    Mono<ProcedureState> state(UUID caseId) {
        return db.sql("SELECT " + ProcedureState.COLUMNS + " FROM case_procedure p WHERE p.case_id = :id")
                .bind("id", caseId)
                .map(ProcedureState::of)
                .one()
                .map(rules::current);
    }

    /** The rules, for the read side (one instance: the figures and the calendar are the service's). */
    ProcedureRules rules() {
        return rules;
    }

    /**
     * The decision endpoint's check, inside its transaction and under the case lock: 409 with the blocker's code when
     * the procedure does not allow the decision yet.
     */
    public Mono<Void> checkDecision(UUID caseId, boolean fine, BigDecimal amountYuan) {
        LocalDate today = clock.today();
        return state(caseId)
                .flatMap(s -> s.decisionBlocker(fine, amountYuan, today)
                        .<Mono<Void>>map(b -> Mono.error(ApiException.conflict(b.code(), b.detail())))
                        .orElseGet(Mono::empty));
    }

    /** The decision was stored: the procedure moves to DECIDED and the 7-working-day service deadline runs. */
    public Mono<Void> decided(CaseRow c, boolean fine, BigDecimal amountYuan, Caller caller) {
        LocalDate today = clock.today();
        return state(c.id()).flatMap(s -> {
            LocalDate serviceDue = rules.serviceDue(today).day();
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("decided_on", today);
            set.put("decision_kind", fine ? "FINE" : "NO_PENALTY");
            set.put("fine_yuan", fine ? amountYuan : BigDecimal.ZERO);
            set.put("service_due", serviceDue);
            return move(c, s, ProcedureStep.DECIDED, "decision", today, set, serviceDue, "SERVICE", Map.of(), caller);
        });
    }

    /** {@code amountYuan}: the 拟处罚 amount announced when it is not the proposal's (inside its range). */
    record NoticeInput(UUID proposalId, LocalDate servedOn, ServiceMethod method, BigDecimal amountYuan) {}

    Mono<ProcedureState> notice(UUID caseId, NoticeInput body, Caller caller) {
        CaseAccess.requireBureau(caller);
        required("proposalId", body.proposalId());
        required("servedOn", body.servedOn());
        required("method", body.method());
        return write(caseId, caller, (c, s, today) -> {
            notAfterToday("servedOn", body.servedOn(), today);
            notBefore("servedOn", body.servedOn(), s.openedOn(), "the case's opening day");
            return db.sql("""
                            SELECT proposed_yuan, article, min_yuan, max_yuan,
                                   jsonb_array_length(coalesce(explanation -> 'nonMonetaryMeasures', '[]'::jsonb)) AS measures
                            FROM penalty_proposal WHERE id = :id AND case_id = :case""")
                    .bind("id", body.proposalId())
                    .bind("case", caseId)
                    .map(r -> new Object[] {
                        r.get("proposed_yuan", BigDecimal.class),
                        r.get("article", String.class),
                        r.get("measures", Integer.class),
                        r.get("min_yuan", BigDecimal.class),
                        r.get("max_yuan", BigDecimal.class)
                    })
                    .one()
                    .switchIfEmpty(Mono.error(() -> ApiException.invalidField(
                            "proposalId", "is not a proposal of case " + c.caseNo(), body.proposalId())))
                    .flatMap(p -> {
                        BigDecimal proposed = body.amountYuan() == null ? (BigDecimal) p[0] : body.amountYuan();
                        BigDecimal min = (BigDecimal) p[3];
                        BigDecimal max = (BigDecimal) p[4];
                        if (proposed.compareTo(min) < 0 || proposed.compareTo(max) > 0) {
                            throw new ApiException(
                                    HttpStatus.UNPROCESSABLE_CONTENT,
                                    "amount-outside-range",
                                    null,
                                    "the noticed amount must lie inside the statutory range " + min.toPlainString()
                                            + ".." + max.toPlainString() + " yuan",
                                    java.util.List.of(new FieldProblem(
                                            "amountYuan",
                                            "outside " + min.toPlainString() + ".." + max.toPlainString(),
                                            proposed)));
                        }
                        if (!c.article().equals(p[1])) {
                            throw ApiException.conflict(
                                    "proposal-article-stale",
                                    "the proposal was computed for article " + p[1] + "; the case cites " + c.article()
                                            + ": propose again");
                        }
                        boolean measures = p[2] != null && (Integer) p[2] > 0;
                        boolean hearing = rules.hearingEligible(proposed, measures);
                        boolean major = rules.majorDecision(proposed);
                        Map<String, Object> set = new LinkedHashMap<>();
                        set.put("notice_served_on", body.servedOn());
                        set.put("notice_method", body.method().name());
                        set.put("noticed_yuan", proposed);
                        set.put("hearing_eligible", hearing);
                        set.put(
                                "statement_due",
                                rules.statementDue(body.servedOn()).day());
                        set.put(
                                "hearing_request_due",
                                rules.hearingRequestDue(body.servedOn()).day());
                        set.put("review_required", major);
                        set.put("discussion_required", major);
                        return move(
                                c,
                                s,
                                ProcedureStep.NOTICE_SERVED,
                                "notice",
                                body.servedOn(),
                                set,
                                s.caseDue(),
                                "DECISION",
                                Map.of(
                                        "proposalId", body.proposalId().toString(),
                                        "noticedYuan", proposed.toPlainString(),
                                        "hearingEligible", hearing,
                                        "method", body.method().name()),
                                caller);
                    });
        });
    }

    record StatementInput(LocalDate on, Boolean waived, Boolean hearingWaived, String summary) {}

    Mono<ProcedureState> statement(UUID caseId, StatementInput body, Caller caller) {
        CaseAccess.requireBureau(caller);
        required("on", body.on());
        boolean waived = Boolean.TRUE.equals(body.waived());
        boolean hearingWaived = Boolean.TRUE.equals(body.hearingWaived());
        if (!waived && blank(body.summary())) {
            throw ApiException.invalidField("summary", "a statement (陈述申辩) needs its summary unless waived", null);
        }
        return write(caseId, caller, (c, s, today) -> {
            notAfterToday("on", body.on(), today);
            if (s.noticeServedOn() != null) {
                notBefore("on", body.on(), s.noticeServedOn(), "the notice");
            }
            if (hearingWaived && !Boolean.TRUE.equals(s.hearingEligible())) {
                throw ApiException.invalidField("hearingWaived", "this case gives no right to a hearing", true);
            }
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("statement_on", body.on());
            set.put("statement_waived", waived);
            set.put("hearing_waived", hearingWaived);
            set.put(
                    "statement_summary",
                    blank(body.summary()) ? null : body.summary().trim());
            return move(
                    c,
                    s,
                    ProcedureStep.STATEMENT_HEARD,
                    "statement",
                    body.on(),
                    set,
                    s.caseDue(),
                    "DECISION",
                    Map.of("waived", waived, "hearingWaived", hearingWaived),
                    caller);
        });
    }

    record HearingRequestInput(LocalDate requestedOn) {}

    Mono<ProcedureState> hearingRequest(UUID caseId, HearingRequestInput body, Caller caller) {
        CaseAccess.requireBureau(caller);
        required("requestedOn", body.requestedOn());
        return write(caseId, caller, (c, s, today) -> {
            notAfterToday("requestedOn", body.requestedOn(), today);
            if (s.noticeServedOn() != null) {
                notBefore("requestedOn", body.requestedOn(), s.noticeServedOn(), "the notice");
            }
            if (s.step().canBecome(ProcedureStep.HEARING_REQUESTED)) {
                if (!Boolean.TRUE.equals(s.hearingEligible())) {
                    throw ApiException.conflict(
                            "hearing-not-available", "the noticed penalty gives no right to a hearing");
                }
                if (Boolean.TRUE.equals(s.hearingWaived())) {
                    throw ApiException.conflict("hearing-waived", "the party waived its hearing");
                }
                // A provisional end never makes a request late (ADR 0044): the window may really end later.
                if (body.requestedOn().isAfter(s.hearingRequestDue()) && !s.provisional("hearingRequestDue")) {
                    throw ApiException.conflict(
                            "hearing-request-late",
                            "a hearing had to be requested by " + s.hearingRequestDue() + " (行政处罚法 第六十四条)");
                }
            }
            return move(
                    c,
                    s,
                    ProcedureStep.HEARING_REQUESTED,
                    "hearing-request",
                    body.requestedOn(),
                    Map.of("hearing_requested_on", body.requestedOn()),
                    s.caseDue(),
                    "DECISION",
                    Map.of(),
                    caller);
        });
    }

    record HearingInput(LocalDate heldOn, String outcome) {}

    Mono<ProcedureState> hearing(UUID caseId, HearingInput body, Caller caller) {
        CaseAccess.requireBureau(caller);
        required("heldOn", body.heldOn());
        if (blank(body.outcome())) {
            throw ApiException.invalidField("outcome", "the hearing's outcome (听证意见) is required", null);
        }
        return write(caseId, caller, (c, s, today) -> {
            notAfterToday("heldOn", body.heldOn(), today);
            if (s.hearingRequestedOn() != null) {
                notBefore("heldOn", body.heldOn(), s.hearingRequestedOn(), "the hearing request");
            }
            // The hearing's time does not count against the case limit: from the request to the hearing day.
            int excluded = s.hearingRequestedOn() == null
                    ? 0
                    : (int) ChronoUnit.DAYS.between(s.hearingRequestedOn(), body.heldOn());
            LocalDate caseDue = rules.caseDue(s.openedOn(), s.extensionDays(), s.excludedDays() + excluded);
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("hearing_held_on", body.heldOn());
            set.put("hearing_outcome", body.outcome().trim());
            set.put("review_required", true);
            set.put("excluded_days", s.excludedDays() + excluded);
            set.put("case_due", caseDue);
            return move(
                    c,
                    s,
                    ProcedureStep.HEARING_HELD,
                    "hearing",
                    body.heldOn(),
                    set,
                    caseDue,
                    "DECISION",
                    Map.of("excludedDays", excluded),
                    caller);
        });
    }

    record ReviewInput(
            LocalDate reviewedOn, String reviewer, String opinion, LocalDate discussedOn, String discussionNote) {}

    Mono<ProcedureState> review(UUID caseId, ReviewInput body, Caller caller) {
        CaseAccess.requireBureau(caller);
        required("reviewedOn", body.reviewedOn());
        if (blank(body.reviewer())) {
            throw ApiException.invalidField("reviewer", "the legal reviewer (法制审核人员) is required", null);
        }
        if (blank(body.opinion())) {
            throw ApiException.invalidField("opinion", "the review opinion (审核意见) is required", null);
        }
        if (body.discussedOn() != null && blank(body.discussionNote())) {
            throw ApiException.invalidField("discussionNote", "the discussion's conclusion is required", null);
        }
        return write(caseId, caller, (c, s, today) -> {
            notAfterToday("reviewedOn", body.reviewedOn(), today);
            if (s.noticeServedOn() != null) {
                notBefore("reviewedOn", body.reviewedOn(), s.noticeServedOn(), "the notice");
            }
            if (body.discussedOn() != null) {
                notAfterToday("discussedOn", body.discussedOn(), today);
            }
            if (s.discussionRequired() && body.discussedOn() == null && s.step().canBecome(ProcedureStep.REVIEWED)) {
                throw ApiException.invalidField(
                        "discussedOn", "this major decision (重大执法决定) needs its collective discussion", null);
            }
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("reviewed_on", body.reviewedOn());
            set.put("reviewer", body.reviewer().trim());
            set.put("review_opinion", body.opinion().trim());
            if (body.discussedOn() != null) {
                set.put("discussed_on", body.discussedOn());
                set.put("discussion_note", body.discussionNote().trim());
            }
            return move(
                    c,
                    s,
                    ProcedureStep.REVIEWED,
                    "review",
                    body.reviewedOn(),
                    set,
                    s.caseDue(),
                    "DECISION",
                    Map.of("reviewer", body.reviewer().trim(), "discussed", body.discussedOn() != null),
                    caller);
        });
    }

    record ServiceInput(LocalDate servedOn, ServiceMethod method) {}

    Mono<ProcedureState> service(UUID caseId, ServiceInput body, Caller caller) {
        CaseAccess.requireBureau(caller);
        required("servedOn", body.servedOn());
        required("method", body.method());
        return write(caseId, caller, (c, s, today) -> {
            notAfterToday("servedOn", body.servedOn(), today);
            if (s.decidedOn() != null) {
                notBefore("servedOn", body.servedOn(), s.decidedOn(), "the decision");
            }
            LocalDate deemed = ProcedureRules.deemedServedOn(body.servedOn(), body.method());
            boolean fine = "FINE".equals(s.decisionKind())
                    && s.fineYuan() != null
                    && s.fineYuan().signum() > 0;
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("served_on", body.servedOn());
            set.put("service_method", body.method().name());
            set.put("deemed_served_on", deemed);
            LocalDate paymentDue = null;
            if (fine) {
                paymentDue = rules.paymentDue(deemed).day();
                set.put("payment_due", paymentDue);
                set.put("enforcement_from", ProcedureRules.enforcementFrom(deemed));
                set.put("enforcement_until", ProcedureRules.enforcementUntil(deemed));
            }
            return move(
                    c,
                    s,
                    ProcedureStep.SERVED,
                    "service",
                    body.servedOn(),
                    set,
                    paymentDue,
                    fine ? "PAYMENT" : null,
                    Map.of("method", body.method().name(), "deemedServedOn", deemed.toString()),
                    caller);
        });
    }

    record PaymentInput(LocalDate paidOn, BigDecimal amountYuan) {}

    Mono<ProcedureState> payment(UUID caseId, PaymentInput body, Caller caller) {
        CaseAccess.requireBureau(caller);
        required("paidOn", body.paidOn());
        required("amountYuan", body.amountYuan());
        return write(caseId, caller, (c, s, today) -> {
            notAfterToday("paidOn", body.paidOn(), today);
            if (s.step() == ProcedureStep.INSTALMENTS) {
                throw ApiException.conflict(
                        "instalments-approved",
                        "the fine is paid by its approved instalments (POST …/procedure/instalment-payment)");
            }
            if (s.step().canBecome(ProcedureStep.PAID)) {
                if (!s.owesFine()) {
                    throw ApiException.conflict("no-fine-owed", "case " + c.caseNo() + " owes no fine");
                }
                notBefore("paidOn", body.paidOn(), s.decidedOn(), "the decision");
                BigDecimal surcharge = s.surchargeOn(body.paidOn());
                BigDecimal owed = s.fineYuan().add(surcharge);
                if (body.amountYuan().compareTo(owed) != 0) {
                    throw new ApiException(
                            HttpStatus.UNPROCESSABLE_CONTENT,
                            "payment-amount-mismatch",
                            null,
                            "paid on " + body.paidOn() + " the party owes " + owed.toPlainString() + " yuan: fine "
                                    + s.fineYuan().toPlainString() + " + 加处罚款 " + surcharge.toPlainString(),
                            java.util.List.of(new FieldProblem(
                                    "amountYuan", "must be " + owed.toPlainString(), body.amountYuan())));
                }
                Map<String, Object> set = new LinkedHashMap<>();
                set.put("paid_on", body.paidOn());
                set.put("paid_yuan", body.amountYuan());
                set.put("surcharge_yuan", surcharge);
                return move(
                        c,
                        s,
                        ProcedureStep.PAID,
                        "payment",
                        body.paidOn(),
                        set,
                        null,
                        null,
                        Map.of(
                                "amountYuan",
                                body.amountYuan().toPlainString(),
                                "surchargeYuan",
                                surcharge.toPlainString()),
                        caller);
            }
            return move(c, s, ProcedureStep.PAID, "payment", body.paidOn(), Map.of(), null, null, Map.of(), caller);
        });
    }

    record EnforcementInput(LocalDate appliedOn, String court, String courtCaseNo) {}

    /**
     * 申请法院强制执行: only from URGED, on a day {@link ProcedureState#enforcementBlocker} allows (the periods for 复议
     * and 诉讼 over, the 催告's ten working days passed, within three months). The court's case number (案号) is given
     * when the court has accepted the application; optional here.
     */
    Mono<ProcedureState> enforcement(UUID caseId, EnforcementInput body, Caller caller) {
        CaseAccess.requireDecider(caller);
        required("appliedOn", body.appliedOn());
        if (blank(body.court())) {
            throw ApiException.invalidField("court", "the court applied to is required", null);
        }
        return write(caseId, caller, (c, s, today) -> {
            notAfterToday("appliedOn", body.appliedOn(), today);
            s.enforcementBlocker(body.appliedOn()).ifPresent(b -> {
                throw ApiException.conflict(b.code(), b.detail());
            });
            // the 催告's ten working days counted again on the calendar loaded now: a provisional end may really be
            // later (春节 …), and applying to the court early would cut the party's last chance to perform
            WorkdayCalendar.Deadline urge = rules.urgeDue(
                    ProcedureRules.deemedServedOn(s.urgeServedOn(), ServiceMethod.valueOf(s.urgeMethod())));
            if (urge.provisional()) {
                throw ApiException.conflict(
                        "workday-calendar-provisional",
                        "the 催告 window was counted provisionally to " + urge.day() + ": " + urge.reason()
                                + "; the court application waits until that year's arrangement is loaded");
            }
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("enforcement_applied_on", body.appliedOn());
            set.put("enforcement_court", body.court().trim());
            set.put(
                    "enforcement_court_case_no",
                    blank(body.courtCaseNo()) ? null : body.courtCaseNo().trim());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("court", body.court().trim());
            if (!blank(body.courtCaseNo())) {
                details.put("courtCaseNo", body.courtCaseNo().trim());
            }
            return move(
                    c,
                    s,
                    ProcedureStep.ENFORCEMENT_APPLIED,
                    "enforcement",
                    body.appliedOn(),
                    set,
                    null,
                    null,
                    details,
                    caller);
        });
    }

    record UrgeInput(LocalDate servedOn, ServiceMethod method) {}

    /**
     * 催告书 served (行政强制法 第三十五条、第五十四条): the party has ten working days from (deemed) service to perform; the
     * court application opens the day after, or when the periods for 复议/诉讼 end if later. Refused (409
     * {@code urge-too-late}) when the application could then no longer be made within its three months.
     */
    Mono<ProcedureState> urge(UUID caseId, UrgeInput body, Caller caller) {
        CaseAccess.requireBureau(caller);
        required("servedOn", body.servedOn());
        required("method", body.method());
        return write(caseId, caller, (c, s, today) -> {
            notAfterToday("servedOn", body.servedOn(), today);
            notBefore("servedOn", body.servedOn(), s.servedOn(), "the decision's service");
            s.urgeBlocker(body.servedOn()).ifPresent(b -> {
                throw ApiException.conflict(b.code(), b.detail());
            });
            LocalDate deemed = ProcedureRules.deemedServedOn(body.servedOn(), body.method());
            LocalDate urgeDue = rules.urgeDue(deemed).day();
            LocalDate opens = ProcedureRules.enforcementOpensOn(s.enforcementFrom(), urgeDue);
            if (opens.isAfter(s.enforcementUntil())) {
                throw ApiException.conflict(
                        "urge-too-late",
                        "the party could perform until " + urgeDue + ", after the last day of the court application ("
                                + s.enforcementUntil() + ", 行政强制法 第五十三条)");
            }
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("urge_served_on", body.servedOn());
            set.put("urge_method", body.method().name());
            set.put("urge_due", urgeDue);
            set.put("enforcement_opens_on", opens);
            return move(
                    c,
                    s,
                    ProcedureStep.URGED,
                    "urge",
                    body.servedOn(),
                    set,
                    s.enforcementUntil(),
                    "ENFORCEMENT",
                    Map.of(
                            "method", body.method().name(),
                            "urgeDue", urgeDue.toString(),
                            "enforcementOpensOn", opens.toString()),
                    caller);
        });
    }

    record DeferralInput(LocalDate appliedOn, String reason) {}

    /**
     * The party's written application for 暂缓 / 分期缴纳 (行政处罚法 第六十六条), recorded at SERVED before the payment
     * day has passed (afterwards the 加处罚款 already runs: ADR 0045). The step does not change until the bureau answers.
     */
    Mono<ProcedureState> deferral(UUID caseId, DeferralInput body, Caller caller) {
        CaseAccess.requireBureau(caller);
        required("appliedOn", body.appliedOn());
        if (blank(body.reason())) {
            throw ApiException.invalidField("reason", "the application states the economic difficulty (确有经济困难)", null);
        }
        return write(caseId, caller, (c, s, today) -> {
            notAfterToday("appliedOn", body.appliedOn(), today);
            notBefore("appliedOn", body.appliedOn(), s.servedOn(), "the decision's service");
            if (s.step() != ProcedureStep.SERVED || !s.owesFine()) {
                throw ApiException.conflict(
                        "procedure-step-not-allowed", "a deferral is applied for while the served fine is unpaid");
            }
            if (s.deferralAppliedOn() != null) {
                throw ApiException.conflict(
                        "deferral-already-applied", "the party applied on " + s.deferralAppliedOn());
            }
            if (body.appliedOn().isAfter(s.paymentDue())) {
                throw ApiException.conflict(
                        "deferral-too-late",
                        "the fine was due on " + s.paymentDue() + "; an application must come before it");
            }
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("deferral_applied_on", body.appliedOn());
            set.put("deferral_reason", body.reason().trim());
            return move(
                    c,
                    s,
                    s.step(),
                    "deferral",
                    body.appliedOn(),
                    set,
                    s.nextDue(),
                    s.nextDueKind(),
                    Map.of("reason", body.reason().trim()),
                    caller);
        });
    }

    record DeferralDecisionInput(
            LocalDate decidedOn, Boolean approved, String approver, List<InstalmentSchedule.Instalment> instalments) {}

    /**
     * The bureau's answer (CITY / PROVINCE: 行政机关批准). Approved: the schedule (one entry = 暂缓) must add up to the
     * fine exactly; the step becomes INSTALMENTS, the next deadline the first instalment, and the fine's own payment day
     * no longer counts. Refused: the fine stays due on its day, 加处罚款 included.
     */
    Mono<ProcedureState> deferralDecision(UUID caseId, DeferralDecisionInput body, Caller caller) {
        CaseAccess.requireDecider(caller);
        required("decidedOn", body.decidedOn());
        required("approved", body.approved());
        if (blank(body.approver())) {
            throw ApiException.invalidField("approver", "who approved or refused is required", null);
        }
        boolean approved = body.approved();
        return write(caseId, caller, (c, s, today) -> {
            notAfterToday("decidedOn", body.decidedOn(), today);
            if (s.step() != ProcedureStep.SERVED || s.deferralAppliedOn() == null || s.deferralDecidedOn() != null) {
                throw ApiException.conflict("deferral-not-pending", "no deferral application waits for an answer");
            }
            notBefore("decidedOn", body.decidedOn(), s.deferralAppliedOn(), "the application");
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("deferral_decided_on", body.decidedOn());
            set.put("deferral_approved", approved);
            set.put("deferral_approver", body.approver().trim());
            if (!approved) {
                return move(
                        c,
                        s,
                        s.step(),
                        "deferral-decision",
                        body.decidedOn(),
                        set,
                        s.nextDue(),
                        s.nextDueKind(),
                        Map.of("approved", false, "approver", body.approver().trim()),
                        caller);
            }
            InstalmentSchedule.check(s.fineYuan(), body.decidedOn(), body.instalments());
            List<InstalmentSchedule.Instalment> plan = InstalmentSchedule.normalised(body.instalments());
            Mono<Void> rows = Flux.range(0, plan.size())
                    .concatMap(i -> db.sql("""
                                    INSERT INTO case_instalment (case_id, seq, due_on, amount_yuan)
                                    VALUES (:case, :seq, :due, :amount)""")
                            .bind("case", c.id())
                            .bind("seq", i + 1)
                            .bind("due", plan.get(i).dueOn())
                            .bind("amount", plan.get(i).amountYuan())
                            .then())
                    .then();
            return move(
                            c,
                            s,
                            ProcedureStep.INSTALMENTS,
                            "deferral-decision",
                            body.decidedOn(),
                            set,
                            plan.get(0).dueOn(),
                            "INSTALMENT",
                            Map.of(
                                    "approved", true,
                                    "approver", body.approver().trim(),
                                    "instalments", plan.size(),
                                    "lastDueOn",
                                            plan.get(plan.size() - 1).dueOn().toString()),
                            caller)
                    .then(rows);
        });
    }

    record InstalmentPaymentInput(Integer seq, LocalDate paidOn, BigDecimal amountYuan) {}

    /**
     * One instalment paid, in order: the amount must be the instalment plus its own 加处罚款 (from its due day, capped at
     * the instalment). The last one moves the procedure to PAID with the totals.
     */
    Mono<ProcedureState> instalmentPayment(UUID caseId, InstalmentPaymentInput body, Caller caller) {
        CaseAccess.requireBureau(caller);
        required("seq", body.seq());
        required("paidOn", body.paidOn());
        required("amountYuan", body.amountYuan());
        return write(caseId, caller, (c, s, today) -> {
            notAfterToday("paidOn", body.paidOn(), today);
            if (s.step() != ProcedureStep.INSTALMENTS) {
                throw ApiException.conflict(
                        "procedure-step-not-allowed", "the procedure of case " + c.caseNo() + " is at " + s.step());
            }
            notBefore("paidOn", body.paidOn(), s.deferralDecidedOn(), "the approval");
            return ProcedureQueries.instalments(db, caseId, today).collectList().flatMap(all -> {
                ProcedureViews.Instalment it = all.stream()
                        .filter(i -> i.seq() == body.seq())
                        .findFirst()
                        .orElseThrow(() -> ApiException.invalidField("seq", "no such instalment", body.seq()));
                if (it.paidOn() != null) {
                    throw ApiException.conflict(
                            "instalment-already-paid", "instalment " + it.seq() + " was paid on " + it.paidOn());
                }
                ProcedureViews.Instalment first =
                        all.stream().filter(i -> i.paidOn() == null).findFirst().orElseThrow();
                if (first.seq() != it.seq()) {
                    throw ApiException.conflict(
                            "instalment-out-of-order", "instalment " + first.seq() + " is to be paid first");
                }
                BigDecimal surcharge = ProcedureRules.instalmentSurcharge(it.amountYuan(), it.dueOn(), body.paidOn());
                BigDecimal owed = it.amountYuan().add(surcharge);
                if (body.amountYuan().compareTo(owed) != 0) {
                    throw new ApiException(
                            HttpStatus.UNPROCESSABLE_CONTENT,
                            "payment-amount-mismatch",
                            null,
                            "paid on " + body.paidOn() + " instalment " + it.seq() + " costs " + owed.toPlainString()
                                    + " yuan: " + it.amountYuan().toPlainString() + " + 加处罚款 "
                                    + surcharge.toPlainString(),
                            List.of(new FieldProblem(
                                    "amountYuan", "must be " + owed.toPlainString(), body.amountYuan())));
                }
                Mono<Void> row = db.sql("""
                                UPDATE case_instalment SET paid_on = :on, paid_yuan = :paid, surcharge_yuan = :surcharge
                                WHERE case_id = :case AND seq = :seq AND paid_on IS NULL""")
                        .bind("on", body.paidOn())
                        .bind("paid", body.amountYuan())
                        .bind("surcharge", surcharge)
                        .bind("case", caseId)
                        .bind("seq", it.seq())
                        .then();
                ProcedureViews.Instalment next = all.stream()
                        .filter(i -> i.paidOn() == null && i.seq() != it.seq())
                        .findFirst()
                        .orElse(null);
                Map<String, Object> details = Map.of(
                        "seq", it.seq(),
                        "amountYuan", body.amountYuan().toPlainString(),
                        "surchargeYuan", surcharge.toPlainString());
                if (next != null) {
                    return row.then(move(
                            c,
                            s,
                            s.step(),
                            "instalment-payment",
                            body.paidOn(),
                            Map.of(),
                            next.dueOn(),
                            "INSTALMENT",
                            details,
                            caller));
                }
                BigDecimal paid = body.amountYuan();
                BigDecimal surcharges = surcharge;
                for (ProcedureViews.Instalment i : all) {
                    if (i.paidOn() != null) {
                        paid = paid.add(i.paidYuan());
                        surcharges = surcharges.add(i.surchargeYuan());
                    }
                }
                Map<String, Object> set = new LinkedHashMap<>();
                set.put("paid_on", body.paidOn());
                set.put("paid_yuan", paid);
                set.put("surcharge_yuan", surcharges);
                return row.then(move(
                        c,
                        s,
                        ProcedureStep.PAID,
                        "instalment-payment",
                        body.paidOn(),
                        set,
                        null,
                        null,
                        details,
                        caller));
            });
        });
    }

    record SuspensionInput(LocalDate on, String reason) {}

    /**
     * 中止案件调查 (生态环境行政处罚办法 第三十五条, approved by the head of the bureau: CITY / PROVINCE): the case limit
     * stops running — no DECISION deadline while suspended — and every other write is refused until resumption.
     */
    Mono<ProcedureState> suspension(UUID caseId, SuspensionInput body, Caller caller) {
        CaseAccess.requireDecider(caller);
        required("on", body.on());
        if (blank(body.reason())) {
            throw ApiException.invalidField("reason", "a suspension states its ground (中止事由)", null);
        }
        return write(caseId, caller, (c, s, today) -> {
            notAfterToday("on", body.on(), today);
            notBefore("on", body.on(), s.openedOn(), "the case's opening day");
            if (!s.step().beforeDecision()) {
                throw ApiException.conflict("case-already-decided", "only an investigation can be suspended");
            }
            if (s.suspended()) {
                throw ApiException.conflict("case-suspended", "suspended since " + s.suspendedSince());
            }
            if (body.on().isAfter(s.caseDue())) {
                throw ApiException.conflict(
                        "case-limit-passed", "the case limit ended on " + s.caseDue() + "; it cannot be suspended now");
            }
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("suspended_since", body.on());
            set.put("suspension_reason", body.reason().trim());
            return move(
                    c,
                    s,
                    s.step(),
                    "suspension",
                    body.on(),
                    set,
                    null,
                    null,
                    Map.of("reason", body.reason().trim()),
                    caller);
        });
    }

    record ResumptionInput(LocalDate on, String reason) {}

    /**
     * 恢复案件调查: the days from the suspension to the resumption are not counted against the case limit (added to the
     * excluded days, the one sum {@link ProcedureRules#caseDue} adds), and the limit runs again.
     */
    Mono<ProcedureState> resumption(UUID caseId, ResumptionInput body, Caller caller) {
        CaseAccess.requireDecider(caller);
        required("on", body.on());
        if (blank(body.reason())) {
            throw ApiException.invalidField("reason", "a resumption states why the ground ended", null);
        }
        return write(caseId, caller, (c, s, today) -> {
            notAfterToday("on", body.on(), today);
            if (!s.suspended()) {
                throw ApiException.conflict("case-not-suspended", "the investigation is not suspended");
            }
            notBefore("on", body.on(), s.suspendedSince(), "the suspension");
            int days = (int) ChronoUnit.DAYS.between(s.suspendedSince(), body.on());
            int excluded = s.excludedDays() + days;
            LocalDate caseDue = rules.caseDue(s.openedOn(), s.extensionDays(), excluded);
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("suspended_since", null);
            set.put("suspension_reason", null);
            set.put("suspended_days", s.suspendedDays() + days);
            set.put("excluded_days", excluded);
            set.put("case_due", caseDue);
            return move(
                    c,
                    s,
                    s.step(),
                    "resumption",
                    body.on(),
                    set,
                    caseDue,
                    "DECISION",
                    Map.of("reason", body.reason().trim(), "suspendedDays", days, "caseDue", caseDue.toString()),
                    caller);
        });
    }

    record TerminationInput(LocalDate on, String reason) {}

    /**
     * 终止案件调查 (生态环境行政处罚办法 第三十六条, approved by the head of the bureau): the procedure ends at TERMINATED
     * with no deadline; a suspended investigation may be terminated too.
     */
    Mono<ProcedureState> termination(UUID caseId, TerminationInput body, Caller caller) {
        CaseAccess.requireDecider(caller);
        required("on", body.on());
        if (blank(body.reason())) {
            throw ApiException.invalidField("reason", "a termination states its ground (终止事由)", null);
        }
        return write(caseId, caller, (c, s, today) -> {
            notAfterToday("on", body.on(), today);
            notBefore("on", body.on(), s.openedOn(), "the case's opening day");
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("terminated_on", body.on());
            set.put("termination_reason", body.reason().trim());
            if (s.suspended()) {
                set.put("suspended_since", null);
                set.put("suspension_reason", null);
                set.put(
                        "suspended_days",
                        s.suspendedDays() + (int) ChronoUnit.DAYS.between(s.suspendedSince(), body.on()));
            }
            return move(
                    c,
                    s,
                    ProcedureStep.TERMINATED,
                    "termination",
                    body.on(),
                    set,
                    null,
                    null,
                    Map.of("reason", body.reason().trim()),
                    caller);
        });
    }

    record ExtensionInput(Integer days, String reason, Boolean collectiveDiscussion) {}

    /**
     * Extends the case limit: the first extension by the head of the bureau (CITY / PROVINCE role), the second only
     * after collective discussion; each at most {@link ProcedureProperties#extensionMaxDays()} days; none after the
     * decision or once the limit has passed.
     */
    Mono<ProcedureState> extension(UUID caseId, ExtensionInput body, Caller caller) {
        CaseAccess.requireDecider(caller);
        int max = rules.figures().extensionMaxDays();
        if (body.days() == null || body.days() < 1 || body.days() > max) {
            throw ApiException.invalidField("days", "must be 1.." + max, body.days());
        }
        if (blank(body.reason())) {
            throw ApiException.invalidField("reason", "an extension needs its reason", null);
        }
        return write(caseId, caller, (c, s, today) -> {
            if (!s.step().beforeDecision()) {
                throw ApiException.conflict("case-already-decided", "the case limit ends with the decision");
            }
            if (s.extensions() >= ProcedureRules.MAX_EXTENSIONS) {
                throw ApiException.conflict("extension-limit", "the case limit was already extended twice");
            }
            if (today.isAfter(s.caseDue())) {
                throw ApiException.conflict(
                        "case-limit-passed", "the case limit ended on " + s.caseDue() + "; it cannot be extended now");
            }
            if (s.extensions() == 1 && !Boolean.TRUE.equals(body.collectiveDiscussion())) {
                throw new ApiException(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "collective-discussion-required",
                        null,
                        "a second extension is decided by the bureau's collective discussion (集体讨论)",
                        java.util.List.of(new FieldProblem("collectiveDiscussion", "must be true", false)));
            }
            int days = s.extensionDays() + body.days();
            LocalDate due = rules.caseDue(s.openedOn(), days, s.excludedDays());
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("extension_days", days);
            set.put("extensions", s.extensions() + 1);
            set.put("case_due", due);
            return move(
                    c,
                    s,
                    s.step(),
                    "extension",
                    today,
                    set,
                    due,
                    "DECISION",
                    Map.of(
                            "days", body.days(),
                            "reason", body.reason().trim(),
                            "collectiveDiscussion", Boolean.TRUE.equals(body.collectiveDiscussion()),
                            "caseDue", due.toString()),
                    caller);
        });
    }

    @FunctionalInterface
    interface Step {
        Mono<Void> apply(CaseRow c, ProcedureState s, LocalDate today);
    }

    /** Lock, read, apply, re-read: one transaction. */
    private Mono<ProcedureState> write(UUID caseId, Caller caller, Step step) {
        return cases.lockInScope(caseId, caller)
                .flatMap(c -> state(caseId).flatMap(s -> step.apply(c, s, clock.today())))
                .then(Mono.defer(() -> state(caseId)))
                .as(tx::transactional);
    }

    /**
     * {@code s.step → target} (target = s.step for an extension), guarded twice: by the table, and by the UPDATE's
     * {@code WHERE step = :from}. Sets the columns, the next deadline, logs, audits and emits.
     */
    private Mono<Void> move(
            CaseRow c,
            ProcedureState s,
            ProcedureStep target,
            String action,
            LocalDate on,
            Map<String, Object> columns,
            LocalDate nextDue,
            String nextDueKind,
            Map<String, Object> details,
            Caller caller) {
        // While suspended (中止) nothing moves but the pause itself: resumed, or the investigation terminated.
        if (s.suspended() && !"resumption".equals(action) && !"termination".equals(action)) {
            throw ApiException.conflict(
                    s.suspendedBlocker().code(), s.suspendedBlocker().detail());
        }
        // Only the actions that record something on the way stay on their step; every other one is a move of the table.
        boolean stays = STAYING_ACTIONS.contains(action) && target == s.step();
        if (!stays && !s.step().canBecome(target)) {
            throw ApiException.conflict(
                    "procedure-step-not-allowed",
                    "the procedure of case " + c.caseNo() + " is at " + s.step() + "; " + action + " is not possible");
        }
        OffsetDateTime now = clock.now();
        StringBuilder sql = new StringBuilder("UPDATE case_procedure SET step = :target, updated_by = :by, "
                + "updated_at = :at, next_due = :nextDue, next_due_kind = :nextDueKind");
        columns.forEach(
                (column, value) -> sql.append(", ").append(column).append(value == null ? " = NULL" : " = :" + column));
        sql.append(" WHERE case_id = :id AND step = :from");
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString())
                .bind("target", target.name())
                .bind("by", caller.subject())
                .bind("at", now)
                .bind("nextDue", Parameter.fromOrEmpty(nextDue, LocalDate.class))
                .bind("nextDueKind", Parameter.fromOrEmpty(nextDueKind, String.class))
                .bind("id", c.id())
                .bind("from", s.step().name());
        for (Map.Entry<String, Object> e : columns.entrySet()) {
            if (e.getValue() != null) {
                spec = spec.bind(e.getKey(), e.getValue());
            }
        }
        Map<String, Object> audited = new LinkedHashMap<>(details);
        audited.put("from", s.step().name());
        audited.put("to", target.name());
        audited.put("on", on.toString());
        BigDecimal surcharge = (BigDecimal) columns.get("surcharge_yuan");
        return spec.fetch()
                .rowsUpdated()
                .flatMap(n -> n == 1
                        ? Mono.<Void>empty()
                        : Mono.error(ApiException.conflict(
                                "procedure-step-not-allowed", "the procedure of case " + c.caseNo() + " changed")))
                .then(db.sql("""
                                INSERT INTO case_procedure_step (id, case_id, action, from_step, to_step, on_day, details,
                                    done_by, done_at)
                                VALUES (:id, :case, :action, :from, :to, :on, CAST(:details AS jsonb), :by, :at)""")
                        .bind("id", UUID.randomUUID())
                        .bind("case", c.id())
                        .bind("action", action)
                        .bind("from", s.step().name())
                        .bind("to", target.name())
                        .bind("on", on)
                        .bind("details", json.writeValueAsString(details))
                        .bind("by", caller.subject())
                        .bind("at", now)
                        .then())
                .then(audit.record("case.procedure." + action, RESOURCE, c.id().toString(), audited))
                .then(cases.emit(
                        c.id(),
                        ProcedureStepChanged.TYPE,
                        ref -> new ProcedureStepChanged(
                                ref,
                                target.name(),
                                s.step().name(),
                                action,
                                on,
                                nextDue,
                                nextDueKind,
                                surcharge,
                                now)));
    }

    private static void required(String field, Object value) {
        if (value == null) {
            throw ApiException.invalidField(field, "is required", null);
        }
    }

    private static void notAfterToday(String field, LocalDate day, LocalDate today) {
        if (day.isAfter(today)) {
            throw ApiException.invalidField(field, "must not be in the future (today is " + today + ")", day);
        }
    }

    private static void notBefore(String field, LocalDate day, LocalDate earliest, String what) {
        if (earliest != null && day.isBefore(earliest)) {
            throw ApiException.invalidField(field, "must not be before " + what + " (" + earliest + ")", day);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
