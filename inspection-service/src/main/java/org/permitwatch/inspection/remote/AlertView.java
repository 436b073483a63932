package org.permitwatch.inspection.remote;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.events.vocabulary.ViolationType;

/**
 * An alert with its evidence (the directory values that triggered it) and, once reviewed, the decision.
 *
 * @param violationLabel the 附件1 column of {@code violationType}
 * @param evidence       JSON object; see docs/inspection/remote-checks.md for its members per rule
 */
record AlertView(
        UUID id,
        RemoteRule rule,
        String ruleVersion,
        AlertStatus status,
        String permitNumber,
        String unitName,
        String provinceCode,
        String cityCode,
        String countyCode,
        String industryCode,
        String keyIndustry,
        @Schema(implementation = ViolationType.class) String violationType,
        String violationLabel,
        String article,

        @Schema(
                description = "The directory values the rule read when it raised the alert (an open object: its"
                        + " members are the rule's inputs and differ by rule, e.g. PERMIT_NOT_VALID gives status,"
                        + " effectiveStatus, validTo, daysSinceExpiry, managementCategory, industryCode,"
                        + " industryName, ruleNote, rulesVersion, asOf, snapshotVersion, snapshotChangedAt)",
                type = "object",
                additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
        Map<String, Object> evidence,

        OffsetDateTime raisedAt,
        OffsetDateTime updatedAt,
        OffsetDateTime resolvedAt,
        Review review,
        UUID taskId,
        UUID caseId) {

    /** Null until reviewed. */
    record Review(
            @Schema(implementation = ReviewRequest.Decision.class)
            String decision,

            String reason,
            String reviewedBy,
            OffsetDateTime reviewedAt) {}
}
