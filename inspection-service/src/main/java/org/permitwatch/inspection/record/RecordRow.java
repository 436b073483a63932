package org.permitwatch.inspection.record;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of {@code inspection_record} with its content parsed. */
record RecordRow(
        UUID id,
        UUID taskId,
        String permitNumber,
        String unitName,
        String divisionCode,
        String cityCode,
        String keyIndustry,
        UUID checklistVersionId,
        String status,
        int currentVersion,
        RecordContent content,
        String createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime submittedAt) {

    static final String DRAFT = "DRAFT";
    static final String SUBMITTED = "SUBMITTED";

    boolean draft() {
        return DRAFT.equals(status);
    }
}
