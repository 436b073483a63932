package org.permitwatch.events.enforcement;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A case (案件) was opened from a finding or a confirmed remote alert, on {@link EnforcementTopics#CASES}, keyed
 * by case id, CloudEvents type {@value #TYPE}.
 *
 * @param origin    FINDING or ALERT
 * @param findingId the finding the case came from; null for ALERT
 * @param alertId   the remote alert the case came from; null for FINDING
 * @param recordId  the inspection record of the finding; null for ALERT
 * @param taskId    the inspection task of the finding; null for ALERT
 * @param openedBy  subject of the user who opened the case
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseOpened(
        CaseRef ref,
        String origin,
        UUID findingId,
        UUID alertId,
        UUID recordId,
        UUID taskId,
        String openedBy,
        OffsetDateTime openedAt) {

    public static final String TYPE = "org.permitwatch.inspection.case.opened.v1";
}
