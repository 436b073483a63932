package org.permitwatch.events.enforcement;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A remote check (非现场监管) or the automatic-monitoring stream raised or resolved an alert, on {@link EnforcementTopics#ALERTS}, keyed by alert id,
 * CloudEvents type {@value #TYPE}; consumers keep the latest state per alert.
 *
 * @param rule          code of the remote-check rule, e.g. PERMIT_NOT_VALID_BUT_OPERATING, CATEGORY_TOO_LOW
 * @param status        OPEN, RESOLVED (the condition no longer holds), DISMISSED, TASKED (became a targeted task)
 *                      or CASED (became a case)
 * @param taskId        the targeted task it became; null otherwise
 * @param caseId        the case it became; null otherwise
 * @param source        REMOTE_CHECK (a remote-check run over the directory) or MONITORING (an alert of
 *                      {@code monitoring.alert.events.v1}, issue 19); null in events published before the field
 *                      existed, which were all REMOTE_CHECK
 * @param pollutantCode HJ 212 pollutant code of a MONITORING alert, null otherwise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertChanged(
        UUID alertId,
        String rule,
        String status,
        String permitNumber,
        String unitName,
        String provinceCode,
        String cityCode,
        String countyCode,
        String keyIndustry,
        String violationType,
        UUID taskId,
        UUID caseId,
        OffsetDateTime raisedAt,
        OffsetDateTime changedAt,
        String source,
        String pollutantCode) {

    public static final String TYPE = "org.permitwatch.inspection.alert.changed.v1";
    public static final String REMOTE_CHECK = "REMOTE_CHECK";
    public static final String MONITORING = "MONITORING";

    /** The source, REMOTE_CHECK for events without one (published before issue 19). */
    public String sourceOrDefault() {
        return source == null ? REMOTE_CHECK : source;
    }
}
