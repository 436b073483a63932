package org.permitwatch.inspection.remote;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.outbox.OutboxMessage;
import org.permitwatch.support.outbox.OutboxWriter;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.tx.WholeTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the remote-check rules over {@code directory_unit}: one transaction per run holding a transaction-scoped
 * advisory lock (two replicas, or a scheduled and an on-demand run, never interleave), one set-based statement per
 * rule, the run row, one {@code AlertChanged} per raised or resolved alert through the outbox, and an audit row.
 */
@Component
class RemoteCheckEngine {

    enum Trigger {
        SCHEDULE,
        ON_DEMAND,
        /** A province draw for remote checks: the run covers the drawn units only. */
        DRAW
    }

    /** The units a run covers: all of its scope, or only the units a draw picked. */
    record Units(UUID drawId, List<String> permitNumbers) {

        static final Units ALL = new Units(null, null);

        String[] array() {
            return permitNumbers == null ? null : permitNumbers.toArray(String[]::new);
        }
    }

    static final String RUNNING = "remote-check-running";

    /** Arbitrary constant naming the run lock ("remote" in ASCII); distinct from the outbox relay's. */
    private static final long RUN_LOCK_ID = 0x72656D6F7465L;

    private static final Logger log = LoggerFactory.getLogger(RemoteCheckEngine.class);

    private final DatabaseClient db;
    private final RemoteRules rules;
    private final OutboxWriter outbox;
    private final AuditLog audit;
    private final JsonMapper json;
    private final TransactionalOperator tx;

    private final BureauClock clock;

    RemoteCheckEngine(
            DatabaseClient db,
            RemoteRules rules,
            OutboxWriter outbox,
            AuditLog audit,
            JsonMapper json,
            ReactiveTransactionManager transactions,
            BureauClock clock) {
        this.clock = clock;
        this.db = db;
        this.rules = rules;
        this.outbox = outbox;
        this.audit = audit;
        this.json = json;
        this.tx = WholeTransactions.create(transactions);
    }

    /**
     * @param scope null for the whole directory (the scheduled run)
     * @return the finished run; a 409 problem ({@value #RUNNING}) when another run holds the lock
     */
    Mono<RunView> run(Trigger trigger, DivisionCode scope, String requestedBy) {
        return run(trigger, scope, requestedBy, Units.ALL);
    }

    /**
     * Joins the caller's transaction when there is one (a province draw runs the checks inside its own completing
     * transaction, so the draw, its run and the alerts commit together).
     */
    Mono<RunView> run(Trigger trigger, DivisionCode scope, String requestedBy, Units units) {
        UUID runId = UUID.randomUUID();
        LocalDate today = clock.today();
        String like = scope == null ? "%" : scope.likePattern();
        Mono<RunView> work = db.sql("SELECT pg_try_advisory_xact_lock(:lock) AS locked")
                .bind("lock", RUN_LOCK_ID)
                .map(r -> Boolean.TRUE.equals(r.get("locked", Boolean.class)))
                .one()
                .flatMap(locked -> locked
                        ? Mono.<Void>empty()
                        : Mono.error(ApiException.conflict(
                                RUNNING, "another remote-check run is in progress; try again when it has finished")))
                .thenMany(Flux.concat(
                        permitNotValid(runId, today, like, units), categoryTooLow(runId, today, like, units)))
                .collectList()
                .flatMap(changes -> finish(runId, trigger, scope, today, requestedBy, changes, units));
        return tx.transactional(work);
    }

    private record Change(String kind, AlertChange alert) {}

    private Flux<Change> permitNotValid(UUID runId, LocalDate today, String like, Units units) {
        RemoteRules.PermitNotValid rule = rules.permitNotValid();
        return apply(
                db.sql(AlertSql.PERMIT_NOT_VALID_HITS + AlertSql.APPLY)
                        .bind("statusNotes", json.writeValueAsString(rule.statusNotes()))
                        .bind("statusArticles", json.writeValueAsString(rule.statusArticles())),
                RemoteRule.PERMIT_NOT_VALID_BUT_OPERATING,
                rule.violationType(),
                rule.article(),
                runId,
                today,
                like,
                units);
    }

    private Flux<Change> categoryTooLow(UUID runId, LocalDate today, String like, Units units) {
        if (!rules.categoryRulesEffectiveOn(today)) {
            log.warn(
                    "category rules {} v{} take effect on {}: CATEGORY_TOO_LOW skipped",
                    rules.code(),
                    rules.version(),
                    rules.effectiveFrom());
            return Flux.empty();
        }
        RemoteRules.CategoryTooLow rule = rules.categoryTooLow();
        List<RemoteRules.IndustryRule> rows = rule.industries();
        return apply(
                db.sql(AlertSql.CATEGORY_TOO_LOW_HITS + AlertSql.APPLY)
                        .bind(
                                "codes",
                                rows.stream()
                                        .map(RemoteRules.IndustryRule::industryCode)
                                        .toArray(String[]::new))
                        .bind(
                                "minimums",
                                rows.stream()
                                        .map(r -> r.minimumCategory().name())
                                        .toArray(String[]::new))
                        .bind(
                                "notes",
                                rows.stream()
                                        .map(RemoteRules.IndustryRule::note)
                                        .toArray(String[]::new))
                        .bind(
                                "names",
                                rows.stream()
                                        .map(r -> r.industryName() == null ? "" : r.industryName())
                                        .toArray(String[]::new))
                        .bind("effectiveFrom", rules.effectiveFrom())
                        .bind("statusArticles", "{}"),
                RemoteRule.CATEGORY_TOO_LOW,
                rule.violationType(),
                rule.article(),
                runId,
                today,
                like,
                units);
    }

    private Flux<Change> apply(
            DatabaseClient.GenericExecuteSpec spec,
            RemoteRule rule,
            String violationType,
            String article,
            UUID runId,
            LocalDate today,
            String like,
            Units units) {
        spec = units.permitNumbers() == null
                ? spec.bindNull("units", String[].class)
                : spec.bind("units", units.array());
        return spec.bind("today", today)
                .bind("scope", like)
                .bind("rule", rule.name())
                .bind("rulesVersion", rules.version())
                .bind("violationType", violationType)
                .bind("article", article)
                .bind("runId", runId)
                .map(r -> new Change(r.get("change", String.class), AlertChange.from(r)))
                .all();
    }

    private Mono<RunView> finish(
            UUID runId,
            Trigger trigger,
            DivisionCode scope,
            LocalDate today,
            String requestedBy,
            List<Change> changes,
            Units units) {
        Map<String, Map<String, Integer>> perRule = new LinkedHashMap<>();
        for (RemoteRule rule : RemoteRule.values()) {
            if (rule.source() != AlertSource.REMOTE_CHECK) {
                continue; // monitoring alerts arrive as events, never from a run
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put("raised", 0);
            counts.put("updated", 0);
            counts.put("resolved", 0);
            perRule.put(rule.name(), counts);
        }
        List<OutboxMessage> events = new ArrayList<>();
        for (Change c : changes) {
            String key = switch (c.kind()) {
                case "RAISED" -> "raised";
                case "RESOLVED" -> "resolved";
                default -> "updated";
            };
            perRule.get(c.alert().rule()).merge(key, 1, Integer::sum);
            if (!"UPDATED".equals(c.kind())) {
                events.add(c.alert().event());
            }
        }
        int raised = sum(perRule, "raised");
        int updated = sum(perRule, "updated");
        int resolved = sum(perRule, "resolved");
        Map<String, Object> details = new LinkedHashMap<>(Map.of(
                "trigger",
                trigger.name(),
                "scope",
                scope == null ? "ALL" : scope.value(),
                "rulesVersion",
                rules.version(),
                "raised",
                raised,
                "updated",
                updated,
                "resolved",
                resolved));
        if (units.drawId() != null) {
            details.put("drawId", units.drawId().toString());
            details.put("units", units.permitNumbers().size());
        }
        var insert = db.sql("""
                        INSERT INTO remote_check_run (id, trigger, scope_division, scope_prefix, rules_version, as_of,
                                                      raised, updated, resolved, per_rule, requested_by, started_at,
                                                      finished_at, draw_id, unit_count)
                        VALUES (:id, :trigger, :scopeDivision, :scopePrefix, :rulesVersion, :asOf, :raised, :updated,
                                :resolved, CAST(:perRule AS jsonb), :requestedBy, now(), clock_timestamp(), :drawId,
                                :unitCount)
                        RETURNING started_at, finished_at""")
                .bind("id", runId)
                .bind("trigger", trigger.name())
                .bind("scopePrefix", scope == null ? "" : scope.prefix())
                .bind("rulesVersion", rules.version())
                .bind("asOf", today)
                .bind("raised", raised)
                .bind("updated", updated)
                .bind("resolved", resolved)
                .bind("perRule", json.writeValueAsString(perRule))
                .bind("requestedBy", requestedBy);
        insert = scope == null
                ? insert.bindNull("scopeDivision", String.class)
                : insert.bind("scopeDivision", scope.value());
        insert = units.drawId() == null
                ? insert.bindNull("drawId", UUID.class).bindNull("unitCount", Integer.class)
                : insert.bind("drawId", units.drawId())
                        .bind("unitCount", units.permitNumbers().size());
        Mono<Void> audited = trigger == Trigger.SCHEDULE
                ? audit.recordAsSystem("remote-check.run", "remote_check_run", runId.toString(), details)
                : audit.record("remote-check.run", "remote_check_run", runId.toString(), details);
        return insert.map(r -> new RunView(
                        runId,
                        trigger.name(),
                        scope == null ? null : scope.value(),
                        rules.version(),
                        today,
                        raised,
                        updated,
                        resolved,
                        perRule,
                        requestedBy,
                        r.get("started_at", java.time.OffsetDateTime.class),
                        r.get("finished_at", java.time.OffsetDateTime.class)))
                .one()
                .flatMap(view -> outbox.appendAll(events).then(audited).thenReturn(view));
    }

    private static int sum(Map<String, Map<String, Integer>> perRule, String key) {
        return perRule.values().stream().mapToInt(m -> m.get(key)).sum();
    }
}
