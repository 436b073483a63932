package org.permitwatch.inspection.inspector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.DivisionCode;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who may be sent to inspect a unit — the one place of that rule, for draws, manually assigned tasks, tasks from a
 * remote alert and tasks from a clue: an inspector <b>on post</b>, of the unit's <b>division</b> (its city, or for a
 * county's own draw its county), with <b>no declared conflict of interest</b> with the unit (回避).
 */
@Component
public class InspectorPool {

    private final DatabaseClient db;

    InspectorPool(DatabaseClient db) {
        this.db = db;
    }

    /**
     * On-post inspectors whose division code starts with {@code divisionPrefix} (e.g. "1401"), with their open
     * assignments and conflicts. Ordered by id so that a draw seeded identically sees the pool in the same order.
     */
    public Flux<InspectorCandidate> eligibleFor(String divisionPrefix) {
        return db.sql("""
                        SELECT i.id, i.name, i.division_code, i.specialties,
                               (SELECT count(*) FROM task_inspector ti JOIN inspection_task t ON t.id = ti.task_id
                                WHERE ti.inspector_id = i.id AND t.status IN ('ASSIGNED', 'IN_PROGRESS')) AS open_tasks,
                               ARRAY(SELECT c.permit_number FROM inspector_conflict c WHERE c.inspector_id = i.id
                                     ORDER BY c.permit_number) AS conflicts
                          FROM inspector i
                         WHERE i.on_post AND i.division_code LIKE :division
                         ORDER BY i.id""")
                .bind("division", divisionPrefix + "%")
                .map(r -> new InspectorCandidate(
                        r.get("id", UUID.class),
                        r.get("name", String.class),
                        r.get("division_code", String.class),
                        List.of(r.get("specialties", String[].class)),
                        r.get("open_tasks", Long.class).intValue(),
                        new HashSet<>(Arrays.asList(r.get("conflicts", String[].class)))))
                .all();
    }

    /** The inspectors who may be sent to {@code permitNumber} of a unit in {@code divisionPrefix}. */
    public Flux<InspectorCandidate> assignableTo(String divisionPrefix, String permitNumber) {
        return eligibleFor(divisionPrefix).filter(candidate -> !candidate.conflictsWith(permitNumber));
    }

    /**
     * The officers chosen by hand for one unit, duplicates dropped: at least two, as every inspection is made by two
     * officers (the draw's {@code inspectorsPerUnit} has the same floor). 400 naming {@code inspectorIds} otherwise.
     */
    public static List<UUID> team(List<UUID> chosen) {
        List<UUID> distinct = List.copyOf(new java.util.LinkedHashSet<>(chosen));
        if (distinct.size() < 2) {
            throw ApiException.invalidField("inspectorIds", "needs at least two different inspectors", null);
        }
        return distinct;
    }

    /**
     * Checks inspectors chosen by hand for a unit of {@code unitCityCode}: 400 naming {@code inspectorIds[i]} for each
     * one who is not on post in the unit's city, or has declared a conflict of interest with the unit (回避); the
     * message names which of the two rules it broke.
     */
    public Mono<Void> requireAssignable(List<UUID> ids, String unitCityCode, String permitNumber) {
        String cityPrefix = DivisionCode.of(unitCityCode).cityCode().prefix();
        return eligibleFor(cityPrefix)
                .collectMap(InspectorCandidate::id, Function.identity())
                .flatMap(onPost -> {
                    List<FieldProblem> problems = new ArrayList<>();
                    for (int i = 0; i < ids.size(); i++) {
                        InspectorCandidate candidate = onPost.get(ids.get(i));
                        if (candidate == null) {
                            problems.add(new FieldProblem(
                                    "inspectorIds[" + i + "]",
                                    "not an on-post inspector of the unit's city " + unitCityCode,
                                    ids.get(i)));
                        } else if (candidate.conflictsWith(permitNumber)) {
                            problems.add(new FieldProblem(
                                    "inspectorIds[" + i + "]",
                                    "has declared a conflict of interest with " + permitNumber + " (回避)",
                                    ids.get(i)));
                        }
                    }
                    return problems.isEmpty()
                            ? Mono.<Void>empty()
                            : Mono.error(ApiException.badRequest(
                                    ProblemCodes.VALIDATION_FAILED, "request validation failed", problems));
                });
    }
}
