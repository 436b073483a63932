package org.permitwatch.events.enforcement;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A remote check (非现场监管) raised or resolved an alert, on {@link EnforcementTopics#ALERTS}, keyed by alert id,
 * CloudEvents type {@value #TYPE}; consumers keep the latest state per alert.
 *
 * @param rule          code of the remote-check rule, e.g. PERMIT_NOT_VALID_BUT_OPERATING, CATEGORY_TOO_LOW
 * @param status        OPEN, RESOLVED (the condition no longer holds), DISMISSED, TASKED (became a targeted task)
 *                      or CASED (became a case)
 * @param taskId        the targeted task it became; null otherwise
 * @param caseId        the case it became; null otherwise
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
        OffsetDateTime changedAt) {

    public static final String TYPE = "org.permitwatch.inspection.alert.changed.v1";
}
