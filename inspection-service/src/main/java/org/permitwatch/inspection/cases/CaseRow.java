package org.permitwatch.inspection.cases;

import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of {@code enforcement_case}; evidence stays JSON text. Used by the penalty and rectification features. */
public record CaseRow(
        UUID id,
        String caseNo,
        String origin,
        UUID findingId,
        UUID alertId,
        UUID recordId,
        UUID taskId,
        String permitNumber,
        String unitName,
        String divisionCode,
        String cityCode,
        String keyIndustry,
        String violationType,
        String article,
        String facts,
        String evidenceJson,
        OffsetDateTime violationAt,
        String handlingDivision,
        String status,
        long eventVersion,
        String openedBy,
        OffsetDateTime openedAt,
        String closedBy,
        OffsetDateTime closedAt,
        BigDecimal totalFineYuan) {

    public static final String OPEN = CaseStatus.OPEN.name();
    public static final String DECIDED = CaseStatus.DECIDED.name();
    public static final String CLOSED = CaseStatus.CLOSED.name();

    static final String COLUMNS = """
            c.id, c.case_no, c.origin, c.finding_id, c.alert_id, c.record_id, c.task_id, c.permit_number, c.unit_name,
            c.division_code, c.city_code, c.key_industry, c.violation_type, c.article, c.facts,
            c.evidence::text AS evidence, c.violation_at, c.handling_division, c.status, c.event_version, c.opened_by,
            c.opened_at, c.closed_by, c.closed_at, c.total_fine_yuan""";

    static CaseRow of(Readable r) {
        return new CaseRow(
                r.get("id", UUID.class),
                r.get("case_no", String.class),
                r.get("origin", String.class),
                r.get("finding_id", UUID.class),
                r.get("alert_id", UUID.class),
                r.get("record_id", UUID.class),
                r.get("task_id", UUID.class),
                r.get("permit_number", String.class),
                r.get("unit_name", String.class),
                r.get("division_code", String.class),
                r.get("city_code", String.class),
                r.get("key_industry", String.class),
                r.get("violation_type", String.class),
                r.get("article", String.class),
                r.get("facts", String.class),
                r.get("evidence", String.class),
                r.get("violation_at", OffsetDateTime.class),
                r.get("handling_division", String.class),
                r.get("status", String.class),
                r.get("event_version", Long.class),
                r.get("opened_by", String.class),
                r.get("opened_at", OffsetDateTime.class),
                r.get("closed_by", String.class),
                r.get("closed_at", OffsetDateTime.class),
                r.get("total_fine_yuan", BigDecimal.class));
    }

    public String provinceCode() {
        return divisionCode.substring(0, 2) + "0000";
    }
}
