package org.permitwatch.events.enforcement;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A follow-up inspection verified the rectification complete, on {@link EnforcementTopics#CASES}, CloudEvents type
 * {@value #TYPE}.
 *
 * @param followUpRecordId the inspection record that verified it; null when verified from documents
 * @param onTime           verified on or before the deadline
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RectificationCompleted(
        CaseRef ref,
        UUID rectificationId,
        LocalDate deadline,
        UUID followUpRecordId,
        boolean onTime,
        String verifiedBy,
        OffsetDateTime verifiedAt) {

    public static final String TYPE = "org.permitwatch.inspection.case.rectification-completed.v1";
}
