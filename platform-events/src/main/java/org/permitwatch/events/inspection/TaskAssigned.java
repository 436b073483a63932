package org.permitwatch.events.inspection;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A task was created, or merged into the unit's task of the same month, on {@link InspectionTopics#TASKS}, keyed by
 * task id, CloudEvents type {@code org.permitwatch.inspection.task.assigned.v1}.
 *
 * @param divisionCode the unit's county code
 * @param origin       DRAW, COMPLAINT, CLUE, ALERT or MANUAL
 * @param drawId       the draw that produced the task; null for targeted tasks made by hand
 * @param method       ON_SITE or REMOTE
 * @param periodMonth  {@code yyyy-MM}
 * @param departments  every department whose task was merged into this one
 * @param inspectorIds every inspector assigned so far
 * @param merged       true when this event reports a merge into an existing task
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskAssigned(
        UUID taskId,
        String permitNumber,
        String divisionCode,
        String cityCode,
        String origin,
        UUID drawId,
        UUID planId,
        String method,
        LocalDate dueDate,
        String periodMonth,
        List<String> departments,
        List<UUID> inspectorIds,
        boolean merged) {

    public static final String TYPE = "org.permitwatch.inspection.task.assigned.v1";
}
