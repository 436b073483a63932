package org.permitwatch.inspection.clue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.events.liaison.ClueTransferred;
import org.permitwatch.inspection.inspector.InspectorCandidate;
import org.permitwatch.inspection.inspector.InspectorPool;
import org.permitwatch.inspection.task.NewTask;
import org.permitwatch.inspection.task.TaskMethod;
import org.permitwatch.inspection.task.TaskOrigin;
import org.permitwatch.inspection.task.TaskWriter;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.inbox.IdempotentConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Turns a clue transferred to ENFORCEMENT into a targeted inspection task (origin CLUE) of the unit, once per event.
 *
 * <p>Inspectors: the {@code inspectors} (default 2) least-loaded on-post inspectors of the unit's city without a
 * declared conflict with the unit (open load = ASSIGNED/IN_PROGRESS tasks; ties by id, so the choice is
 * reproducible). A clue must not get lost because a city has too few inspectors on file, so when fewer are
 * available the task is still created with those there are (possibly none) and a warning is logged; the city
 * completes the assignment by hand. The task merges into the unit's task of the same month like any targeted task.
 */
@Component
@EnableConfigurationProperties(ClueTaskProperties.class)
class ClueTasks {

    static final String CONSUMER = "inspection.clue-tasks";
    static final String DEPARTMENT = "ENFORCEMENT";

    private static final Logger log = LoggerFactory.getLogger(ClueTasks.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final DatabaseClient db;
    private final IdempotentConsumer inbox;
    private final InspectorPool pool;
    private final TaskWriter writer;
    private final AuditLog audit;
    private final ClueTaskProperties properties;

    ClueTasks(DatabaseClient db, IdempotentConsumer inbox, InspectorPool pool, TaskWriter writer, AuditLog audit,
              ClueTaskProperties properties) {
        this.db = db;
        this.inbox = inbox;
        this.pool = pool;
        this.writer = writer;
        this.audit = audit;
        this.properties = properties;
    }

    /** Emits whether the event was new; a clue for another department is marked processed without a task. */
    Mono<Boolean> apply(String eventId, ClueTransferred clue) {
        validate(clue);
        return inbox.handleOnce(CONSUMER, eventId, () -> DEPARTMENT.equals(clue.toDepartment())
                ? createTask(clue)
                : Mono.empty());
    }

    private Mono<Void> createTask(ClueTransferred clue) {
        return unit(clue).flatMap(unit -> inspectors(unit, clue.permitNumber()).flatMap(inspectors -> {
            if (inspectors.size() < properties.inspectors()) {
                log.warn("Clue {}: only {} eligible inspector(s) in {} for unit {}; the task is created and waits for "
                        + "the city to assign the rest", clue.clueId(), inspectors.size(), unit.cityCode(),
                        clue.permitNumber());
            }
            LocalDate due = clue.requestedBy() != null ? clue.requestedBy()
                    : (clue.transferredAt() == null ? LocalDate.now(CHINA)
                    : clue.transferredAt().atZoneSameInstant(CHINA).toLocalDate()).plusDays(properties.dueInDays());
            NewTask task = new NewTask(clue.permitNumber(), unit.countyCode(), unit.cityCode(), TaskOrigin.CLUE, null,
                    null, TaskMethod.ON_SITE, due, YearMonth.from(due).toString(), DEPARTMENT, inspectors);
            return writer.createOrMerge(task, "clue:" + clue.clueId())
                    .flatMap(saved -> audit.recordAsSystem(saved.merged() ? "task.merge" : "task.create", "task",
                            saved.taskId().toString(), Map.of("origin", "CLUE", "clueId", clue.clueId().toString(),
                                    "permitNumber", clue.permitNumber(), "inspectors", inspectors.size())));
        }));
    }

    record Unit(String countyCode, String cityCode) {
    }

    /**
     * The unit's divisions from the directory projection; a unit not (yet) projected is placed in the receiving
     * division of the clue, which is where the enforcement body acting on it sits.
     */
    private Mono<Unit> unit(ClueTransferred clue) {
        String to = clue.toDivisionCode();
        Unit fallback = new Unit(to, to.substring(0, 4) + "00");
        return db.sql("SELECT division_code, city_code FROM directory_unit WHERE permit_number = :permit")
                .bind("permit", clue.permitNumber())
                .map(r -> new Unit(r.get("division_code", String.class), r.get("city_code", String.class)))
                .one()
                .filter(u -> u.countyCode() != null && u.cityCode() != null)
                .defaultIfEmpty(fallback);
    }

    private Mono<List<UUID>> inspectors(Unit unit, String permitNumber) {
        String cityPrefix = unit.cityCode().substring(0, 4);
        return pool.eligibleFor(cityPrefix)
                .filter(candidate -> !candidate.conflictsWith(permitNumber))
                .map(InspectorCandidate::id)
                .collectList()
                .flatMap(ids -> ids.isEmpty() ? Mono.just(List.<UUID>of()) : openLoad(ids).map(load -> ids.stream()
                        .sorted(Comparator.<UUID>comparingLong(id -> load.getOrDefault(id, 0L))
                                .thenComparing(Comparator.naturalOrder()))
                        .limit(properties.inspectors())
                        .toList()));
    }

    private Mono<Map<UUID, Long>> openLoad(List<UUID> inspectorIds) {
        return db.sql("""
                        SELECT ti.inspector_id, count(*) AS n
                        FROM task_inspector ti JOIN inspection_task t ON t.id = ti.task_id
                        WHERE ti.inspector_id = ANY(:ids) AND t.status IN ('ASSIGNED', 'IN_PROGRESS')
                        GROUP BY ti.inspector_id""")
                .bind("ids", inspectorIds.toArray(UUID[]::new))
                .map(r -> Map.entry(r.get("inspector_id", UUID.class), r.get("n", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** A malformed event can never succeed: IllegalArgumentException skips the retries and goes to the DLT. */
    private static void validate(ClueTransferred clue) {
        if (clue.clueId() == null || clue.permitNumber() == null || clue.permitNumber().isBlank()
                || clue.toDepartment() == null || clue.toDivisionCode() == null
                || !clue.toDivisionCode().matches("\\d{6}")) {
            throw new IllegalArgumentException("clue event lacks clueId, permitNumber, toDepartment or a 6-digit "
                    + "toDivisionCode");
        }
    }
}
