package org.permitwatch.inspection.task;

import java.util.UUID;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.Caller;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The task API for inspection records. The status changes use the application's {@link DatabaseClient}, so they
 * join the caller's open reactive transaction and commit or roll back with the record.
 */
@Component
public class TaskAccess {

    private final TaskQueries queries;
    private final DatabaseClient db;

    TaskAccess(TaskQueries queries, DatabaseClient db) {
        this.queries = queries;
        this.db = db;
    }

    /**
     * The task if the caller may inspect it: inside the caller's division and, for an inspector, assigned to them.
     * Otherwise a 404 problem (the caller cannot tell a foreign task from a missing one).
     */
    public Mono<TaskView> findForInspection(UUID taskId, Caller caller) {
        return queries.find(taskId, TaskScope.of(caller)).switchIfEmpty(Mono.error(() -> notInspectable(taskId)));
    }

    /**
     * As {@link #findForInspection}, with the unit's directory snapshot and the city's current checklist version read
     * in the same statement: what a new record needs, in one round trip.
     */
    public Mono<TaskForInspection> openForInspection(UUID taskId, Caller caller) {
        return queries.findForInspection(taskId, TaskScope.of(caller))
                .switchIfEmpty(Mono.error(() -> notInspectable(taskId)));
    }

    private static ApiException notInspectable(UUID taskId) {
        return ApiException.notFound(ProblemCodes.NOT_FOUND, "no task " + taskId + " assigned to you");
    }

    /** ASSIGNED → IN_PROGRESS; a task already in progress stays so. 409 if it is done or cancelled. */
    public Mono<Void> markInProgress(UUID taskId) {
        return transition(taskId, "IN_PROGRESS", "'ASSIGNED', 'IN_PROGRESS'");
    }

    /** ASSIGNED/IN_PROGRESS → DONE; a done task stays done (a corrected record). 409 if it is cancelled. */
    public Mono<Void> markDone(UUID taskId) {
        return transition(taskId, "DONE", "'ASSIGNED', 'IN_PROGRESS', 'DONE'");
    }

    /**
     * ASSIGNED/IN_PROGRESS → DONE in one statement: a record started and submitted at once passes through IN_PROGRESS
     * within its transaction, which nobody else can see. 409 if the task is done or cancelled, as for
     * {@link #markInProgress}.
     */
    public Mono<Void> markStartedAndDone(UUID taskId) {
        return transition(taskId, "DONE", "'ASSIGNED', 'IN_PROGRESS'");
    }

    private Mono<Void> transition(UUID taskId, String target, String allowedFrom) {
        return db.sql("UPDATE inspection_task SET status = :target, updated_at = now() WHERE id = :id AND status IN ("
                        + allowedFrom + ")")
                .bind("target", target)
                .bind("id", taskId)
                .fetch()
                .rowsUpdated()
                .flatMap(n -> n == 1
                        ? Mono.<Void>empty()
                        : Mono.error(ApiException.conflict(
                                "task-not-open",
                                "task " + taskId + " cannot become " + target + " from its current status")));
    }
}
