package org.permitwatch.events.enforcement;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A rectification order (责令改正) with its deadline, on {@link EnforcementTopics#CASES}, CloudEvents type
 * {@value #TYPE}. It stands whether or not a fine was imposed.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RectificationOrdered(
        CaseRef ref,
        UUID rectificationId,
        LocalDate orderedOn,
        LocalDate deadline,
        String orderedBy,
        OffsetDateTime orderedAt) {

    public static final String TYPE = "org.permitwatch.inspection.case.rectification-ordered.v1";
}
