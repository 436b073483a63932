package org.permitwatch.inspection.record;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An inspection record as the API returns it: the current content (the draft, or the latest submitted version).
 *
 * @param version     0 while a draft, then the number of the latest submitted version
 * @param exceedances measurements above their permitted limit
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record RecordView(
        UUID id,
        UUID taskId,
        String permitNumber,
        String unitName,
        String divisionCode,
        String cityCode,
        String keyIndustry,
        UUID checklistVersionId,
        @Schema(allowableValues = {"DRAFT", "SUBMITTED"}) String status,
        int version,
        OffsetDateTime inspectedAt,
        RecordContent.Position position,
        String notes,
        List<RecordContent.Item> items,
        List<RecordContent.Measurement> measurements,
        List<RecordContent.Evidence> evidence,
        long exceedances,
        String createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime submittedAt,
        String backdateReason) {

    static RecordView of(RecordRow r) {
        RecordContent c = r.content();
        return new RecordView(
                r.id(),
                r.taskId(),
                r.permitNumber(),
                r.unitName(),
                r.divisionCode(),
                r.cityCode(),
                r.keyIndustry(),
                r.checklistVersionId(),
                r.status(),
                r.currentVersion(),
                c.inspectedAt(),
                c.position(),
                c.notes(),
                c.items(),
                c.measurements(),
                c.evidence(),
                c.exceedances(),
                r.createdBy(),
                r.createdAt(),
                r.updatedAt(),
                r.submittedAt(),
                c.backdateReason());
    }

    /** One submitted version in the history. */
    record Version(int version, String reason, String submittedBy, OffsetDateTime submittedAt, RecordContent content) {

        static Version of(RecordStore.VersionRow v) {
            return new Version(v.version(), v.reason(), v.submittedBy(), v.submittedAt(), v.content());
        }
    }
}
