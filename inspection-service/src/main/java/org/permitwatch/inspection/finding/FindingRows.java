package org.permitwatch.inspection.finding;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Column list and row mapping of {@code finding} (alias {@code f}). */
final class FindingRows {

    static final String COLUMNS = """
            f.id, f.record_id, f.record_version, f.task_id, f.item_id, f.item_code, f.item_no, f.item_title,
            f.violation_type, f.article, f.permit_number, f.unit_name, f.division_code, f.city_code, f.key_industry,
            f.notes, f.evidence::text AS evidence, f.measurements::text AS measurements, f.fingerprint, f.status,
            f.supersedes, f.superseded_by, f.superseded_at, f.inspected_at, f.recorded_at, f.continues_case_id""";

    private FindingRows() {}

    record Row(
            UUID id,
            UUID recordId,
            int recordVersion,
            UUID taskId,
            UUID itemId,
            String itemCode,
            Integer itemNo,
            String itemTitle,
            String violationType,
            String article,
            String permitNumber,
            String unitName,
            String divisionCode,
            String cityCode,
            String keyIndustry,
            String notes,
            String evidenceJson,
            String measurementsJson,
            String fingerprint,
            String status,
            UUID supersedes,
            UUID supersededBy,
            OffsetDateTime supersededAt,
            OffsetDateTime inspectedAt,
            OffsetDateTime recordedAt,
            UUID continuesCaseId) {}

    static Row row(Readable r) {
        return new Row(
                r.get("id", UUID.class),
                r.get("record_id", UUID.class),
                r.get("record_version", Integer.class),
                r.get("task_id", UUID.class),
                r.get("item_id", UUID.class),
                r.get("item_code", String.class),
                r.get("item_no", Integer.class),
                r.get("item_title", String.class),
                r.get("violation_type", String.class),
                r.get("article", String.class),
                r.get("permit_number", String.class),
                r.get("unit_name", String.class),
                r.get("division_code", String.class),
                r.get("city_code", String.class),
                r.get("key_industry", String.class),
                r.get("notes", String.class),
                r.get("evidence", String.class),
                r.get("measurements", String.class),
                r.get("fingerprint", String.class),
                r.get("status", String.class),
                r.get("supersedes", UUID.class),
                r.get("superseded_by", UUID.class),
                r.get("superseded_at", OffsetDateTime.class),
                r.get("inspected_at", OffsetDateTime.class),
                r.get("recorded_at", OffsetDateTime.class),
                r.get("continues_case_id", UUID.class));
    }
}
