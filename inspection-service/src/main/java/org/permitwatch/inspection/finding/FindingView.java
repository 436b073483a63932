package org.permitwatch.inspection.finding;

import java.time.OffsetDateTime;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A finding as the API returns it; evidence and measurements are what the record version said. {@code continuesCaseId}
 * names the open case whose violation this finding shows continuing (null for a new violation).
 */
record FindingView(
        UUID id,
        String status,
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
        String violationType,
        String article,
        String notes,
        JsonNode evidence,
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
