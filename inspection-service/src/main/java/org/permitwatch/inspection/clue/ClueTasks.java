package org.permitwatch.inspection.clue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.permitwatch.events.inspection.ClueTaskDecided;
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.events.liaison.ClueAccepted;
import org.permitwatch.inspection.inspector.InspectorCandidate;
import org.permitwatch.inspection.inspector.InspectorPool;
import org.permitwatch.inspection.task.NewTask;
import org.permitwatch.inspection.task.TaskMethod;
import org.permitwatch.inspection.task.TaskOrigin;
import org.permitwatch.inspection.task.TaskWriter;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.inbox.IdempotentConsumer;
import org.permitwatch.support.outbox.OutboxMessage;
import org.permitwatch.support.outbox.OutboxWriter;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.time.BureauClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Turns a clue that the addressed bureau accepted for ENFORCEMENT into a targeted inspection task (origin CLUE) of the
 * unit, once per event, and answers liaison-service with {@link ClueTaskDecided} through the outbox.
 *
 * <p>Scope (issue 11.3): a clue goes only to the division it is addressed to. The task is made only when the unit, as
 * the directory projection places it, lies inside that division; otherwise nothing is created and the answer is
 * REFUSED {@code unit-outside-division} (or {@code unit-not-in-directory}), so a bureau can never create work in
 * another city by addressing a clue to itself, and the sender never picks the receiver's inspectors.
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

    private final DatabaseClient db;
    private final IdempotentConsumer inbox;
    private final InspectorPool pool;
    private final TaskWriter writer;
    private final OutboxWriter outbox;
    private final AuditLog audit;
    private final ClueTaskProperties properties;

    private final BureauClock clock;

    ClueTasks(
            DatabaseClient db,
            IdempotentConsumer inbox,
            InspectorPool pool,
            TaskWriter writer,
            OutboxWriter outbox,
            AuditLog audit,
            ClueTaskProperties properties,
            BureauClock clock) {
        this.clock = clock;
        this.db = db;
        this.inbox = inbox;
        this.pool = pool;
        this.writer = writer;
        this.outbox = outbox;
        this.audit = audit;
        this.properties = properties;
    }

    /** Emits whether the event was new; a clue for another department is marked processed without a task. */
    Mono<Boolean> apply(String eventId, ClueAccepted clue) {
        validate(clue);
        return inbox.handleOnce(
                CONSUMER, eventId, () -> DEPARTMENT.equals(clue.toDepartment()) ? decide(clue) : Mono.empty());
    }

    private Mono<Void> decide(ClueAccepted clue) {
        DivisionCode addressed = DivisionCode.of(clue.toDivisionCode());
        // Optional, not switchIfEmpty after the flatMap: the task's Mono<Void> completes empty too.
        return unit(clue.permitNumber())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        return refuse(
                                clue,
                                ClueTaskDecided.UNIT_NOT_IN_DIRECTORY,
                                null,
                                "unit " + clue.permitNumber() + " is not in the directory");
                    }
                    Unit unit = found.get();
                    return addressed.contains(unit.countyCode())
                            ? createTask(clue, unit)
                            : refuse(
                                    clue,
                                    ClueTaskDecided.UNIT_OUTSIDE_DIVISION,
                                    unit.countyCode(),
                                    "unit "
                                            + clue.permitNumber() + " lies in " + unit.countyCode() + ", outside "
                                            + clue.toDivisionCode() + " to which the clue is addressed");
                });
    }

    private Mono<Void> refuse(ClueAccepted clue, String reason, String unitDivision, String detail) {
        log.info("Clue {}: no task, {}", clue.clueId(), detail);
        return answer(new ClueTaskDecided(
                        clue.clueId(), ClueTaskDecided.REFUSED, reason, detail, null, unitDivision, clock.nowUtc()))
                .then(audit.recordAsSystem(
                        "clue.refuse",
                        "clue",
                        clue.clueId().toString(),
                        Map.of(
                                "reason",
                                reason,
                                "permitNumber",
                                clue.permitNumber(),
                                "toDivision",
                                clue.toDivisionCode())));
    }

    private Mono<Void> answer(ClueTaskDecided decided) {
        return outbox.append(OutboxMessage.of(
                        InspectionTopics.CLUES, decided.clueId().toString(), ClueTaskDecided.TYPE, decided))
                .then();
    }

    private Mono<Void> createTask(ClueAccepted clue, Unit unit) {
        return inspectors(unit, clue.permitNumber()).flatMap(inspectors -> {
            if (inspectors.size() < properties.inspectors()) {
                log.warn(
                        "Clue {}: only {} eligible inspector(s) in {} for unit {}; the task is created and waits for "
                                + "the city to assign the rest",
                        clue.clueId(),
                        inspectors.size(),
                        unit.cityCode(),
                        clue.permitNumber());
            }
            // The clock starts when the receiving bureau accepted the clue, not when it was sent.
            LocalDate due = clue.requestedBy() != null
                    ? clue.requestedBy()
                    : (clue.acceptedAt() == null ? clock.today() : clock.dayOf(clue.acceptedAt()))
                            .plusDays(properties.dueInDays());
            NewTask task = new NewTask(
                    clue.permitNumber(),
                    unit.countyCode(),
                    unit.cityCode(),
                    TaskOrigin.CLUE,
                    null,
                    null,
                    TaskMethod.ON_SITE,
                    due,
                    YearMonth.from(due).toString(),
                    DEPARTMENT,
                    inspectors);
            return writer.createOrMerge(task, "clue:" + clue.clueId())
                    .flatMap(saved -> audit.recordAsSystem(
                                    saved.merged() ? "task.merge" : "task.create",
                                    "task",
                                    saved.taskId().toString(),
                                    Map.of(
                                            "origin",
                                            "CLUE",
                                            "clueId",
                                            clue.clueId().toString(),
                                            "permitNumber",
                                            clue.permitNumber(),
                                            "inspectors",
                                            inspectors.size()))
                            .then(answer(new ClueTaskDecided(
                                    clue.clueId(),
                                    ClueTaskDecided.TASK_CREATED,
                                    null,
                                    "task " + saved.taskId() + " for unit " + clue.permitNumber(),
                                    saved.taskId(),
                                    unit.countyCode(),
                                    clock.nowUtc()))));
        });
    }

    record Unit(String countyCode, String cityCode) {}

    /** The unit's divisions from the directory projection; empty when the unit is not (yet) projected. */
    private Mono<Unit> unit(String permitNumber) {
        return db.sql("SELECT COALESCE(county_code, division_code) AS county, city_code FROM directory_unit "
                        + "WHERE permit_number = :permit")
                .bind("permit", permitNumber)
                .map(r -> new Unit(r.get("county", String.class), r.get("city_code", String.class)))
                .one()
                .filter(u -> u.countyCode() != null && u.cityCode() != null);
    }

    /** The least loaded inspectors InspectorPool allows for the unit (ties by id, so the choice is repeatable). */
    private Mono<List<UUID>> inspectors(Unit unit, String permitNumber) {
        return pool.assignableTo(unit.cityCode().substring(0, 4), permitNumber)
                .sort(Comparator.comparingInt(InspectorCandidate::openAssignments)
                        .thenComparing(InspectorCandidate::id))
                .take(properties.inspectors())
                .map(InspectorCandidate::id)
                .collectList();
    }

    /** A malformed event can never succeed: IllegalArgumentException skips the retries and goes to the DLT. */
    private static void validate(ClueAccepted clue) {
        if (clue.clueId() == null
                || clue.permitNumber() == null
                || clue.permitNumber().isBlank()
                || clue.toDepartment() == null
                || !DivisionCode.isValid(clue.toDivisionCode())) {
            throw new IllegalArgumentException(
                    "clue event lacks clueId, permitNumber, toDepartment or a 6-digit " + "toDivisionCode");
        }
    }
}
