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

    /** This record as the database stored it: its state, content and timestamps as written, the rest unchanged. */
    RecordRow stored(
            String status,
            int version,
            RecordContent content,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            OffsetDateTime submittedAt) {
        return new RecordRow(
                id,
                taskId,
                permitNumber,
                unitName,
                divisionCode,
                cityCode,
                keyIndustry,
                checklistVersionId,
                status,
                version,
                content,
                createdBy,
                createdAt,
                updatedAt,
                submittedAt);
    }
}
