package org.permitwatch.inspection.cases;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.events.enforcement.CaseClosed;
import org.permitwatch.events.enforcement.CaseOpened;
import org.permitwatch.inspection.procedure.ProcedureService;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.tx.WholeTransactions;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opens cases from findings and alerts, and closes them (销号). Each write is one transaction with its audit row and
 * outbox event; the case number comes from a per-city-and-year counter row incremented under its lock.
 * Implements {@link CaseFiling} for the remote-check feature.
 */
@Service
class CaseService implements CaseFiling {

    /** Case numbers count per calendar year in China Standard Time. */
    private static final String RESOURCE = "enforcement-case";

    private final DatabaseClient db;
    private final CaseAccess cases;
    private final AuditLog audit;
    private final JsonMapper json;
    private final TransactionalOperator tx;

    private final BureauClock clock;

    private final MonitoringEvidence monitoringEvidence;

    private final ProcedureService procedure;

    CaseService(
            DatabaseClient db,
            CaseAccess cases,
            AuditLog audit,
            JsonMapper json,
            ReactiveTransactionManager transactions,
            BureauClock clock,
            MonitoringEvidence monitoringEvidence,
            ProcedureService procedure) {
        this.procedure = procedure;
        this.monitoringEvidence = monitoringEvidence;
        this.clock = clock;
        this.db = db;
        this.cases = cases;
        this.audit = audit;
        this.json = json;
        this.tx = WholeTransactions.create(transactions);
    }

    /** A finding as the case copies it. */
    private record FindingSource(
            UUID id,
            String status,
            UUID recordId,
            UUID taskId,
            String permitNumber,
            String unitName,
            String divisionCode,
            String cityCode,
            String keyIndustry,
            String violationType,
            String article,
            Integer itemNo,
            String itemTitle,
            String notes,
            String evidence,
            String measurements,
            OffsetDateTime inspectedAt) {}

    private record NewCase(
            String origin,
            UUID findingId,
            UUID alertId,
            UUID recordId,
            UUID taskId,
            String permitNumber,
            String unitName,
            String divisionCode,
            String cityCode,
            String keyIndustry,
            String violationType,
            String article,
            String facts,
            String evidence,
            OffsetDateTime violationAt) {}

    Mono<UUID> openFromFinding(UUID findingId, Caller caller) {
        CaseAccess.requireBureau(caller);
        return db.sql("""
                        SELECT f.id, f.status, f.record_id, f.task_id, f.permit_number, f.unit_name, f.division_code,
                               f.city_code, f.key_industry, f.violation_type, f.article, f.item_no, f.item_title, f.notes,
                               f.evidence::text AS evidence, f.measurements::text AS measurements, f.inspected_at
                        FROM finding f WHERE f.id = :id AND f.division_code LIKE :scope FOR UPDATE""")
                .bind("id", findingId)
                .bind("scope", caller.division().likePattern())
                .map(r -> new FindingSource(
                        r.get("id", UUID.class),
                        r.get("status", String.class),
                        r.get("record_id", UUID.class),
                        r.get("task_id", UUID.class),
                        r.get("permit_number", String.class),
                        r.get("unit_name", String.class),
                        r.get("division_code", String.class),
                        r.get("city_code", String.class),
                        r.get("key_industry", String.class),
                        r.get("violation_type", String.class),
                        r.get("article", String.class),
                        r.get("item_no", Integer.class),
                        r.get("item_title", String.class),
                        r.get("notes", String.class),
                        r.get("evidence", String.class),
                        r.get("measurements", String.class),
                        r.get("inspected_at", OffsetDateTime.class)))
                .one()
                .switchIfEmpty(Mono.error(
                        () -> ApiException.notFound("finding-not-found", "no finding " + findingId + " in your scope")))
                .flatMap(f -> {
                    if (!"ACTIVE".equals(f.status())) {
                        return Mono.error(
                                ApiException.conflict(
                                        "finding-not-active",
                                        "finding " + findingId
                                                + " was superseded by a correction of its record; open the case from the active finding"));
                    }
                    if (f.article() == null || f.article().isBlank()) {
                        return Mono.error(ApiException.unprocessable(
                                "finding-without-article",
                                "finding " + findingId + " names no article of the Regulation"));
                    }
                    String facts = "检查项" + (f.itemNo() == null ? "" : f.itemNo()) + "「" + f.itemTitle() + "」不符合要求"
                            + (f.notes() == null || f.notes().isBlank()
                                    ? ""
                                    : "：" + f.notes().trim());
                    return insert(
                            new NewCase(
                                    "FINDING",
                                    f.id(),
                                    null,
                                    f.recordId(),
                                    f.taskId(),
                                    f.permitNumber(),
                                    f.unitName(),
                                    f.divisionCode(),
                                    f.cityCode(),
                                    f.keyIndustry(),
                                    f.violationType(),
                                    f.article(),
                                    facts,
                                    findingEvidence(f),
                                    f.inspectedAt()),
                            caller);
                })
                .as(tx::transactional);
    }

    @Override
    public Mono<UUID> openFromAlert(AlertCase request, Caller caller) {
        return Mono.defer(() -> {
                    CaseAccess.requireBureau(caller);
                    requireText(
                            "alertId",
                            request.alertId() == null ? null : request.alertId().toString());
                    requireText("permitNumber", request.permitNumber());
                    requireText("violationType", request.violationType());
                    requireText("article", request.article());
                    requireText("facts", request.facts());
                    return db.sql("""
                            SELECT u.unit_name, u.division_code, coalesce(u.city_code, substr(u.division_code, 1, 4) || '00')
                                   AS city_code, coalesce(u.key_industry, 'OTHER') AS key_industry
                            FROM directory_unit u WHERE u.permit_number = :permit AND u.division_code LIKE :scope""")
                            .bind("permit", request.permitNumber())
                            .bind("scope", caller.division().likePattern())
                            .map(r -> new String[] {
                                r.get("unit_name", String.class),
                                r.get("division_code", String.class),
                                r.get("city_code", String.class),
                                r.get("key_industry", String.class)
                            })
                            .one()
                            .switchIfEmpty(Mono.error(() -> ApiException.notFound(
                                    "unit-not-found", "no unit " + request.permitNumber() + " in your scope")))
                            .flatMap(u -> insert(
                                    new NewCase(
                                            "ALERT",
                                            null,
                                            request.alertId(),
                                            null,
                                            null,
                                            request.permitNumber(),
                                            u[0],
                                            u[1],
                                            u[2],
                                            u[3],
                                            request.violationType(),
                                            request.article(),
                                            request.facts(),
                                            json.writeValueAsString(request.evidence()),
                                            request.violationAt() != null ? request.violationAt() : clock.now()),
                                    caller))
                            .flatMap(id -> request.frozenSeries() == null
                                    ? Mono.just(id)
                                    : monitoringEvidence
                                            .freeze(id, request.alertId(), request.frozenSeries(), caller)
                                            .thenReturn(id));
                })
                .as(tx::transactional);
    }

    private Mono<UUID> insert(NewCase c, Caller caller) {
        UUID id = UUID.randomUUID();
        int year = clock.today().getYear();
        return nextNumber(c.cityCode(), year)
                .flatMap(no -> db.sql("""
                                INSERT INTO enforcement_case (id, case_no, origin, finding_id, alert_id, record_id, task_id,
                                    permit_number, unit_name, division_code, city_code, key_industry, violation_type,
                                    article, facts, evidence, violation_at, handling_division, status, opened_by)
                                VALUES (:id, :no, :origin, :finding, :alert, :record, :task, :permit, :unitName, :division,
                                    :city, :industry, :violation, :article, :facts, CAST(:evidence AS jsonb), :violationAt,
                                    :handling, 'OPEN', :by)""")
                        .bind("id", id)
                        .bind("no", String.format("%s-%d-%04d", c.cityCode(), year, no))
                        .bind("origin", c.origin())
                        .bind("finding", nullable(c.findingId()))
                        .bind("alert", nullable(c.alertId()))
                        .bind("record", nullable(c.recordId()))
                        .bind("task", nullable(c.taskId()))
                        .bind("permit", c.permitNumber())
                        .bind("unitName", c.unitName())
                        .bind("division", c.divisionCode())
                        .bind("city", c.cityCode())
                        .bind("industry", c.keyIndustry())
                        .bind("violation", c.violationType())
                        .bind("article", c.article())
                        .bind("facts", c.facts())
                        .bind("evidence", c.evidence())
                        .bind("violationAt", c.violationAt())
                        .bind("handling", caller.division().value())
                        .bind("by", caller.subject())
                        .then())
                .onErrorMap(DataIntegrityViolationException.class, e -> duplicate(e, c))
                // The procedure starts with the case: its 90-day limit runs from 立案 (docs/inspection/cases.md).
                .then(Mono.defer(() -> procedure.opened(id, caller.subject())))
                .then(audit.record(
                        "case.open",
                        RESOURCE,
                        id.toString(),
                        Map.of(
                                "origin",
                                c.origin(),
                                "source",
                                String.valueOf(c.findingId() != null ? c.findingId() : c.alertId()))))
                .then(cases.emit(
                        id,
                        CaseOpened.TYPE,
                        ref -> new CaseOpened(
                                ref,
                                c.origin(),
                                c.findingId(),
                                c.alertId(),
                                c.recordId(),
                                c.taskId(),
                                caller.subject(),
                                clock.now())))
                .thenReturn(id);
    }

    /** Race-safe: the upsert takes the counter row's lock, so two openings in one city never share a number. */
    private Mono<Integer> nextNumber(String cityCode, int year) {
        return db.sql("""
                        INSERT INTO case_number_counter (city_code, year, last_no) VALUES (:city, :year, 1)
                        ON CONFLICT (city_code, year) DO UPDATE SET last_no = case_number_counter.last_no + 1
                        RETURNING last_no""")
                .bind("city", cityCode)
                .bind("year", year)
                .map(r -> r.get("last_no", Integer.class))
                .one();
    }

    /**
     * 销号: only with a FINE or NO_PENALTY decision and a rectification verified complete. Emits CaseClosed with the
     * sum of the case's decided fines.
     */
    Mono<Void> close(UUID caseId, Caller caller) {
        CaseAccess.requireBureau(caller);
        return cases.lockInScope(caseId, caller)
                .flatMap(c -> {
                    if (CaseRow.CLOSED.equals(c.status())) {
                        return Mono.error(
                                ApiException.conflict("case-closed", "case " + c.caseNo() + " is already closed"));
                    }
                    if (!CaseRow.DECIDED.equals(c.status())) {
                        return Mono.error(ApiException.conflict(
                                "decision-required",
                                "case " + c.caseNo() + " has no penalty decision (FINE or NO_PENALTY) yet"));
                    }
                    return db.sql("""
                            SELECT (SELECT status FROM rectification WHERE case_id = :id) AS rectification,
                                   (SELECT coalesce(sum(amount_yuan), 0) FROM penalty_decision WHERE case_id = :id) AS total""")
                            .bind("id", caseId)
                            .map(r ->
                                    new Object[] {r.get("rectification", String.class), r.get("total", BigDecimal.class)
                                    })
                            .one()
                            .flatMap(row -> {
                                if (!"VERIFIED_COMPLETE".equals(row[0])) {
                                    return Mono.error(ApiException.conflict(
                                            "rectification-not-verified",
                                            "case " + c.caseNo()
                                                    + " can only be closed after a follow-up verified its rectification complete (now: "
                                                    + (row[0] == null ? "no rectification ordered" : row[0]) + ")"));
                                }
                                BigDecimal total = (BigDecimal) row[1];
                                OffsetDateTime now = clock.now();
                                return db.sql("""
                                        UPDATE enforcement_case SET status = 'CLOSED', closed_by = :by, closed_at = :at,
                                            total_fine_yuan = :total WHERE id = :id AND status = ANY(:from)""")
                                        .bind("from", CaseStatus.sourcesOf(CaseStatus.CLOSED))
                                        .bind("by", caller.subject())
                                        .bind("at", now)
                                        .bind("total", total)
                                        .bind("id", caseId)
                                        .fetch()
                                        .rowsUpdated()
                                        .flatMap(n -> n == 1
                                                ? Mono.<Void>empty()
                                                : Mono.error(ApiException.conflict(
                                                        "case-closed", "case " + c.caseNo() + " changed meanwhile")))
                                        .then(audit.record(
                                                "case.close",
                                                RESOURCE,
                                                caseId.toString(),
                                                Map.of("totalFineYuan", total.toPlainString())))
                                        .then(cases.emit(
                                                caseId,
                                                CaseClosed.TYPE,
                                                ref -> new CaseClosed(
                                                        ref, total, total.signum() > 0, caller.subject(), now)));
                            });
                })
                .as(tx::transactional);
    }

    /** The finding's evidence files and measurements as one list of {@code kind}-tagged items. */
    private String findingEvidence(FindingSource f) {
        List<Object> items = new ArrayList<>();
        tag(json.readTree(f.evidence()), "FILE", items);
        tag(json.readTree(f.measurements()), "MEASUREMENT", items);
        return json.writeValueAsString(items);
    }

    private void tag(JsonNode array, String kind, List<Object> into) {
        for (JsonNode n : array) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("kind", kind);
            item.putAll(json.convertValue(n, Map.class));
            into.add(item);
        }
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalidField(field, "is required to open a case", value);
        }
    }

    private static Object nullable(UUID id) {
        return org.springframework.r2dbc.core.Parameter.fromOrEmpty(id, UUID.class);
    }

    private static Throwable duplicate(DataIntegrityViolationException e, NewCase c) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("enforcement_case_finding_uq")) {
            return ApiException.conflict("case-exists", "finding " + c.findingId() + " already has a case");
        }
        if (message.contains("enforcement_case_alert_uq")) {
            return ApiException.conflict("case-exists", "alert " + c.alertId() + " already has a case");
        }
        return e;
    }
}
