package org.permitwatch.inspection.plan;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.inspection.plan.CapacityCheck.Result;

/** Response bodies of the plan API. */
final class PlanViews {

    private PlanViews() {}

    record PlanSummary(
            UUID id,
            String cityCode,
            int year,
            String title,

            @Schema(allowableValues = {"DRAFT", "PUBLISHED"})
            String status,

            boolean capacitySufficient,
            OffsetDateTime createdAt,
            OffsetDateTime publishedAt,
            PlanLevel level,
            String divisionCode,
            UUID parentPlanId) {}

    record MonthPlan(int month, int rounds, int plannedUnits) {}

    /**
     * @param denominator          units counted for the row in the plan's division (permit holders with status VALID,
     *                             plus VALID 登记管理 units when the row includes them)
     * @param unitsPerRound        sum over the strata of ceil(stratum ratio × stratum denominator)
     * @param stratumRatios        share per round of each stratum
     * @param stratumDenominators  denominator per stratum (null for rows saved before per-stratum counting)
     * @param stratumUnitsPerRound ceil(stratum ratio × stratum denominator) per stratum (null for such rows)
     * @param parentRowNo          COUNTY plans: the city plan's row this row carries out
     */
    record Row(
            UUID id,
            int rowNo,
            String keyIndustry,
            PlanCategory category,
            PlanMethod method,
            boolean doubleRandom,
            BigDecimal ratio,
            FrequencyPeriod frequencyPeriod,
            int frequencyTimes,
            String contentDaily,
            String contentSpecial,
            String operatingMethod,
            List<String> cooperatingAgencies,
            int denominator,
            int unitsPerRound,
            List<MonthPlan> months,
            Map<String, BigDecimal> stratumRatios,
            boolean includeRegistration,
            Map<String, Integer> stratumDenominators,
            Map<String, Integer> stratumUnitsPerRound,
            Integer parentRowNo) {}

    record PlanDetail(
            UUID id,
            String cityCode,
            int year,
            String title,

            @Schema(allowableValues = {"DRAFT", "PUBLISHED"})
            String status,

            String createdBy,
            OffsetDateTime createdAt,
            OffsetDateTime publishedAt,
            String denominatorRule,
            List<Row> rows,
            Result capacity,
            PlanLevel level,
            String divisionCode,
            UUID parentPlanId,

            @Schema(
                    description = "raised by every edit of a draft; send it back as If-Match (\"<version>\") to edit"
                            + " (412 stale-version when someone else edited meanwhile)")
            long version) {}
}
