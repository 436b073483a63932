package org.permitwatch.events.enforcement;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A rectification passed its deadline without a verified follow-up (and was escalated), on
 * {@link EnforcementTopics#CASES}, CloudEvents type {@value #TYPE}. Raised once per rectification; liaison-service
 * notifies the city's liaisons.
 *
 * @param escalatedTo 6-digit division the rectification was escalated to (the city's, or the province's)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RectificationOverdue(
        CaseRef ref, UUID rectificationId, LocalDate deadline, String escalatedTo, OffsetDateTime detectedAt) {

    public static final String TYPE = "org.permitwatch.inspection.case.rectification-overdue.v1";
}
