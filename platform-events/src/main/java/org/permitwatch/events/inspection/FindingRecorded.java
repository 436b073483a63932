package org.permitwatch.events.inspection;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The current state of one finding (a non-compliant checklist item of a submitted inspection record). Published
 * on {@link InspectionTopics#FINDINGS}, keyed by {@code findingId}, when the finding is recorded and again when a
 * correction supersedes it ({@code status} SUPERSEDED): a consumer keeps the latest value per key and counts only
 * ACTIVE findings, so a corrected record is never counted twice.
 *
 * @param findingId     the finding
 * @param status        ACTIVE or SUPERSEDED
 * @param supersedes    the finding of the previous record version this one replaces; null if none
 * @param supersededBy  the finding that replaced this one; null when none did (e.g. the item became compliant)
 * @param recordId      the inspection record
 * @param recordVersion the record version that produced the finding
 * @param permitNumber  the unit
 * @param unitName      name of the unit
 * @param provinceCode  6-digit province code of the unit
 * @param cityCode      6-digit city code of the unit
 * @param countyCode    6-digit county code of the unit
 * @param keyIndustry   plan-table industry row of the unit
 * @param itemCode      stable checklist item code
 * @param itemNo        checklist item number (1–10 province, ≥ 100 city additions)
 * @param violationType one of the ten violation types, e.g. EXCEEDING_LIMITS
 * @param article       article of the Regulation the violation falls under
 * @param inspectedAt   when the inspection took place
 * @param recordedAt    when the finding was recorded
 * @param continuesCaseId the open case whose violation this finding shows continuing (a re-inspection after a
 *                      rectification order found the same violation type on the same unit): the same violation, not
 *                      a new one, so 附件1 does not count it again. Null for a new violation — and in events published
 *                      before the field existed, which consumers therefore read as new (optional, added in issue 12.5)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FindingRecorded(
        UUID findingId,
        String status,
        UUID supersedes,
        UUID supersededBy,
        UUID recordId,
        int recordVersion,
        String permitNumber,
        String unitName,
        String provinceCode,
        String cityCode,
        String countyCode,
        String keyIndustry,
        String itemCode,
        Integer itemNo,
        String violationType,
        String article,
        OffsetDateTime inspectedAt,
        OffsetDateTime recordedAt,
        UUID continuesCaseId) {

    /** CloudEvents {@code ce_type}. */
    public static final String TYPE = "org.permitwatch.inspection.finding.recorded.v1";

    /** A finding of a new violation (no case continued): the shape before {@code continuesCaseId} existed. */
    public FindingRecorded(
            UUID findingId,
            String status,
            UUID supersedes,
            UUID supersededBy,
            UUID recordId,
            int recordVersion,
            String permitNumber,
            String unitName,
            String provinceCode,
            String cityCode,
            String countyCode,
            String keyIndustry,
            String itemCode,
            Integer itemNo,
            String violationType,
            String article,
            OffsetDateTime inspectedAt,
            OffsetDateTime recordedAt) {
        this(
                findingId,
                status,
                supersedes,
                supersededBy,
                recordId,
                recordVersion,
                permitNumber,
                unitName,
                provinceCode,
                cityCode,
                countyCode,
                keyIndustry,
                itemCode,
                itemNo,
                violationType,
                article,
                inspectedAt,
                recordedAt,
                null);
    }
}
