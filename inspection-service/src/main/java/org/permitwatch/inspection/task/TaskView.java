package org.permitwatch.inspection.task;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A task as the API and other features (inspection records) see it. */
public record TaskView(
        UUID id,
        String permitNumber,
        String unitName,
        String divisionCode,
        String cityCode,
        TaskOrigin origin,
        UUID drawId,
        UUID planId,
        TaskMethod method,
        LocalDate dueDate,
        String periodMonth,
        TaskStatus status,
        List<String> departments,
        List<UUID> inspectorIds,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public TaskView {
        departments = List.copyOf(departments);
        inspectorIds = List.copyOf(inspectorIds);
    }
}
