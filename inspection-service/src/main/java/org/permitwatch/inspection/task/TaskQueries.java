package org.permitwatch.inspection.task;

import io.r2dbc.spi.Readable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Read side of tasks. Every query takes the division LIKE pattern and, for inspectors, their id. */
@Component
class TaskQueries {

    private static final String COLUMNS = """
            SELECT t.id, t.permit_number, u.unit_name, t.division_code, t.city_code, t.origin, t.draw_id, t.plan_id,
                   t.method, t.due_date, t.period_month, t.status, t.departments, t.created_at, t.updated_at,
                   ARRAY(SELECT ti.inspector_id FROM task_inspector ti WHERE ti.task_id = t.id
                         ORDER BY ti.inspector_id) AS inspector_ids
            """;
    private static final String FROM = """
            FROM inspection_task t LEFT JOIN directory_unit u ON u.permit_number = t.permit_number
            """;
    private static final String SELECT = COLUMNS + FROM;
    private static final String WHERE = """
             WHERE t.division_code LIKE :division
               AND (CAST(:inspector AS uuid) IS NULL OR EXISTS (SELECT 1 FROM task_inspector a
                    WHERE a.task_id = t.id AND a.inspector_id = CAST(:inspector AS uuid)))
               AND (CAST(:status AS text) IS NULL OR t.status = CAST(:status AS text))
               AND (CAST(:drawId AS uuid) IS NULL OR t.draw_id = CAST(:drawId AS uuid))
            """;

    private final DatabaseClient db;

    TaskQueries(DatabaseClient db) {
        this.db = db;
    }

    Flux<TaskView> list(TaskScope scope, TaskStatus status, UUID drawId, String orderBy, long offset, int limit) {
        return bind(
                        db.sql(SELECT + WHERE + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset"),
                        scope,
                        status,
                        drawId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(TaskQueries::map)
                .all();
    }

    Mono<Long> count(TaskScope scope, TaskStatus status, UUID drawId) {
        return bind(db.sql("SELECT count(*) AS n FROM inspection_task t" + WHERE), scope, status, drawId)
                .map(r -> r.get("n", Long.class))
                .one();
    }

    /** Empty when the task does not exist or is outside the scope: callers cannot tell which. */
    Mono<TaskView> find(UUID id, TaskScope scope) {
        return bind(db.sql(SELECT + WHERE + " AND t.id = :id"), scope, null, null)
                .bind("id", id)
                .map(TaskQueries::map)
                .one();
    }

    /**
     * As {@link #find}, with what a record's creation needs besides the task, read in the same statement (issue 21: one
     * round trip instead of three under 200 concurrent submissions): the unit's directory snapshot, already joined
     * for its name, and the checklist version the task's city uses today (the {@code current_checklist_version}
     * function that {@code ChecklistCatalog.currentVersionFor} asks too).
     */
    Mono<TaskForInspection> findForInspection(UUID id, TaskScope scope) {
        return bind(
                        db.sql(COLUMNS
                                + ", u.snapshot::text AS unit_snapshot,"
                                + " current_checklist_version(t.city_code) AS checklist_version_id "
                                + FROM
                                + WHERE
                                + " AND t.id = :id"),
                        scope,
                        null,
                        null)
                .bind("id", id)
                .map(r -> new TaskForInspection(
                        map(r), r.get("unit_snapshot", String.class), r.get("checklist_version_id", UUID.class)))
                .one();
    }

    private static DatabaseClient.GenericExecuteSpec bind(
            DatabaseClient.GenericExecuteSpec spec, TaskScope scope, TaskStatus status, UUID drawId) {
        spec = spec.bind("division", scope.divisionLike());
        spec = scope.inspectorId() == null
                ? spec.bindNull("inspector", String.class)
                : spec.bind("inspector", scope.inspectorId().toString());
        spec = status == null ? spec.bindNull("status", String.class) : spec.bind("status", status.name());
        return drawId == null ? spec.bindNull("drawId", String.class) : spec.bind("drawId", drawId.toString());
    }

    static TaskView map(Readable r) {
        UUID[] inspectors = r.get("inspector_ids", UUID[].class);
        String[] departments = r.get("departments", String[].class);
        return new TaskView(
                r.get("id", UUID.class),
                r.get("permit_number", String.class),
                r.get("unit_name", String.class),
                r.get("division_code", String.class),
                r.get("city_code", String.class),
                TaskOrigin.valueOf(r.get("origin", String.class)),
                r.get("draw_id", UUID.class),
                r.get("plan_id", UUID.class),
                TaskMethod.valueOf(r.get("method", String.class)),
                r.get("due_date", LocalDate.class),
                r.get("period_month", String.class),
                TaskStatus.valueOf(r.get("status", String.class)),
                departments == null ? List.of() : Arrays.asList(departments),
                inspectors == null ? List.of() : Arrays.asList(inspectors),
                r.get("created_at", OffsetDateTime.class),
                r.get("updated_at", OffsetDateTime.class));
    }
}
