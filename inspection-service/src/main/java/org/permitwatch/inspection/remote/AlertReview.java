package org.permitwatch.inspection.remote;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.inspection.cases.CaseFiling;
import org.permitwatch.inspection.inspector.InspectorPool;
import org.permitwatch.inspection.task.NewTask;
import org.permitwatch.inspection.task.TaskOrigin;
import org.permitwatch.inspection.task.TaskWriter;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.outbox.OutboxWriter;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.tx.WholeTransactions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an OPEN alert into DISMISSED, TASKED (a targeted task, origin ALERT) or CASED (a case through
 * {@link CaseFiling}), in one transaction with the task or case, the {@code AlertChanged} event and the audit row.
 * The alert row is locked first, so two reviewers racing get one success and one 409.
 */
@Component
class AlertReview {

    static final String NOT_OPEN = "alert-not-open";

    private final DatabaseClient db;
    private final TaskWriter tasks;
    private final ObjectProvider<CaseFiling> cases;
    private final AuditLog audit;
    private final OutboxWriter outbox;
    private final RemoteCheckProperties properties;
    private final JsonMapper json;
    private final TransactionalOperator tx;

    private final InspectorPool pool;

    private final BureauClock clock;

    AlertReview(
            DatabaseClient db,
            TaskWriter tasks,
            ObjectProvider<CaseFiling> cases,
            AuditLog audit,
            OutboxWriter outbox,
            RemoteCheckProperties properties,
            JsonMapper json,
            ReactiveTransactionManager transactions,
            InspectorPool pool,
            BureauClock clock) {
        this.clock = clock;
        this.pool = pool;
        this.db = db;
        this.tasks = tasks;
        this.cases = cases;
        this.audit = audit;
        this.outbox = outbox;
        this.properties = properties;
        this.json = json;
        this.tx = WholeTransactions.create(transactions);
    }

    static final String NO_VIOLATION_TYPE = "alert-without-violation-type";
    static final String FORECAST = "alert-is-forecast";

    /** The locked alert row: what a decision needs. */
    private record Locked(
            UUID id,
            String rule,
            AlertSource source,
            AlertStatus status,
            String permitNumber,
            String countyCode,
            String cityCode,
            String violationType,
            String article,
            String evidence,
            OffsetDateTime periodStart,
            Double worstValue,
            Double limitValue) {}

    private record Outcome(UUID taskId, UUID caseId) {}

    Mono<UUID> review(UUID alertId, ReviewRequest request, Caller caller) {
        LocalDate today = clock.today();
        List<UUID> inspectors = validate(request, today);
        Mono<UUID> work = lock(alertId, caller)
                .flatMap(alert -> decide(alert, request, inspectors, today, caller)
                        .flatMap(outcome -> update(alert, request, outcome, caller)))
                .flatMap(change -> outboxAndAudit(change, request));
        return tx.transactional(work);
    }

    /** Decision-specific required members; bean validation has checked sizes and patterns already. */
    private static List<UUID> validate(ReviewRequest request, LocalDate today) {
        switch (request.decision()) {
            case DISMISS -> {
                if (blank(request.reason())) {
                    throw ApiException.invalidField("reason", "a reason is required to dismiss an alert", null);
                }
                return List.of();
            }
            case TASK -> {
                if (request.method() == null) {
                    throw ApiException.invalidField("method", "ON_SITE or REMOTE is required for a task", null);
                }
                if (request.dueDate() != null && request.dueDate().isBefore(today)) {
                    throw ApiException.invalidField("dueDate", "must not be in the past", request.dueDate());
                }
                List<UUID> ids = request.inspectorIds() == null
                        ? List.of()
                        : List.copyOf(new LinkedHashSet<>(request.inspectorIds()));
                if (ids.size() < 2) {
                    throw ApiException.invalidField("inspectorIds", "needs at least two different inspectors", null);
                }
                return ids;
            }
            case CASE -> {
                if (blank(request.facts())) {
                    throw ApiException.invalidField(
                            "facts", "the facts found (违法事实) are required to open a case", null);
                }
                return List.of();
            }
            default -> throw new IllegalStateException("unknown decision " + request.decision());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private Mono<Locked> lock(UUID alertId, Caller caller) {
        return db.sql("""
                        SELECT id, rule, source, status, permit_number, county_code, city_code, violation_type,
                               article, evidence::text AS evidence, period_start, worst_value, limit_value
                        FROM remote_alert WHERE id = :id AND county_code LIKE :division FOR UPDATE""")
                .bind("id", alertId)
                .bind("division", caller.division().likePattern())
                .map(r -> new Locked(
                        r.get("id", UUID.class),
                        r.get("rule", String.class),
                        AlertSource.valueOf(r.get("source", String.class)),
                        AlertStatus.valueOf(r.get("status", String.class)),
                        r.get("permit_number", String.class),
                        r.get("county_code", String.class),
                        r.get("city_code", String.class),
                        r.get("violation_type", String.class),
                        r.get("article", String.class),
                        r.get("evidence", String.class),
                        r.get("period_start", OffsetDateTime.class),
                        r.get("worst_value", Double.class),
                        r.get("limit_value", Double.class)))
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(ProblemCodes.NOT_FOUND, "no alert " + alertId)))
                .flatMap(a -> a.status() == AlertStatus.OPEN
                        ? Mono.just(a)
                        : Mono.error(ApiException.conflict(
                                NOT_OPEN,
                                "alert " + alertId + " is " + a.status() + "; only OPEN alerts can be reviewed")));
    }

    private Mono<Outcome> decide(
            Locked alert, ReviewRequest request, List<UUID> inspectors, LocalDate today, Caller caller) {
        return switch (request.decision()) {
            case DISMISS -> Mono.just(new Outcome(null, null));
            case TASK -> {
                LocalDate due =
                        request.dueDate() != null ? request.dueDate() : today.plusDays(properties.taskDueDays());
                String department = request.department() != null ? request.department() : properties.taskDepartment();
                yield pool.requireAssignable(inspectors, alert.cityCode(), alert.permitNumber())
                        .then(Mono.defer(() -> tasks.createOrMerge(
                                new NewTask(
                                        alert.permitNumber(),
                                        alert.countyCode(),
                                        alert.cityCode(),
                                        TaskOrigin.ALERT,
                                        null,
                                        null,
                                        request.method(),
                                        due,
                                        YearMonth.from(due).toString(),
                                        department,
                                        inspectors),
                                caller.subject())))
                        .map(saved -> new Outcome(saved.taskId(), null));
            }
            case CASE -> {
                ApiException refused = caseRefusal(alert);
                if (refused != null) {
                    yield Mono.error(refused);
                }
                CaseFiling filing = cases.getIfAvailable();
                if (filing == null) {
                    yield Mono.error(ApiException.of(
                            HttpStatus.NOT_IMPLEMENTED,
                            "case-filing-unavailable",
                            "cases cannot be opened from alerts in this deployment yet"));
                }
                yield filing.openFromAlert(
                                new CaseFiling.AlertCase(
                                        alert.id(),
                                        alert.permitNumber(),
                                        alert.violationType(),
                                        alert.article(),
                                        request.facts().trim(),
                                        evidence(alert),
                                        alert.source() == AlertSource.MONITORING ? alert.periodStart() : null,
                                        frozenSeries(alert)),
                                caller)
                        .map(caseId -> new Outcome(null, caseId));
            }
        };
    }

    /**
     * Why a CASE review of this alert is refused, or null. A monitoring rule this version does not know has no
     * violation type; a forecast (annual tonnage running ahead) is not a violation until the value passes the limit.
     */
    private static ApiException caseRefusal(Locked alert) {
        if (alert.violationType() == null || alert.article() == null) {
            return ApiException.conflict(
                    NO_VIOLATION_TYPE,
                    "alert " + alert.id() + " (rule " + alert.rule() + ") names no violation type; task or dismiss it");
        }
        if (alert.source() == AlertSource.MONITORING
                && MonitoringJudgement.of(alert.rule()).forecast()
                && !(alert.worstValue() != null
                        && alert.limitValue() != null
                        && alert.worstValue() > alert.limitValue())) {
            return ApiException.conflict(
                    FORECAST,
                    "alert " + alert.id() + " forecasts an exceedance of the permitted annual amount that has not "
                            + "happened; task it to follow up, open a case once the amount is exceeded");
        }
        return null;
    }

    /**
     * The alert's evidence as one evidence item of the case, verbatim: the directory values of a remote check, the
     * series, limit and rule parameters of a monitoring alert.
     */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> evidence(Locked alert) {
        Map<String, Object> item = new LinkedHashMap<>();
        if (alert.source() == AlertSource.MONITORING) {
            item.put("kind", "MONITORING_DATA");
            item.put(
                    "description",
                    "自动监测告警 " + alert.rule() + "（告警 " + alert.id() + "）：在线监测数据序列、限值及规则参数，"
                            + "冻结副本见案件的监测数据证据（含SHA-256）");
        } else {
            item.put("kind", "REMOTE_CHECK");
            item.put("description", "非现场监管告警 " + alert.rule() + "（告警 " + alert.id() + "）：名录库数据");
        }
        item.put("alertId", alert.id().toString());
        item.put("data", json.readValue(alert.evidence(), Map.class));
        return List.of(item);
    }

    /** A monitoring alert's evidence as the exact JSON text the case keeps frozen; null for a remote check. */
    private static String frozenSeries(Locked alert) {
        return alert.source() == AlertSource.MONITORING ? alert.evidence() : null;
    }

    private Mono<AlertChange> update(Locked alert, ReviewRequest request, Outcome outcome, Caller caller) {
        AlertStatus target = switch (request.decision()) {
            case DISMISS -> AlertStatus.DISMISSED;
            case TASK -> AlertStatus.TASKED;
            case CASE -> AlertStatus.CASED;
        };
        var spec = db.sql("""
                        UPDATE remote_alert
                           SET status = :status, review_decision = :decision, review_reason = :reason,
                               reviewed_by = :by, reviewed_at = now(), task_id = :taskId, case_id = :caseId,
                               updated_at = now()
                         WHERE id = :id AND status = 'OPEN'
                        RETURNING """ + " " + AlertChange.COLUMNS)
                .bind("status", target.name())
                .bind("decision", request.decision().name())
                .bind("by", caller.subject())
                .bind("id", alert.id());
        spec = blank(request.reason())
                ? spec.bindNull("reason", String.class)
                : spec.bind("reason", request.reason().trim());
        spec = outcome.taskId() == null ? spec.bindNull("taskId", UUID.class) : spec.bind("taskId", outcome.taskId());
        spec = outcome.caseId() == null ? spec.bindNull("caseId", UUID.class) : spec.bind("caseId", outcome.caseId());
        return spec.map(AlertChange::from).one();
    }

    private Mono<UUID> outboxAndAudit(AlertChange change, ReviewRequest request) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("decision", request.decision().name());
        details.put("status", change.status().name());
        if (!blank(request.reason())) {
            details.put("reason", request.reason().trim());
        }
        if (change.taskId() != null) {
            details.put("taskId", change.taskId().toString());
        }
        if (change.caseId() != null) {
            details.put("caseId", change.caseId().toString());
        }
        return outbox.append(change.event())
                .then(audit.record("alert.review", "remote_alert", change.id().toString(), details))
                .thenReturn(change.id());
    }
}
