package org.permitwatch.inspection.procedure;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
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
import org.permitwatch.support.workday.WorkdayCalendar;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
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
        this.tx = TransactionalOperator.create(transactions);
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

    record EnforcementInput(LocalDate appliedOn, String court) {}

    Mono<ProcedureState> enforcement(UUID caseId, EnforcementInput body, Caller caller) {
        CaseAccess.requireDecider(caller);
        required("appliedOn", body.appliedOn());
        if (blank(body.court())) {
            throw ApiException.invalidField("court", "the court applied to is required", null);
        }
        return write(caseId, caller, (c, s, today) -> {
            notAfterToday("appliedOn", body.appliedOn(), today);
            if (s.step().canBecome(ProcedureStep.ENFORCEMENT_APPLIED)) {
                if (!s.owesFine()) {
                    throw ApiException.conflict("no-fine-owed", "case " + c.caseNo() + " owes no fine");
                }
                if (body.appliedOn().isBefore(s.enforcementFrom())) {
                    throw ApiException.conflict(
                            "enforcement-too-early",
                            "the periods for 复议 and 诉讼 run until "
                                    + s.enforcementFrom().minusDays(1) + "; apply from " + s.enforcementFrom()
                                    + " (行政强制法 第五十三条)");
                }
                if (body.appliedOn().isAfter(s.enforcementUntil())) {
                    throw ApiException.conflict(
                            "enforcement-too-late",
                            "the application had to be made by " + s.enforcementUntil() + " (行政强制法 第五十三条)");
                }
            }
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("enforcement_applied_on", body.appliedOn());
            set.put("enforcement_court", body.court().trim());
            return move(
                    c,
                    s,
                    ProcedureStep.ENFORCEMENT_APPLIED,
                    "enforcement",
                    body.appliedOn(),
                    set,
                    null,
                    null,
                    Map.of("court", body.court().trim()),
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
        // Only an extension stays on its step; every other action must be a move of the table.
        boolean stays = "extension".equals(action) && target == s.step();
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
