package org.permitwatch.inspection.procedure;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.permitwatch.inspection.record.RecordScope;
import org.permitwatch.support.security.Caller;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Read side of the procedure, scoped exactly like the case it belongs to ({@link RecordScope} on the case row: bureau
 * staff their division, an inspector the cases of its own tasks); outside it, nothing (404).
 */
@Component
class ProcedureQueries {

    private final DatabaseClient db;
    private final ProcedureRules rules;

    ProcedureQueries(DatabaseClient db, ProcedureService procedures) {
        this.db = db;
        this.rules = procedures.rules();
    }

    Mono<ProcedureViews.Procedure> procedure(UUID caseId, Caller caller, LocalDate today) {
        RecordScope scope = RecordScope.of(caller);
        return scope.bind(db.sql("SELECT " + ProcedureState.COLUMNS
                                + " FROM case_procedure p JOIN enforcement_case c ON c.id = p.case_id"
                                + " WHERE p.case_id = :id AND " + scope.condition("c"))
                        .bind("id", caseId))
                .map(ProcedureState::of)
                .one()
                .map(rules::current)
                .flatMap(s -> history(caseId)
                        .collectList()
                        .zipWith(instalments(db, caseId, today).collectList())
                        .map(t -> view(s, today, t.getT1(), t.getT2())));
    }

    static ProcedureViews.Procedure view(
            ProcedureState s,
            LocalDate today,
            java.util.List<ProcedureViews.StepEntry> history,
            java.util.List<ProcedureViews.Instalment> instalments) {
        // zero once a deferral was approved (each instalment is then late on its own) or while the day is provisional
        long daysLate = s.daysLate(today);
        return new ProcedureViews.Procedure(
                s,
                today,
                s.allowedActions(today),
                s.nextDue() != null && s.nextDue().isBefore(today),
                daysLate,
                s.surchargeOn(today),
                s.decisionBlocker(true, null, today)
                        .map(ProcedureState.Blocker::code)
                        .orElse(null),
                history,
                s.owesFine()
                        ? s.enforcementBlocker(today)
                                .map(ProcedureState.Blocker::code)
                                .orElse(null)
                        : null,
                instalments);
    }

    /** A case's instalments in order, with what each costs on {@code today} (the service reads them under its lock). */
    static Flux<ProcedureViews.Instalment> instalments(DatabaseClient db, UUID caseId, LocalDate today) {
        return db.sql("""
                        SELECT seq, due_on, amount_yuan, paid_on, paid_yuan, surcharge_yuan
                        FROM case_instalment WHERE case_id = :id ORDER BY seq""")
                .bind("id", caseId)
                .map(r -> ProcedureViews.Instalment.of(
                        r.get("seq", Integer.class),
                        r.get("due_on", LocalDate.class),
                        r.get("amount_yuan", BigDecimal.class),
                        r.get("paid_on", LocalDate.class),
                        r.get("paid_yuan", BigDecimal.class),
                        r.get("surcharge_yuan", BigDecimal.class),
                        today))
                .all();
    }

    private Flux<ProcedureViews.StepEntry> history(UUID caseId) {
        return db.sql("""
                        SELECT action, from_step, to_step, on_day, details::text AS details, done_by, done_at
                        FROM case_procedure_step WHERE case_id = :id ORDER BY seq""")
                .bind("id", caseId)
                .map(r -> new ProcedureViews.StepEntry(
                        r.get("action", String.class),
                        r.get("from_step", String.class),
                        r.get("to_step", String.class),
                        r.get("on_day", LocalDate.class),
                        r.get("details", String.class),
                        r.get("done_by", String.class),
                        r.get("done_at", OffsetDateTime.class)))
                .all();
    }

    /** Filters of the due list. */
    record DueFilter(LocalDate horizon, boolean overdueOnly, String kind) {}

    Flux<ProcedureViews.DueItem> due(
            Caller caller, DueFilter f, LocalDate today, String orderBy, long offset, int limit) {
        RecordScope scope = RecordScope.of(caller);
        String where = dueWhere(scope, f);
        var spec = db.sql("""
                        SELECT c.id, c.case_no, c.unit_name, c.permit_number, c.division_code, c.status, p.step,
                               p.next_due, p.next_due_kind, p.fine_yuan, p.payment_due, p.paid_on,
                               i.due_on AS instalment_due, i.amount_yuan AS instalment_yuan
                        FROM case_procedure p JOIN enforcement_case c ON c.id = p.case_id
                        LEFT JOIN LATERAL (SELECT ci.due_on, ci.amount_yuan FROM case_instalment ci
                                           WHERE ci.case_id = p.case_id AND ci.paid_on IS NULL
                                           ORDER BY ci.seq LIMIT 1) i ON p.next_due_kind = 'INSTALMENT'
                        WHERE """ + " " + where + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset");
        return bindDue(scope.bind(spec), f, today)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(r -> {
                    LocalDate nextDue = r.get("next_due", LocalDate.class);
                    String kind = r.get("next_due_kind", String.class);
                    BigDecimal fine = r.get("fine_yuan", BigDecimal.class);
                    LocalDate paymentDue = r.get("payment_due", LocalDate.class);
                    LocalDate instalmentDue = r.get("instalment_due", LocalDate.class);
                    BigDecimal instalment = r.get("instalment_yuan", BigDecimal.class);
                    BigDecimal surcharge;
                    if (("PAYMENT".equals(kind) || "ENFORCEMENT".equals(kind)) && fine != null && paymentDue != null) {
                        surcharge = ProcedureRules.surcharge(fine, ProcedureRules.daysLate(paymentDue, today));
                    } else if ("INSTALMENT".equals(kind) && instalment != null) {
                        surcharge = ProcedureRules.instalmentSurcharge(instalment, instalmentDue, today);
                    } else {
                        surcharge = BigDecimal.ZERO.setScale(2);
                    }
                    return new ProcedureViews.DueItem(
                            r.get("id", UUID.class),
                            r.get("case_no", String.class),
                            r.get("unit_name", String.class),
                            r.get("permit_number", String.class),
                            r.get("division_code", String.class),
                            r.get("status", String.class),
                            ProcedureStep.valueOf(r.get("step", String.class)).v1Name(),
                            nextDue,
                            kind,
                            Math.max(0, ChronoUnit.DAYS.between(nextDue, today)),
                            fine,
                            surcharge,
                            r.get("step", String.class));
                })
                .all();
    }

    Mono<Long> dueCount(Caller caller, DueFilter f, LocalDate today) {
        RecordScope scope = RecordScope.of(caller);
        var spec = db.sql("SELECT count(*) AS n FROM case_procedure p JOIN enforcement_case c ON c.id = p.case_id "
                + "WHERE " + dueWhere(scope, f));
        return bindDue(scope.bind(spec), f, today)
                .map(r -> r.get("n", Long.class))
                .one();
    }

    private static String dueWhere(RecordScope scope, DueFilter f) {
        StringBuilder w = new StringBuilder(scope.condition("c"));
        w.append(" AND p.next_due IS NOT NULL");
        w.append(f.overdueOnly() ? " AND p.next_due < :today" : " AND p.next_due <= :horizon");
        if (f.kind() != null) {
            w.append(" AND p.next_due_kind = :kind");
        }
        return w.toString();
    }

    private static DatabaseClient.GenericExecuteSpec bindDue(
            DatabaseClient.GenericExecuteSpec spec, DueFilter f, LocalDate today) {
        spec = f.overdueOnly() ? spec.bind("today", today) : spec.bind("horizon", f.horizon());
        return f.kind() == null ? spec : spec.bind("kind", f.kind());
    }
}
