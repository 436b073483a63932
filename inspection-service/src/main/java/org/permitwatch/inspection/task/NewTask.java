package org.permitwatch.inspection.task;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A task to create, or to merge into the unit's existing task of the same month.
 *
 * @param divisionCode the unit's county code
 * @param periodMonth  {@code yyyy-MM}, the merge key together with the permit number
 */
public record NewTask(
        String permitNumber,
        String divisionCode,
        String cityCode,
        TaskOrigin origin,
        UUID drawId,
        UUID planId,
        TaskMethod method,
        LocalDate dueDate,
        String periodMonth,
        String department,
        List<UUID> inspectorIds) {

    public NewTask {
        inspectorIds = List.copyOf(inspectorIds);
    }
}
