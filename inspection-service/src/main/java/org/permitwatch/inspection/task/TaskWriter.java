package org.permitwatch.inspection.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.events.inspection.TaskAssigned;
import org.permitwatch.support.outbox.OutboxMessage;
import org.permitwatch.support.outbox.OutboxWriter;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Creates tasks, or merges them into the unit's open (ASSIGNED / IN_PROGRESS) task of the same month (unique
 * permit number × month among open tasks, departments unioned, inspectors added), and appends one
 * {@link TaskAssigned} per task. A DONE or CANCELLED task is never merged into: it cannot take another record, so
 * the new work (a rectification's follow-up, an alert's task) becomes a new task of the same month. Must run inside the caller's reactive
 * transaction: the outbox writer refuses otherwise. A batch costs three statements whatever its size (the tasks, their
 * inspectors, the outbox; a fourth reads merged tasks back): a draw creates thousands of tasks at once.
 */
@Component
public class TaskWriter {

    private static final String UPSERT = """
            INSERT INTO inspection_task (id, permit_number, division_code, city_code, origin, draw_id, plan_id, method,
                                         due_date, period_month, status, departments, created_by)
            SELECT CAST(x.id AS uuid), x.permit, x.division, x.city, x.origin, CAST(NULLIF(x.draw, '') AS uuid),
                   CAST(NULLIF(x.plan, '') AS uuid), x.method, CAST(x.due AS date), x.period, 'ASSIGNED',
                   ARRAY[x.department], :by
            FROM unnest(CAST(:ids AS text[]), CAST(:permits AS text[]), CAST(:divisions AS text[]),
                        CAST(:cities AS text[]), CAST(:origins AS text[]), CAST(:draws AS text[]),
                        CAST(:plans AS text[]), CAST(:methods AS text[]), CAST(:dues AS text[]),
                        CAST(:periods AS text[]), CAST(:departments AS text[]))
                 AS x(id, permit, division, city, origin, draw, plan, method, due, period, department)
            ON CONFLICT (permit_number, period_month) WHERE status IN ('ASSIGNED', 'IN_PROGRESS') DO UPDATE
               SET departments = ARRAY(SELECT DISTINCT d FROM unnest(inspection_task.departments || EXCLUDED.departments) d
                                       ORDER BY d),
                   updated_at = now()
            RETURNING id, permit_number, period_month, (xmax::text <> '0') AS merged
            """;

    private final DatabaseClient db;
    private final OutboxWriter outbox;

    TaskWriter(DatabaseClient db, OutboxWriter outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    /** The stored task (new or merged) and whether it was a merge. */
    public record Saved(UUID taskId, boolean merged, List<UUID> inspectorIds, List<String> departments) {}

    public Mono<Saved> createOrMerge(NewTask task, String actor) {
        return createOrMergeAll(List.of(task), actor).map(saved -> saved.get(0));
    }

    /** Saves the tasks (distinct permit number × month within the batch); results in input order. */
    public Mono<List<Saved>> createOrMergeAll(List<NewTask> tasks, String actor) {
        if (tasks.isEmpty()) {
            return Mono.just(List.of());
        }
        int n = tasks.size();
        String[][] columns = new String[11][n];
        for (int i = 0; i < n; i++) {
            NewTask t = tasks.get(i);
            String[] row = {
                UUID.randomUUID().toString(),
                t.permitNumber(),
                t.divisionCode(),
                t.cityCode(),
                t.origin().name(),
                t.drawId() == null ? "" : t.drawId().toString(),
                t.planId() == null ? "" : t.planId().toString(),
                t.method().name(),
                t.dueDate().toString(),
                t.periodMonth(),
                t.department()
            };
            for (int c = 0; c < row.length; c++) {
                columns[c][i] = row[c];
            }
        }
        Map<String, Object[]> stored = new HashMap<>();
        return db.sql(UPSERT)
                .bind("ids", columns[0])
                .bind("permits", columns[1])
                .bind("divisions", columns[2])
                .bind("cities", columns[3])
                .bind("origins", columns[4])
                .bind("draws", columns[5])
                .bind("plans", columns[6])
                .bind("methods", columns[7])
                .bind("dues", columns[8])
                .bind("periods", columns[9])
                .bind("departments", columns[10])
                .bind("by", actor)
                .map(r -> new Object[] {
                    r.get("permit_number", String.class) + "|" + r.get("period_month", String.class),
                    r.get("id", UUID.class),
                    r.get("merged", Boolean.class)
                })
                .all()
                .doOnNext(r -> stored.put((String) r[0], r))
                .then(Mono.defer(() -> {
                    List<UUID> taskIds = new ArrayList<>();
                    List<UUID> inspectorIds = new ArrayList<>();
                    for (NewTask t : tasks) {
                        UUID id = (UUID) stored.get(key(t))[1];
                        t.inspectorIds().forEach(inspector -> {
                            taskIds.add(id);
                            inspectorIds.add(inspector);
                        });
                    }
                    return db.sql("""
                                    INSERT INTO task_inspector (task_id, inspector_id)
                                    SELECT * FROM unnest(CAST(:tasks AS uuid[]), CAST(:inspectors AS uuid[]))
                                    ON CONFLICT DO NOTHING""")
                            .bind("tasks", taskIds.toArray(UUID[]::new))
                            .bind("inspectors", inspectorIds.toArray(UUID[]::new))
                            .then();
                }))
                // Only a merged task has departments and inspectors from before: a new one holds exactly what this
                // batch gave it, so only merged tasks are read back (a draw's thousands of new tasks are not).
                .then(Mono.defer(() -> current(stored.values().stream()
                        .filter(r -> Boolean.TRUE.equals(r[2]))
                        .map(r -> (UUID) r[1])
                        .toArray(UUID[]::new))))
                .flatMap(current -> {
                    List<Saved> saved = new ArrayList<>(n);
                    List<OutboxMessage> events = new ArrayList<>(n);
                    for (NewTask t : tasks) {
                        Object[] row = stored.get(key(t));
                        UUID id = (UUID) row[1];
                        boolean merged = Boolean.TRUE.equals(row[2]);
                        Saved s = merged
                                ? new Saved(
                                        id,
                                        true,
                                        current.get(id).inspectorIds(),
                                        current.get(id).departments())
                                : new Saved(id, false, asStored(t.inspectorIds()), Arrays.asList(t.department()));
                        saved.add(s);
                        events.add(OutboxMessage.of(
                                InspectionTopics.TASKS,
                                id.toString(),
                                TaskAssigned.TYPE,
                                new TaskAssigned(
                                        id,
                                        t.permitNumber(),
                                        t.divisionCode(),
                                        t.cityCode(),
                                        t.origin().name(),
                                        t.drawId(),
                                        t.planId(),
                                        t.method().name(),
                                        t.dueDate(),
                                        t.periodMonth(),
                                        s.departments(),
                                        s.inspectorIds(),
                                        s.merged())));
                    }
                    return outbox.appendAll(events).thenReturn(List.copyOf(saved));
                });
    }

    private static String key(NewTask t) {
        return t.permitNumber() + "|" + t.periodMonth();
    }

    /**
     * A new task's inspectors as {@link #current} reads them back: distinct, in PostgreSQL's uuid order (bytes
     * unsigned = the lowercase text's order, not {@code UUID.compareTo}'s signed one).
     */
    private static List<UUID> asStored(List<UUID> inspectorIds) {
        return inspectorIds.stream()
                .distinct()
                .sorted(Comparator.comparing(UUID::toString))
                .toList();
    }

    private Mono<Map<UUID, Saved>> current(UUID[] ids) {
        if (ids.length == 0) {
            return Mono.just(Map.of());
        }
        return db.sql("""
                        SELECT t.id, t.departments,
                               ARRAY(SELECT ti.inspector_id FROM task_inspector ti WHERE ti.task_id = t.id
                                     ORDER BY ti.inspector_id) AS inspector_ids
                        FROM inspection_task t WHERE t.id = ANY(:ids)""")
                .bind("ids", ids)
                .map(r -> new Saved(
                        r.get("id", UUID.class),
                        false,
                        Arrays.asList(r.get("inspector_ids", UUID[].class)),
                        Arrays.asList(r.get("departments", String[].class))))
                .all()
                .collectMap(Saved::taskId);
    }
}
