package org.permitwatch.events.inspection;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An inspection record was submitted, or a correction of it was submitted as a new version. Published on
 * {@link InspectionTopics#INSPECTIONS}, keyed by {@code recordId}; a consumer keeps the highest {@code version}
 * per record. Carries the division codes and the industry so reporting can aggregate by region × industry.
 *
 * @param recordId           the inspection record
 * @param version            1 for the first submission, +1 per correction
 * @param correctionReason   why this version replaced the previous one; null for version 1
 * @param taskId             the inspection task the record belongs to
 * @param permitNumber       the inspected unit
 * @param unitName           name of the unit
 * @param provinceCode       6-digit province code of the unit
 * @param cityCode           6-digit city code of the unit
 * @param countyCode         6-digit county code of the unit
 * @param keyIndustry        plan-table industry row of the unit
 * @param checklistVersionId the checklist version the record was checked against
 * @param inspectedAt        when the inspection took place
 * @param submittedAt        when this version was submitted
 * @param submittedBy        subject of the submitting user
 * @param compliant          items found compliant
 * @param nonCompliant       items found non-compliant (each is an active finding)
 * @param notApplicable      items not applicable to the unit
 * @param notChecked         items not checked
 * @param exceedances        measurements above their permitted limit
 * @param activeFindingIds   the findings in force after this version
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InspectionSubmitted(
        UUID recordId,
        int version,
        String correctionReason,
        UUID taskId,
        String permitNumber,
        String unitName,
        String provinceCode,
        String cityCode,
        String countyCode,
        String keyIndustry,
        UUID checklistVersionId,
        OffsetDateTime inspectedAt,
        OffsetDateTime submittedAt,
        String submittedBy,
        int compliant,
        int nonCompliant,
        int notApplicable,
        int notChecked,
        int exceedances,
        List<UUID> activeFindingIds) {

    /** CloudEvents {@code ce_type}. */
    public static final String TYPE = "org.permitwatch.inspection.record.submitted.v1";

    public InspectionSubmitted {
        activeFindingIds = activeFindingIds == null ? List.of() : List.copyOf(activeFindingIds);
    }
}
