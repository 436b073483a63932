package org.permitwatch.inspection.cases;

import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.inspection.record.RecordScope;
import org.permitwatch.support.security.Caller;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Read side of cases; every query carries the caller's {@link RecordScope} as SQL — the same predicate as inspection
 * records and findings: bureau staff see their division, an INSPECTOR only the cases and queued findings of tasks
 * it is assigned to (a case has the task of the inspection that found it; a case from a remote alert has none and is
 * bureau-only). A case's detail costs a fixed number of
 * queries (case, proposals, decisions, rectification, its progress and verifications), whatever their count.
 */
@Component
class CaseQueries {

    private final DatabaseClient db;
    private final JsonMapper json;

    CaseQueries(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Filters of the list; null = any. */
    record Filter(String status, String violationType, String permitNumber, String cityCode, String countyCode) {}

    Flux<CaseRow> list(Caller caller, Filter filter, String orderBy, long offset, int limit) {
        RecordScope scope = RecordScope.of(caller);
        Where w = where(scope, filter);
        var spec = db.sql("SELECT " + CaseRow.COLUMNS + " FROM enforcement_case c WHERE " + w.sql + " ORDER BY "
                + orderBy + " LIMIT :limit OFFSET :offset");
        return w.bind(scope.bind(spec))
                .bind("limit", limit)
                .bind("offset", offset)
                .map(CaseRow::of)
                .all();
    }

    Mono<Long> count(Caller caller, Filter filter) {
        RecordScope scope = RecordScope.of(caller);
        Where w = where(scope, filter);
        return w.bind(scope.bind(db.sql("SELECT count(*) AS n FROM enforcement_case c WHERE " + w.sql)))
                .map(r -> r.get("n", Long.class))
                .one();
    }

    Mono<CaseViews.Detail> detail(UUID id, Caller caller) {
        RecordScope scope = RecordScope.of(caller);
        return scope.bind(db.sql("SELECT " + CaseRow.COLUMNS + " FROM enforcement_case c WHERE c.id = :id AND "
                                + scope.condition("c"))
                        .bind("id", id))
                .map(CaseRow::of)
                .one()
                .flatMap(c -> Mono.zip(
                                proposals(id),
                                decisions(id),
                                rectification(id).map(List::of).defaultIfEmpty(List.of()))
                        .map(t -> new CaseViews.Detail(
                                c.id(),
                                c.caseNo(),
                                c.origin(),
                                c.status(),
                                c.eventVersion(),
                                c.permitNumber(),
                                c.unitName(),
                                c.divisionCode(),
                                c.cityCode(),
                                c.keyIndustry(),
                                c.violationType(),
                                c.article(),
                                c.facts(),
                                json.readTree(c.evidenceJson()),
                                c.findingId(),
                                c.alertId(),
                                c.recordId(),
                                c.taskId(),
                                c.violationAt(),
                                c.handlingDivision(),
                                c.openedBy(),
                                c.openedAt(),
                                c.closedBy(),
                                c.closedAt(),
                                c.totalFineYuan(),
                                t.getT1(),
                                t.getT2(),
                                t.getT3().isEmpty() ? null : t.getT3().get(0))));
    }

    Flux<CaseViews.QueuedFinding> queue(Caller caller, long offset, int limit) {
        RecordScope scope = RecordScope.of(caller);
        return scope.bind(db.sql("""
                        SELECT f.id, f.record_id, f.permit_number, f.unit_name, f.division_code, f.city_code,
                               f.violation_type, f.article, f.item_title, f.inspected_at
                        FROM finding f""" + " WHERE " + queued(scope)
                        + " ORDER BY f.inspected_at DESC, f.id LIMIT :limit OFFSET :offset"))
                .bind("limit", limit)
                .bind("offset", offset)
                .map(r -> new CaseViews.QueuedFinding(
                        r.get("id", UUID.class),
                        r.get("record_id", UUID.class),
                        r.get("permit_number", String.class),
                        r.get("unit_name", String.class),
                        r.get("division_code", String.class),
                        r.get("city_code", String.class),
                        r.get("violation_type", String.class),
                        r.get("article", String.class),
                        r.get("item_title", String.class),
                        r.get("inspected_at", OffsetDateTime.class)))
                .all();
    }

    Mono<Long> queueCount(Caller caller) {
        RecordScope scope = RecordScope.of(caller);
        return scope.bind(db.sql("SELECT count(*) AS n FROM finding f WHERE " + queued(scope)))
                .map(r -> r.get("n", Long.class))
                .one();
    }

    /** Active findings without a case, inside the caller's scope (alias {@code f}). */
    private static String queued(RecordScope scope) {
        return "f.status = 'ACTIVE' AND " + scope.condition("f")
                + " AND NOT EXISTS (SELECT 1 FROM enforcement_case c WHERE c.finding_id = f.id)";
    }

    private Mono<List<CaseViews.Proposal>> proposals(UUID caseId) {
        return db.sql("""
                        SELECT id, benchmark_version, article, min_yuan, max_yuan, proposed_yuan, no_penalty_eligible,
                               no_penalty_rule, explanation::text AS explanation, created_by, created_at
                        FROM penalty_proposal WHERE case_id = :id ORDER BY created_at, id""")
                .bind("id", caseId)
                .map(r -> new CaseViews.Proposal(
                        r.get("id", UUID.class),
                        r.get("benchmark_version", String.class),
                        r.get("article", String.class),
                        r.get("min_yuan", BigDecimal.class),
                        r.get("max_yuan", BigDecimal.class),
                        r.get("proposed_yuan", BigDecimal.class),
                        Boolean.TRUE.equals(r.get("no_penalty_eligible", Boolean.class)),
                        r.get("no_penalty_rule", String.class),
                        json.readTree(r.get("explanation", String.class)),
                        r.get("created_by", String.class),
                        r.get("created_at", OffsetDateTime.class)))
                .all()
                .collectList();
    }

    private Mono<List<CaseViews.Decision>> decisions(UUID caseId) {
        return db.sql("""
                        SELECT id, kind, proposal_id, amount_yuan, proposed_yuan, overridden, override_reason,
                               no_penalty_rule, benchmark_version, days, from_date, to_date, rectification_id,
                               reinspection_record_id, decided_by, decided_at, explanation::text AS explanation
                        FROM penalty_decision WHERE case_id = :id ORDER BY decided_at, id""")
                .bind("id", caseId)
                .map(r -> new CaseViews.Decision(
                        r.get("id", UUID.class),
                        r.get("kind", String.class),
                        r.get("proposal_id", UUID.class),
                        r.get("amount_yuan", BigDecimal.class),
                        r.get("proposed_yuan", BigDecimal.class),
                        Boolean.TRUE.equals(r.get("overridden", Boolean.class)),
                        r.get("override_reason", String.class),
                        r.get("no_penalty_rule", String.class),
                        r.get("benchmark_version", String.class),
                        r.get("days", Integer.class),
                        r.get("from_date", LocalDate.class),
                        r.get("to_date", LocalDate.class),
                        r.get("rectification_id", UUID.class),
                        r.get("reinspection_record_id", UUID.class),
                        r.get("decided_by", String.class),
                        r.get("decided_at", OffsetDateTime.class),
                        json.readTree(r.get("explanation", String.class))))
                .all()
                .collectList();
    }

    private Mono<CaseViews.Rectification> rectification(UUID caseId) {
        return db.sql("""
                        SELECT id, status, ordered_on, served_on, deadline, requirements, follow_up_task_id, overdue_at, escalated_to,
                               verified_record_id, verified_by, verified_at, on_time, ordered_by, created_at
                        FROM rectification WHERE case_id = :id""")
                .bind("id", caseId)
                .map(CaseQueries::rectificationRow)
                .one()
                .flatMap(this::withChildren);
    }

    private static CaseViews.Rectification rectificationRow(Readable r) {
        return new CaseViews.Rectification(
                r.get("id", UUID.class),
                r.get("status", String.class),
                r.get("ordered_on", LocalDate.class),
                r.get("served_on", LocalDate.class),
                r.get("deadline", LocalDate.class),
                r.get("requirements", String.class),
                r.get("follow_up_task_id", UUID.class),
                r.get("overdue_at", OffsetDateTime.class),
                r.get("escalated_to", String.class),
                r.get("verified_record_id", UUID.class),
                r.get("verified_by", String.class),
                r.get("verified_at", OffsetDateTime.class),
                r.get("on_time", Boolean.class),
                r.get("ordered_by", String.class),
                r.get("created_at", OffsetDateTime.class),
                List.of(),
                List.of());
    }

    private Mono<CaseViews.Rectification> withChildren(CaseViews.Rectification base) {
        UUID id = base.id();
        Mono<List<CaseViews.Progress>> progress = db.sql("""
                        SELECT id, note, reported_by, reported_at FROM rectification_progress
                        WHERE rectification_id = :id ORDER BY reported_at, id""")
                .bind("id", id)
                .map(p -> new CaseViews.Progress(
                        p.get("id", UUID.class),
                        p.get("note", String.class),
                        p.get("reported_by", String.class),
                        p.get("reported_at", OffsetDateTime.class)))
                .all()
                .collectList();
        Mono<List<CaseViews.Verification>> verifications = db.sql("""
                        SELECT id, record_id, result, inspected_on, verified_by, verified_at FROM rectification_verification
                        WHERE rectification_id = :id ORDER BY verified_at, id""")
                .bind("id", id)
                .map(v -> new CaseViews.Verification(
                        v.get("id", UUID.class),
                        v.get("record_id", UUID.class),
                        v.get("result", String.class),
                        v.get("inspected_on", LocalDate.class),
                        v.get("verified_by", String.class),
                        v.get("verified_at", OffsetDateTime.class)))
                .all()
                .collectList();
        return Mono.zip(progress, verifications)
                .map(t -> new CaseViews.Rectification(
                        base.id(),
                        base.status(),
                        base.orderedOn(),
                        base.servedOn(),
                        base.deadline(),
                        base.requirements(),
                        base.followUpTaskId(),
                        base.overdueAt(),
                        base.escalatedTo(),
                        base.verifiedRecordId(),
                        base.verifiedBy(),
                        base.verifiedAt(),
                        base.onTime(),
                        base.orderedBy(),
                        base.orderedAt(),
                        t.getT1(),
                        t.getT2()));
    }

    private record Where(String sql, Map<String, Object> params) {
        DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec) {
            for (var e : params.entrySet()) {
                spec = spec.bind(e.getKey(), e.getValue());
            }
            return spec;
        }
    }

    private static Where where(RecordScope scope, Filter f) {
        StringBuilder sql = new StringBuilder(scope.condition("c"));
        Map<String, Object> params = new LinkedHashMap<>();
        if (f.status() != null) {
            sql.append(" AND c.status = :status");
            params.put("status", f.status());
        }
        if (f.violationType() != null) {
            sql.append(" AND c.violation_type = :violation");
            params.put("violation", f.violationType());
        }
        if (f.permitNumber() != null) {
            sql.append(" AND c.permit_number = :permit");
            params.put("permit", f.permitNumber());
        }
        if (f.cityCode() != null) {
            sql.append(" AND c.city_code = :city");
            params.put("city", f.cityCode());
        }
        if (f.countyCode() != null) {
            sql.append(" AND c.division_code = :county");
            params.put("county", f.countyCode());
        }
        return new Where(sql.toString(), params);
    }
}
