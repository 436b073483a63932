package org.permitwatch.inspection.penalty;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.events.enforcement.PenaltyDecided;
import org.permitwatch.inspection.cases.CaseAccess;
import org.permitwatch.inspection.cases.CaseRow;
import org.permitwatch.inspection.procedure.ProcedureService;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.tx.WholeTransactions;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Proposals, decisions and daily continuous fines of a case. Each write is one transaction holding the case's row
 * lock (so two decisions of one case serialise), the rows, the audit entries and the outbox event.
 */
@Service
class PenaltyService {

    /** Dates of violations and re-inspections are calendar days in China Standard Time. */
    private static final String RESOURCE = "enforcement-case";

    private final DatabaseClient db;
    private final CaseAccess cases;
    private final BenchmarkCatalog benchmarks;
    private final AuditLog audit;
    private final JsonMapper json;
    private final TransactionalOperator tx;
    private final DailyFineRules dailyRules;

    private final BureauClock clock;
    private final ProcedureService procedure;

    PenaltyService(
            DatabaseClient db,
            CaseAccess cases,
            BenchmarkCatalog benchmarks,
            AuditLog audit,
            JsonMapper json,
            ReactiveTransactionManager transactions,
            PenaltyProperties properties,
            BureauClock clock,
            ProcedureService procedure) {
        this.procedure = procedure;
        this.clock = clock;
        this.dailyRules = DailyFineRules.of(properties.daily());
        this.db = db;
        this.cases = cases;
        this.benchmarks = benchmarks;
        this.audit = audit;
        this.json = json;
        this.tx = WholeTransactions.create(transactions);
    }

    /** A stored proposal as the API returns it. */
    record ProposalView(
            UUID proposalId,
            UUID caseId,
            OffsetDateTime createdAt,
            @com.fasterxml.jackson.annotation.JsonUnwrapped Explanation explanation) {}

    /** 及时改正, as the case's rectification shows it. */
    record Correction(boolean inTime, String detail) {}

    /**
     * 及时改正 is a fact of the case, never a box ticked: the case's rectification was verified COMPLETE by a follow-up
     * inspection on or before its deadline (rectification.on_time).
     */
    private Mono<Correction> correction(UUID caseId) {
        return db.sql("SELECT status, deadline, on_time, verified_at FROM rectification WHERE case_id = :case")
                .bind("case", caseId)
                .map(r -> {
                    String status = r.get("status", String.class);
                    LocalDate deadline = r.get("deadline", LocalDate.class);
                    boolean complete = "VERIFIED_COMPLETE".equals(status);
                    boolean onTime = Boolean.TRUE.equals(r.get("on_time", Boolean.class));
                    if (complete && onTime) {
                        return new Correction(
                                true,
                                "rectification verified complete by a follow-up inspection on or "
                                        + "before its deadline " + deadline);
                    }
                    return new Correction(
                            false,
                            complete
                                    ? "rectification verified complete only after its deadline " + deadline
                                    : "rectification " + status + ", not yet verified complete (deadline " + deadline
                                            + ")");
                })
                .one()
                .defaultIfEmpty(new Correction(false, "no rectification ordered yet"));
    }

    Mono<ProposalView> propose(UUID caseId, PenaltyRequests.Proposal body, Caller caller) {
        CaseAccess.requireBureau(caller);
        if (body.correctedInTime() != null) {
            throw ApiException.invalidField(
                    "correctedInTime",
                    "is derived from the case's rectification (verified " + "complete by its deadline), do not send it",
                    body.correctedInTime());
        }
        return cases.lockInScope(caseId, caller)
                .flatMap(c -> {
                    requireOpen(c);
                    LocalDate violatedOn = clock.dayOf(c.violationAt());
                    Benchmark benchmark = benchmarks
                            .effectiveOn(violatedOn)
                            .orElseThrow(() -> ApiException.unprocessable(
                                    "no-benchmark-in-force",
                                    "no discretion benchmark version was in force on " + violatedOn));
                    return priors(c, violatedOn.minusMonths(benchmark.historyWindowMonths() + 1L))
                            // sequential: statements on one transactional connection must not interleave
                            .flatMap(found -> correction(caseId).map(k -> reactor.util.function.Tuples.of(found, k)))
                            .flatMap(t -> {
                                List<DiscretionCalculator.PriorCase> priors = t.getT1();
                                Correction corrected = t.getT2();
                                Explanation e = DiscretionCalculator.compute(
                                        benchmark,
                                        new DiscretionCalculator.CaseFacts(
                                                c.violationType(), c.article(), violatedOn, priors),
                                        new DiscretionCalculator.Inputs(
                                                body.factors(),
                                                body.adjustments(),
                                                body.occurrences(),
                                                Boolean.TRUE.equals(body.serious()),
                                                corrected.inTime(),
                                                corrected.detail()));
                                UUID id = UUID.randomUUID();
                                OffsetDateTime now = clock.now();
                                return db.sql("""
                                INSERT INTO penalty_proposal (id, case_id, benchmark_version, article, min_yuan, max_yuan,
                                    proposed_yuan, no_penalty_eligible, no_penalty_rule, input, explanation, created_by,
                                    created_at)
                                VALUES (:id, :case, :version, :article, :min, :max, :proposed, :eligible, :rule,
                                    CAST(:input AS jsonb), CAST(:explanation AS jsonb), :by, :at)""")
                                        .bind("id", id)
                                        .bind("case", caseId)
                                        .bind("version", e.benchmarkVersion())
                                        .bind("article", e.article())
                                        .bind("min", e.range().decisionMinYuan())
                                        .bind("max", e.range().decisionMaxYuan())
                                        .bind("proposed", e.resultYuan())
                                        .bind("eligible", e.noPenalty().eligible())
                                        .bind(
                                                "rule",
                                                org.springframework.r2dbc.core.Parameter.fromOrEmpty(
                                                        e.noPenalty().rule(), String.class))
                                        .bind("input", json.writeValueAsString(body))
                                        .bind("explanation", json.writeValueAsString(e))
                                        .bind("by", caller.subject())
                                        .bind("at", now)
                                        .then()
                                        .then(audit.record(
                                                "penalty.propose",
                                                RESOURCE,
                                                caseId.toString(),
                                                Map.of(
                                                        "proposalId",
                                                        id.toString(),
                                                        "benchmarkVersion",
                                                        e.benchmarkVersion(),
                                                        "proposedYuan",
                                                        e.resultYuan().toPlainString())))
                                        .thenReturn(new ProposalView(id, caseId, now, e));
                            });
                })
                .as(tx::transactional);
    }

    /** What a decision needs of its proposal. */
    private record StoredProposal(
            BigDecimal min,
            BigDecimal max,
            BigDecimal proposed,
            boolean eligible,
            String rule,
            String version,
            String explanation,
            String article) {}

    Mono<UUID> decide(UUID caseId, PenaltyRequests.Decision body, Caller caller) {
        CaseAccess.requireDecider(caller);
        return cases.lockInScope(caseId, caller)
                .flatMap(c -> {
                    requireOpen(c);
                    return db.sql("""
                            SELECT min_yuan, max_yuan, proposed_yuan, no_penalty_eligible, no_penalty_rule,
                                   benchmark_version, explanation::text AS explanation, article
                            FROM penalty_proposal WHERE id = :id AND case_id = :case""")
                            .bind("id", body.proposalId())
                            .bind("case", caseId)
                            .map(r -> new StoredProposal(
                                    r.get("min_yuan", BigDecimal.class),
                                    r.get("max_yuan", BigDecimal.class),
                                    r.get("proposed_yuan", BigDecimal.class),
                                    Boolean.TRUE.equals(r.get("no_penalty_eligible", Boolean.class)),
                                    r.get("no_penalty_rule", String.class),
                                    r.get("benchmark_version", String.class),
                                    r.get("explanation", String.class),
                                    r.get("article", String.class)))
                            .one()
                            .switchIfEmpty(Mono.error(() -> ApiException.invalidField(
                                    "proposalId", "is not a proposal of case " + c.caseNo(), body.proposalId())))
                            .flatMap(p -> decide(c, p, body, caller));
                })
                .as(tx::transactional);
    }

    private Mono<UUID> decide(CaseRow c, StoredProposal p, PenaltyRequests.Decision body, Caller caller) {
        if (!c.article().equals(p.article())) {
            throw ApiException.conflict(
                    "proposal-article-stale",
                    "the proposal was computed for article " + p.article() + "; the case was re-characterised to "
                            + c.article() + ": propose again");
        }
        boolean noPenalty = body.kind() == PenaltyRequests.Kind.NO_PENALTY;
        BigDecimal amount;
        if (noPenalty) {
            if (!p.eligible()) {
                throw unprocessable(
                        "no-penalty-not-eligible",
                        "kind",
                        "the proposal found no no-penalty rule met; see its noPenalty.reasons",
                        body.kind());
            }
            if (body.amountYuan() != null && body.amountYuan().signum() != 0) {
                throw ApiException.invalidField("amountYuan", "must be empty or 0 for NO_PENALTY", body.amountYuan());
            }
            amount = BigDecimal.ZERO;
        } else {
            amount = body.amountYuan() == null ? p.proposed() : body.amountYuan();
            if (amount.scale() > 2 && amount.stripTrailingZeros().scale() > 2) {
                throw ApiException.invalidField("amountYuan", "at most 2 decimals (fen)", amount);
            }
            if (amount.compareTo(p.min()) < 0 || amount.compareTo(p.max()) > 0) {
                throw unprocessable(
                        "amount-outside-range",
                        "amountYuan",
                        "must lie inside the statutory range " + p.min().toPlainString() + ".."
                                + p.max().toPlainString() + " yuan",
                        amount);
            }
        }
        boolean overridden = !noPenalty && amount.compareTo(p.proposed()) != 0;
        String reason = body.overrideReason() == null || body.overrideReason().isBlank()
                ? null
                : body.overrideReason().trim();
        if (overridden && reason == null) {
            throw unprocessable(
                    "override-reason-required",
                    "overrideReason",
                    "an amount other than the proposed " + p.proposed().toPlainString() + " yuan needs a reason",
                    null);
        }
        UUID id = UUID.randomUUID();
        OffsetDateTime now = clock.now();
        String kind = body.kind().name();
        String rule = noPenalty ? p.rule() : null;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("decisionId", id.toString());
        details.put("kind", kind);
        details.put("proposalId", body.proposalId().toString());
        details.put("amountYuan", amount.toPlainString());
        details.put("proposedYuan", p.proposed().toPlainString());
        // After the request's own checks (range, reason, eligibility): the procedure (告知, its windows, the hearing,
        // the review) must allow the decision — ProcedureState.decisionBlocker is the one rule, 409 with its code.
        return procedure
                .checkDecision(c.id(), !noPenalty, amount)
                .then(db.sql("""
                        INSERT INTO penalty_decision (id, case_id, kind, proposal_id, amount_yuan, proposed_yuan, overridden,
                            override_reason, no_penalty_rule, benchmark_version, explanation, decided_by, decided_at)
                        VALUES (:id, :case, :kind, :proposal, :amount, :proposed, :overridden, :reason, :rule, :version,
                            CAST(:explanation AS jsonb), :by, :at)""")
                        .bind("id", id)
                        .bind("case", c.id())
                        .bind("kind", kind)
                        .bind("proposal", body.proposalId())
                        .bind("amount", amount)
                        .bind("proposed", p.proposed())
                        .bind("overridden", overridden)
                        .bind(
                                "reason",
                                org.springframework.r2dbc.core.Parameter.fromOrEmpty(
                                        overridden ? reason : null, String.class))
                        .bind("rule", org.springframework.r2dbc.core.Parameter.fromOrEmpty(rule, String.class))
                        .bind("version", p.version())
                        .bind("explanation", p.explanation())
                        .bind("by", caller.subject())
                        .bind("at", now)
                        .then())
                .onErrorMap(
                        DataIntegrityViolationException.class,
                        e -> ApiException.conflict(
                                "case-already-decided", "case " + c.caseNo() + " already has a decision"))
                .then(cases.transition(c.id(), CaseRow.OPEN, CaseRow.DECIDED, "case-already-decided"))
                .then(procedure.decided(c, !noPenalty, amount, caller))
                .then(audit.record("penalty.decide", RESOURCE, c.id().toString(), details))
                .then(
                        overridden
                                ? audit.record(
                                        "penalty.override",
                                        RESOURCE,
                                        c.id().toString(),
                                        Map.of(
                                                "decisionId",
                                                id.toString(),
                                                "proposedYuan",
                                                p.proposed().toPlainString(),
                                                "amountYuan",
                                                amount.toPlainString(),
                                                "reason",
                                                reason))
                                : Mono.<Void>empty())
                .then(cases.emit(
                        c.id(),
                        PenaltyDecided.TYPE,
                        ref -> new PenaltyDecided(
                                ref,
                                id,
                                kind,
                                rule,
                                amount,
                                p.proposed(),
                                overridden,
                                p.version(),
                                null,
                                null,
                                null,
                                caller.subject(),
                                now)))
                .thenReturn(id);
    }

    /** The case's article after a re-characterisation, with the range it now falls under. */
    record Recharacterised(
            UUID caseId,
            String previousArticle,
            String article,
            String benchmarkVersion,
            String benchmarkArticle,
            BigDecimal minYuan,
            BigDecimal maxYuan,
            boolean perOccurrence) {}

    /**
     * Re-characterises the case's article (定性) before the decision: the article and 项 must have a range in the
     * benchmark version in force on the violation day; the reason is required and audited. Proposals computed for
     * the old article can no longer be decided (409 proposal-article-stale).
     */
    Mono<Recharacterised> recharacterise(UUID caseId, PenaltyRequests.Recharacterisation body, Caller caller) {
        CaseAccess.requireBureau(caller);
        return cases.lockInScope(caseId, caller)
                .flatMap(c -> {
                    requireOpen(c);
                    String article = body.article().trim();
                    String normalized = ArticleRef.normalize(article);
                    if (!normalized.matches("\\d{1,3}(\\(\\d{1,2}\\))?")) {
                        throw ApiException.invalidField(
                                "article", "must be an article of 《排污许可管理条例》, e.g. 36(5) or " + "第三十六条第（五）项", article);
                    }
                    LocalDate violatedOn = clock.dayOf(c.violationAt());
                    Benchmark benchmark = benchmarks
                            .effectiveOn(violatedOn)
                            .orElseThrow(() -> ApiException.unprocessable(
                                    "no-benchmark-in-force",
                                    "no discretion benchmark version was in force on " + violatedOn));
                    Benchmark.ArticleRange range = benchmark
                            .article(article)
                            .orElseThrow(() -> unprocessable(
                                    "article-not-in-benchmark",
                                    "article",
                                    "benchmark " + benchmark.id() + " has no range for article " + normalized,
                                    article));
                    if (article.equals(c.article())) {
                        throw ApiException.invalidField("article", "is already the case's article", article);
                    }
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("previousArticle", c.article());
                    details.put("article", article);
                    details.put("benchmarkVersion", benchmark.id());
                    details.put("benchmarkArticle", range.article());
                    details.put("minYuan", range.minYuan().toPlainString());
                    details.put("maxYuan", range.maxYuan().toPlainString());
                    details.put("reason", body.reason().trim());
                    return db.sql("UPDATE enforcement_case SET article = :article WHERE id = :id AND status = 'OPEN'")
                            .bind("article", article)
                            .bind("id", caseId)
                            .then()
                            .then(audit.record("case.recharacterise", RESOURCE, caseId.toString(), details))
                            .thenReturn(new Recharacterised(
                                    caseId,
                                    c.article(),
                                    article,
                                    benchmark.id(),
                                    range.article(),
                                    range.minYuan(),
                                    range.maxYuan(),
                                    range.perOccurrence()));
                })
                .as(tx::transactional);
    }

    /** What a daily continuous fine rests on: the order's service and deadline, the re-inspection, earlier fines. */
    private record Continuing(
            LocalDate servedOn,
            LocalDate deadline,
            LocalDate inspectedOn,
            String recordPermit,
            String recordStatus,
            long activeFindings,
            LocalDate finedThrough,
            boolean alreadyFined) {}

    /**
     * 按日连续处罚 (环境保护部令第28号): only for unlawful discharge (第五条, {@link DailyFineRules}); the original FINE ×
     * the days from the day after the order's service (or after the last day already fined) to the re-inspection that
     * found the violation continuing (verified CONTINUING on that rectification), within the re-inspection window.
     */
    Mono<UUID> dailyPenalty(UUID caseId, PenaltyRequests.DailyPenalty body, Caller caller) {
        CaseAccess.requireDecider(caller);
        return cases.lockInScope(caseId, caller)
                .flatMap(c -> {
                    if (CaseRow.CLOSED.equals(c.status())) {
                        return Mono.error(ApiException.conflict("case-closed", "case " + c.caseNo() + " is closed"));
                    }
                    dailyRules.requireAllowed(c.article());
                    return db.sql("""
                            SELECT amount_yuan, benchmark_version FROM penalty_decision
                            WHERE case_id = :case AND kind = 'FINE'""")
                            .bind("case", caseId)
                            .map(r -> new Object[] {
                                r.get("amount_yuan", BigDecimal.class), r.get("benchmark_version", String.class)
                            })
                            .one()
                            .switchIfEmpty(Mono.error(() -> ApiException.conflict(
                                    "fine-decision-required",
                                    "a daily continuous fine multiplies the case's FINE decision; case " + c.caseNo()
                                            + " has none")))
                            .flatMap(fine -> continuing(c, body).flatMap(k -> {
                                if (k.alreadyFined()) {
                                    return Mono.error(ApiException.conflict(
                                            "daily-penalty-exists", "this re-inspection was already fined"));
                                }
                                if (!"SUBMITTED".equals(k.recordStatus())
                                        || !c.permitNumber().equals(k.recordPermit())) {
                                    return Mono.error(ApiException.conflict(
                                            "reinspection-not-usable",
                                            "record " + body.reinspectionRecordId()
                                                    + " is not a submitted inspection of this unit"));
                                }
                                if (k.activeFindings() == 0) {
                                    return Mono.error(ApiException.conflict(
                                            "violation-not-continuing",
                                            "record " + body.reinspectionRecordId() + " has no active "
                                                    + c.violationType() + " finding"));
                                }
                                // A deadline the bureau granted is time allowed to correct: no 拒不改正 can be found inside
                                // it.
                                if (!k.inspectedOn().isAfter(k.deadline())) {
                                    return Mono.error(ApiException.conflict(
                                            "reinspection-before-deadline",
                                            "the re-inspection on " + k.inspectedOn()
                                                    + " is not after the correction deadline " + k.deadline()));
                                }
                                DailyFineRules.Period period =
                                        dailyRules.period(k.servedOn(), k.finedThrough(), k.inspectedOn());
                                BigDecimal original = (BigDecimal) fine[0];
                                int days = period.days();
                                BigDecimal amount = period.amount(original);
                                UUID id = UUID.randomUUID();
                                OffsetDateTime now = clock.now();
                                DailyFineExplanation explanation = new DailyFineExplanation(
                                        original.toPlainString(),
                                        original.toPlainString(),
                                        k.servedOn(),
                                        period.previousUntil(),
                                        period.from(),
                                        period.to(),
                                        days,
                                        amount.toPlainString(),
                                        DailyFineExplanation.FORMULA,
                                        dailyRules.windowDays(),
                                        c.article(),
                                        List.of(DailyFineRules.LEGAL_BASIS_DAYS, DailyFineRules.LEGAL_BASIS_AMOUNT));
                                Map<String, Object> audited = new LinkedHashMap<>();
                                audited.put("decisionId", id.toString());
                                audited.put("days", days);
                                audited.put("fromDate", period.from().toString());
                                audited.put("toDate", period.to().toString());
                                audited.put("amountYuan", amount.toPlainString());
                                audited.put(
                                        "reinspectionRecordId",
                                        body.reinspectionRecordId().toString());
                                return db.sql("""
                                        INSERT INTO penalty_decision (id, case_id, kind, amount_yuan, proposed_yuan,
                                            benchmark_version, days, from_date, to_date, rectification_id,
                                            reinspection_record_id, explanation, decided_by, decided_at)
                                        VALUES (:id, :case, 'DAILY_CONTINUOUS', :amount, :amount, :version, :days, :from, :to,
                                            :rectification, :record, CAST(:explanation AS jsonb), :by, :at)""")
                                        .bind("id", id)
                                        .bind("case", caseId)
                                        .bind("amount", amount)
                                        .bind("version", fine[1])
                                        .bind("days", days)
                                        .bind("from", period.from())
                                        .bind("to", period.to())
                                        .bind("rectification", body.rectificationId())
                                        .bind("record", body.reinspectionRecordId())
                                        .bind("explanation", json.writeValueAsString(explanation))
                                        .bind("by", caller.subject())
                                        .bind("at", now)
                                        .then()
                                        .onErrorMap(
                                                DataIntegrityViolationException.class,
                                                e -> ApiException.conflict(
                                                        "daily-penalty-exists", "this re-inspection was already fined"))
                                        .then(audit.record("penalty.daily", RESOURCE, caseId.toString(), audited))
                                        .then(cases.emit(
                                                caseId,
                                                PenaltyDecided.TYPE,
                                                ref -> new PenaltyDecided(
                                                        ref,
                                                        id,
                                                        "DAILY_CONTINUOUS",
                                                        null,
                                                        amount,
                                                        amount,
                                                        false,
                                                        (String) fine[1],
                                                        days,
                                                        period.from(),
                                                        period.to(),
                                                        caller.subject(),
                                                        now)))
                                        .thenReturn(id);
                            }));
                })
                .as(tx::transactional);
    }

    private Mono<Continuing> continuing(CaseRow c, PenaltyRequests.DailyPenalty body) {
        return db.sql("""
                        SELECT r.served_on, r.deadline, v.inspected_on, ir.permit_number, ir.status,
                               (SELECT count(*) FROM finding f WHERE f.record_id = v.record_id AND f.status = 'ACTIVE'
                                   AND f.violation_type = :violation) AS active,
                               (SELECT max(d.to_date) FROM penalty_decision d WHERE d.rectification_id = r.id
                                   AND d.kind = 'DAILY_CONTINUOUS') AS fined_through,
                               EXISTS (SELECT 1 FROM penalty_decision d WHERE d.rectification_id = r.id
                                   AND d.reinspection_record_id = v.record_id AND d.kind = 'DAILY_CONTINUOUS') AS already
                        FROM rectification r
                        JOIN rectification_verification v ON v.rectification_id = r.id AND v.record_id = :record
                                                          AND v.result = 'CONTINUING'
                        JOIN inspection_record ir ON ir.id = v.record_id
                        WHERE r.id = :rectification AND r.case_id = :case""")
                .bind("violation", c.violationType())
                .bind("record", body.reinspectionRecordId())
                .bind("rectification", body.rectificationId())
                .bind("case", c.id())
                .map(r -> new Continuing(
                        r.get("served_on", LocalDate.class),
                        r.get("deadline", LocalDate.class),
                        r.get("inspected_on", LocalDate.class),
                        r.get("permit_number", String.class),
                        r.get("status", String.class),
                        r.get("active", Long.class),
                        r.get("fined_through", LocalDate.class),
                        Boolean.TRUE.equals(r.get("already", Boolean.class))))
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.conflict(
                        "continuing-not-verified",
                        "rectification "
                                + body.rectificationId() + " of this case has no CONTINUING verification with record "
                                + body.reinspectionRecordId())));
    }

    private static void requireOpen(CaseRow c) {
        if (CaseRow.CLOSED.equals(c.status())) {
            throw ApiException.conflict("case-closed", "case " + c.caseNo() + " is closed");
        }
        if (CaseRow.DECIDED.equals(c.status())) {
            throw ApiException.conflict("case-already-decided", "case " + c.caseNo() + " already has a decision");
        }
    }

    private static ApiException unprocessable(String code, String field, String message, Object rejected) {
        return new ApiException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                code,
                null,
                message,
                List.of(new FieldProblem(field, message, rejected)));
    }

    /**
     * The unit's other cases and its recorded prior violations (from before the platform or other bureaus) since
     * {@code since}; a prior violation counts on its violation day, or on its decision day when that is not known.
     */
    private Mono<List<DiscretionCalculator.PriorCase>> priors(CaseRow c, LocalDate since) {
        return db.sql("""
                        SELECT case_no, violation_type, article, (violation_at AT TIME ZONE :zone)::date AS day
                        FROM enforcement_case
                        WHERE permit_number = :permit AND id <> :id AND violation_at >= :since
                        UNION ALL
                        SELECT decision_no, violation_type, article, coalesce(violated_on, decided_on)
                        FROM prior_violation
                        WHERE permit_number = :permit AND coalesce(violated_on, decided_on) >= :sinceDay""")
                .bind("permit", c.permitNumber())
                .bind("id", c.id())
                .bind("zone", clock.zone().getId())
                .bind("since", clock.startOf(since))
                .bind("sinceDay", since)
                .map(r -> new DiscretionCalculator.PriorCase(
                        r.get("case_no", String.class),
                        r.get("violation_type", String.class),
                        r.get("article", String.class),
                        r.get("day", LocalDate.class)))
                .all()
                .collectList();
    }
}
