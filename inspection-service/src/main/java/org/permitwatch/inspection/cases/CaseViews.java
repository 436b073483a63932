package org.permitwatch.inspection.cases;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.permitwatch.events.vocabulary.ViolationType;
import org.permitwatch.inspection.penalty.Explanation;
import org.permitwatch.inspection.rectification.RectificationStatus;
import tools.jackson.databind.JsonNode;

/**
 * Response bodies of the case API. Amounts in yuan. The JSON fields stay as stored (jsonb, read back verbatim); their
 * {@code @Schema}s name the records that wrote them, so the published document tells their real shape.
 */
final class CaseViews {

    private CaseViews() {}

    record Summary(
            UUID id,
            String caseNo,
            @Schema(allowableValues = {"FINDING", "ALERT"}) String origin,
            @Schema(implementation = CaseStatus.class) String status,
            String permitNumber,
            String unitName,
            String divisionCode,
            String cityCode,
            String keyIndustry,
            @Schema(implementation = ViolationType.class) String violationType,
            String article,
            UUID findingId,
            UUID alertId,
            OffsetDateTime violationAt,
            String openedBy,
            OffsetDateTime openedAt,
            OffsetDateTime closedAt,
            BigDecimal totalFineYuan) {

        static Summary of(CaseRow c) {
            return new Summary(
                    c.id(),
                    c.caseNo(),
                    c.origin(),
                    c.status(),
                    c.permitNumber(),
                    c.unitName(),
                    c.divisionCode(),
                    c.cityCode(),
                    c.keyIndustry(),
                    c.violationType(),
                    c.article(),
                    c.findingId(),
                    c.alertId(),
                    c.violationAt(),
                    c.openedBy(),
                    c.openedAt(),
                    c.closedAt(),
                    c.totalFineYuan());
        }
    }

    /** A case with everything decided and ordered on it. */
    record Detail(
            UUID id,
            String caseNo,
            @Schema(allowableValues = {"FINDING", "ALERT"}) String origin,
            @Schema(implementation = CaseStatus.class) String status,
            long caseVersion,
            String permitNumber,
            String unitName,
            String divisionCode,
            String cityCode,
            String keyIndustry,
            @Schema(implementation = ViolationType.class) String violationType,
            String article,
            String facts,

            @ArraySchema(schema = @Schema(implementation = CaseEvidenceItem.class))
            JsonNode evidence,

            UUID findingId,
            UUID alertId,
            UUID recordId,
            UUID taskId,
            OffsetDateTime violationAt,
            String handlingDivision,
            String openedBy,
            OffsetDateTime openedAt,
            String closedBy,
            OffsetDateTime closedAt,
            BigDecimal totalFineYuan,
            List<Proposal> proposals,
            List<Decision> decisions,
            Rectification rectification) {}

    record Proposal(
            UUID id,
            String benchmarkVersion,
            String article,
            BigDecimal minYuan,
            BigDecimal maxYuan,
            BigDecimal proposedYuan,
            boolean noPenaltyEligible,
            String noPenaltyRule,
            @Schema(implementation = Explanation.class) JsonNode explanation,
            String createdBy,
            OffsetDateTime createdAt) {}

    record Decision(
            UUID id,

            @Schema(allowableValues = {"FINE", "NO_PENALTY", "DAILY_CONTINUOUS"})
            String kind,

            UUID proposalId,
            BigDecimal amountYuan,
            BigDecimal proposedYuan,
            boolean overridden,
            String overrideReason,
            String noPenaltyRule,
            String benchmarkVersion,
            Integer days,
            LocalDate fromDate,
            LocalDate toDate,
            UUID rectificationId,
            UUID reinspectionRecordId,
            String decidedBy,
            OffsetDateTime decidedAt,

            @Schema(implementation = DecisionExplanation.class)
            JsonNode explanation) {}

    /**
     * @param orderedOn the day the order was entered into the platform
     * @param servedOn  the day it was served on the unit (送达日); a daily continuous fine counts from the day after
     * @param orderedAt the instant the order was entered, so a case's timeline can place it among the other steps
     *                  (orderedOn is only a day)
     */
    record Rectification(
            UUID id,

            @Schema(implementation = RectificationStatus.class)
            String status,

            LocalDate orderedOn,
            LocalDate servedOn,
            LocalDate deadline,
            String requirements,
            UUID followUpTaskId,
            OffsetDateTime overdueAt,
            String escalatedTo,
            UUID verifiedRecordId,
            String verifiedBy,
            OffsetDateTime verifiedAt,
            Boolean onTime,
            String orderedBy,
            OffsetDateTime orderedAt,
            List<Progress> progress,
            List<Verification> verifications) {}

    record Progress(UUID id, String note, String reportedBy, OffsetDateTime reportedAt) {}

    record Verification(
            UUID id,
            UUID recordId,

            @Schema(allowableValues = {"COMPLETE", "CONTINUING"})
            String result,

            LocalDate inspectedOn,
            String verifiedBy,
            OffsetDateTime verifiedAt) {}

    /** An active finding that no case was opened from yet. */
    record QueuedFinding(
            UUID findingId,
            UUID recordId,
            String permitNumber,
            String unitName,
            String divisionCode,
            String cityCode,
            @Schema(implementation = ViolationType.class) String violationType,
            String article,
            String itemTitle,
            OffsetDateTime inspectedAt) {}
}
