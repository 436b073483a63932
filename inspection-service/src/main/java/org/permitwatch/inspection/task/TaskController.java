package org.permitwatch.inspection.task;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.inspection.inspector.InspectorPool;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.tx.WholeTransactions;
import org.permitwatch.support.web.ListSort;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.permitwatch.support.web.SortParam;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/tasks")
@Tag(name = "Tasks", description = "Inspection tasks: drawn units and targeted tasks; inspectors see only their own")
class TaskController {

    private final TaskQueries queries;
    private final TaskWriter writer;
    private final DatabaseClient db;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    private final InspectorPool pool;

    TaskController(
            TaskQueries queries,
            TaskWriter writer,
            DatabaseClient db,
            AuditLog audit,
            ReactiveTransactionManager transactions,
            InspectorPool pool) {
        this.pool = pool;
        this.queries = queries;
        this.writer = writer;
        this.db = db;
        this.audit = audit;
        this.tx = WholeTransactions.create(transactions);
    }

    /** A targeted task made by hand (complaint, clue, alert, manual decision). */
    record CreateTaskRequest(
            @NotBlank @Size(max = 64) String permitNumber,
            @NotNull TaskOrigin origin,
            @NotNull TaskMethod method,
            // A task is due within weeks of its creation; three years ahead is already generous.
            @NotNull @org.permitwatch.support.input.PlausibleDate(notBefore = "2000-01-01", yearsAhead = 3)
            LocalDate dueDate,

            @NotBlank @Pattern(regexp = "[A-Z][A-Z_]{1,39}", message = "must be an upper-case department code")
            String department,

            @NotNull @Size(min = 2, max = 10) List<@NotNull UUID> inspectorIds) {}

    @GetMapping
    @Operation(
            summary = "List tasks",
            description = "Paged, inside the caller's division; an INSPECTOR sees only tasks "
                    + "assigned to them (token subject = inspector id).")
    Mono<PageResponse<TaskView>> list(
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @RequestParam(required = false) TaskStatus status,
            @RequestParam(required = false) UUID drawId,
            @RequestParam(required = false) @SortParam(TaskSort.class) String sort) {
        return CurrentCaller.get().flatMap(caller -> {
            Paging paging = Paging.of(page, size);
            String orderBy =
                    ListSort.orderBy(sort, TaskSort.class, "t.due_date, t.permit_number", TaskSort.TIE_BREAKER);
            TaskScope scope = TaskScope.of(caller);
            return queries.list(scope, status, drawId, orderBy, paging.offset(), paging.size())
                    .collectList()
                    .zipWith(queries.count(scope, status, drawId))
                    .map(t -> new PageResponse<>(t.getT1(), paging.page(), paging.size(), t.getT2()));
        });
    }

    @GetMapping("/{id}")
    @Operation(
            summary = "One task",
            description = "404 when unknown, outside the division, or not assigned to the " + "calling inspector.")
    Mono<TaskView> get(@PathVariable UUID id) {
        return CurrentCaller.get()
                .flatMap(caller -> queries.find(id, TaskScope.of(caller))
                        .switchIfEmpty(
                                Mono.error(() -> ApiException.notFound(ProblemCodes.NOT_FOUND, "no task " + id))));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create a targeted task",
            description = "For a unit of the caller's division; merged into "
                    + "the unit's task of the same month if one exists (departments unioned). Needs at least two on-post "
                    + "inspectors of the unit's city without a declared conflict.")
    Mono<TaskView> create(@Valid @RequestBody CreateTaskRequest request) {
        return CurrentCaller.get().flatMap(caller -> {
            requireBureau(caller);
            if (request.origin() == TaskOrigin.DRAW) {
                throw ApiException.invalidField("origin", "DRAW tasks come from POST /api/v1/draws", "DRAW");
            }
            List<UUID> inspectors = InspectorPool.team(request.inspectorIds());
            return unit(request.permitNumber(), caller)
                    .flatMap(unit -> pool.requireAssignable(
                                    inspectors,
                                    unit.cityCode() == null ? unit.countyCode() : unit.cityCode(),
                                    request.permitNumber())
                            .then(Mono.defer(() -> writer.createOrMerge(
                                    new NewTask(
                                            request.permitNumber(),
                                            unit.countyCode(),
                                            unit.cityCode(),
                                            request.origin(),
                                            null,
                                            null,
                                            request.method(),
                                            request.dueDate(),
                                            YearMonth.from(request.dueDate()).toString(),
                                            request.department(),
                                            inspectors),
                                    caller.subject())))
                            .flatMap(saved -> audit.record(
                                            saved.merged() ? "task.merge" : "task.create",
                                            "task",
                                            saved.taskId().toString(),
                                            Map.of(
                                                    "permitNumber",
                                                    request.permitNumber(),
                                                    "origin",
                                                    request.origin().name(),
                                                    "department",
                                                    request.department()))
                                    .thenReturn(saved.taskId())))
                    .as(tx::transactional)
                    .flatMap(id -> queries.find(id, TaskScope.of(caller)));
        });
    }

    /** A task as reassigning reads it, locked: whether it started, its unit, and the officers it had. */
    private record Assigned(String status, String permitNumber, String cityCode, List<UUID> officers) {}

    /** The officers a task goes to instead, and why (the audit keeps both). */
    record ReassignRequest(
            @NotEmpty @Size(max = 10) List<@NotNull UUID> inspectorIds,
            @NotBlank @Size(max = 500) String reason) {}

    @PutMapping("/{id}/inspectors")
    @Operation(
            summary = "Reassign a task's officers",
            description = "Replaces the task's officers, before its inspection has started (status ASSIGNED; 409"
                    + " task-started once a record was opened, or the task is done or cancelled). The same eligibility"
                    + " as a draw's or a manual task's assignment (InspectorPool): at least two different officers"
                    + " (400 naming inspectorIds), each on post in the unit's city without a declared conflict of"
                    + " interest with the unit (400 naming inspectorIds[i]). reason is required and audited with the"
                    + " officers before and after. Bureau users of the task's division; 404 outside it. No event: the"
                    + " read models drop officers, and the field app reads its tasks from this API.")
    Mono<TaskView> reassign(@PathVariable UUID id, @Valid @RequestBody ReassignRequest request) {
        return CurrentCaller.get().flatMap(caller -> {
            requireBureau(caller);
            List<UUID> inspectors = InspectorPool.team(request.inspectorIds());
            return db.sql("""
                            SELECT status, permit_number, city_code,
                                   ARRAY(SELECT ti.inspector_id FROM task_inspector ti WHERE ti.task_id = t.id
                                         ORDER BY ti.inspector_id) AS inspector_ids
                            FROM inspection_task t WHERE t.id = :id AND t.division_code LIKE :division
                            FOR UPDATE OF t""")
                    .bind("id", id)
                    .bind("division", caller.division().likePattern())
                    .map(r -> new Assigned(
                            r.get("status", String.class),
                            r.get("permit_number", String.class),
                            r.get("city_code", String.class),
                            List.of(r.get("inspector_ids", UUID[].class))))
                    .one()
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound(ProblemCodes.NOT_FOUND, "no task " + id)))
                    .flatMap(task -> {
                        if (!TaskStatus.ASSIGNED.name().equals(task.status())) {
                            return Mono.error(ApiException.conflict(
                                    "task-started",
                                    "task " + id + " is " + task.status() + ": officers can be changed only before the"
                                            + " inspection starts"));
                        }
                        String permit = task.permitNumber();
                        return pool.requireAssignable(inspectors, task.cityCode(), permit)
                                .then(db.sql("DELETE FROM task_inspector WHERE task_id = :id")
                                        .bind("id", id)
                                        .then())
                                .then(db.sql("""
                                                INSERT INTO task_inspector (task_id, inspector_id)
                                                SELECT :id, unnest(CAST(:inspectors AS uuid[]))""")
                                        .bind("id", id)
                                        .bind("inspectors", inspectors.toArray(UUID[]::new))
                                        .then())
                                .then(db.sql("UPDATE inspection_task SET updated_at = now() WHERE id = :id")
                                        .bind("id", id)
                                        .then())
                                .then(audit.record(
                                        "task.reassign",
                                        "task",
                                        id.toString(),
                                        Map.of(
                                                "permitNumber", permit,
                                                "from",
                                                        task.officers().stream()
                                                                .map(UUID::toString)
                                                                .toList(),
                                                "to",
                                                        inspectors.stream()
                                                                .map(UUID::toString)
                                                                .toList(),
                                                "reason", request.reason().trim())));
                    })
                    .as(tx::transactional)
                    .then(queries.find(id, TaskScope.of(caller)));
        });
    }

    static void requireBureau(Caller caller) {
        if (!(caller.hasRole(Role.PROVINCE) || caller.hasRole(Role.CITY) || caller.hasRole(Role.COUNTY))) {
            throw ApiException.forbidden(ProblemCodes.FORBIDDEN, "only bureau users create tasks");
        }
    }

    private record Unit(String countyCode, String cityCode) {}

    private Mono<Unit> unit(String permitNumber, Caller caller) {
        return db.sql("""
                        SELECT division_code, city_code FROM directory_unit
                        WHERE permit_number = :permit AND division_code LIKE :division""")
                .bind("permit", permitNumber)
                .bind("division", caller.division().likePattern())
                .map(r -> new Unit(r.get("division_code", String.class), r.get("city_code", String.class)))
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(
                        ProblemCodes.NOT_FOUND, "no directory unit " + permitNumber + " in your division")));
    }
}
