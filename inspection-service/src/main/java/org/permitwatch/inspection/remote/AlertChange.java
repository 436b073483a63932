package org.permitwatch.inspection.remote;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.permitwatch.events.enforcement.AlertChanged;
import org.permitwatch.events.enforcement.EnforcementTopics;
import org.permitwatch.support.outbox.OutboxMessage;

/**
 * An alert row as a run, a monitoring event or a review left it: what its {@link AlertChanged} event says. The rule is
 * a string: a monitoring alert keeps a rule code this version may not know.
 */
record AlertChange(
        UUID id,
        String rule,
        String source,
        AlertStatus status,
        String permitNumber,
        String unitName,
        String provinceCode,
        String cityCode,
        String countyCode,
        String keyIndustry,
        String violationType,
        String pollutantCode,
        UUID taskId,
        UUID caseId,
        OffsetDateTime raisedAt,
        OffsetDateTime changedAt) {

    /** The columns {@link #from} reads, for RETURNING clauses. */
    static final String COLUMNS = "id, rule, source, permit_number, unit_name, province_code, city_code, county_code, "
            + "key_industry, violation_type, pollutant_code, status, task_id, case_id, raised_at, updated_at";

    static AlertChange from(Readable r) {
        return new AlertChange(
                r.get("id", UUID.class),
                r.get("rule", String.class),
                r.get("source", String.class),
                AlertStatus.valueOf(r.get("status", String.class)),
                r.get("permit_number", String.class),
                r.get("unit_name", String.class),
                r.get("province_code", String.class),
                r.get("city_code", String.class),
                r.get("county_code", String.class),
                r.get("key_industry", String.class),
                r.get("violation_type", String.class),
                r.get("pollutant_code", String.class),
                r.get("task_id", UUID.class),
                r.get("case_id", UUID.class),
                r.get("raised_at", OffsetDateTime.class),
                r.get("updated_at", OffsetDateTime.class));
    }

    OutboxMessage event() {
        return OutboxMessage.of(
                EnforcementTopics.ALERTS,
                id.toString(),
                AlertChanged.TYPE,
                new AlertChanged(
                        id,
                        rule,
                        status.name(),
                        permitNumber,
                        unitName,
                        provinceCode,
                        cityCode,
                        countyCode,
                        keyIndustry,
                        violationType,
                        taskId,
                        caseId,
                        raisedAt,
                        changedAt,
                        source,
                        pollutantCode));
    }
}
