package org.permitwatch.inspection.finding;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.permitwatch.events.vocabulary.ViolationType;
import org.permitwatch.inspection.record.RecordContent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A finding as the API returns it; evidence and measurements are what the record version said. {@code continuesCaseId}
 * names the open case whose violation this finding shows continuing (null for a new violation). Evidence and measurements
 * are the record's {@link RecordContent.Evidence} and {@link RecordContent.Measurement} items the finding cites, stored
 * as written and returned verbatim.
 */
record FindingView(
        UUID id,
        @Schema(allowableValues = {"ACTIVE", "SUPERSEDED"}) String status,
        UUID recordId,
        int recordVersion,
        UUID taskId,
        String permitNumber,
        String unitName,
        String divisionCode,
        String cityCode,
        String keyIndustry,
        UUID itemId,
        String itemCode,
        Integer itemNo,
        String itemTitle,
        @Schema(implementation = ViolationType.class) String violationType,
        String article,
        String notes,

        @ArraySchema(schema = @Schema(implementation = RecordContent.Evidence.class))
        JsonNode evidence,

        @ArraySchema(schema = @Schema(implementation = RecordContent.Measurement.class))
        JsonNode measurements,

        UUID supersedes,
        UUID supersededBy,
        OffsetDateTime supersededAt,
        OffsetDateTime inspectedAt,
        OffsetDateTime recordedAt,
        UUID continuesCaseId) {

    static FindingView of(FindingRows.Row f, JsonMapper json) {
        return new FindingView(
                f.id(),
                f.status(),
                f.recordId(),
                f.recordVersion(),
                f.taskId(),
                f.permitNumber(),
                f.unitName(),
                f.divisionCode(),
                f.cityCode(),
                f.keyIndustry(),
                f.itemId(),
                f.itemCode(),
                f.itemNo(),
                f.itemTitle(),
                f.violationType(),
                f.article(),
                f.notes(),
                json.readTree(f.evidenceJson()),
                json.readTree(f.measurementsJson()),
                f.supersedes(),
                f.supersededBy(),
                f.supersededAt(),
                f.inspectedAt(),
                f.recordedAt(),
                f.continuesCaseId());
    }
}
