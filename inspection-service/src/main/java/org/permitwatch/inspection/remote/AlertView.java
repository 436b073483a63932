package org.permitwatch.inspection.remote;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.events.vocabulary.ViolationType;

/**
 * An alert with its evidence (the directory values, or the monitoring series, that triggered it) and, once reviewed,
 * the decision.
 *
 * @param rule           a {@link RemoteRule}; a monitoring rule this version does not know comes as its raw code
 * @param violationType  null for a monitoring rule this version does not know
 * @param violationLabel the 附件1 column of {@code violationType}
 * @param evidence       JSON object; see docs/inspection/remote-checks.md for its members per rule
 * @param monitoring     what a MONITORING alert is about and its numbers; null for a remote check
 */
record AlertView(
        UUID id,

        @Schema(
                description =
                        "The rule's code: a remote-check rule (PERMIT_NOT_VALID_BUT_OPERATING, CATEGORY_TOO_LOW) or"
                                + " a monitoring rule (HOURLY_EXCEEDANCE, DAILY_EXCEEDANCE, CONSTANT_VALUE, ZERO_OR_NEGATIVE,"
                                + " DATA_MISSING, FLAG_MISUSE, ANNUAL_TONNAGE_AHEAD, UNKNOWN_OUTLET, or a code monitoring-service"
                                + " added later, kept as received): a string, not an enum, so a new monitoring rule never"
                                + " breaks a client")
        String rule,

        AlertSource source,
        String ruleVersion,
        AlertStatus status,
        String permitNumber,
        String unitName,
        String provinceCode,
        String cityCode,
        String countyCode,
        String industryCode,
        String keyIndustry,

        @Schema(implementation = ViolationType.class, nullable = true)
        String violationType,

        String violationLabel,
        String article,

        @Schema(
                description = "The values the rule read when it raised the alert (an open object: its"
                        + " members are the rule's inputs and differ by rule, e.g. PERMIT_NOT_VALID gives status,"
                        + " effectiveStatus, validTo, daysSinceExpiry, managementCategory, industryCode,"
                        + " industryName, ruleNote, rulesVersion, asOf, snapshotVersion, snapshotChangedAt; a"
                        + " MONITORING alert gives the FrozenSeries shape: series (time, period, value, corrected,"
                        + " flag, valid), limit, unit, standard, parameters, parametersVersion, legalNote)",
                type = "object",
                additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
        Map<String, Object> evidence,

        OffsetDateTime raisedAt,
        OffsetDateTime updatedAt,
        OffsetDateTime resolvedAt,
        Review review,
        UUID taskId,
        UUID caseId,
        Monitoring monitoring) {

    /**
     * A monitoring alert's subject and numbers.
     *
     * @param worstValue     the worst valid value of the episode after the standard's corrections
     * @param limit          the limit it was judged against
     * @param sourceStatus   monitoring-service's own state: OPEN, or RESOLVED once the condition ended (a reviewed
     *                       alert keeps its review status and shows the resolution here)
     * @param periodEnd      end of the last offending period (for RESOLVED: when the condition ended)
     */
    record Monitoring(
            String mn,
            String outletCode,
            String pollutantCode,
            OffsetDateTime periodStart,
            OffsetDateTime periodEnd,
            Double worstValue,
            Double limit,
            String unit,
            String standard,
            @Schema(allowableValues = {"OPEN", "RESOLVED"}) String sourceStatus,
            OffsetDateTime sourceResolvedAt) {}

    /** Null until reviewed. */
    record Review(
            @Schema(implementation = ReviewRequest.Decision.class)
            String decision,

            String reason,
            String reviewedBy,
            OffsetDateTime reviewedAt) {}
}
