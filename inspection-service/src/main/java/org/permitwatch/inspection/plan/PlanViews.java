package org.permitwatch.inspection.plan;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.permitwatch.inspection.plan.CapacityCheck.Result;

/** Response bodies of the plan API. */
final class PlanViews {

    private PlanViews() {
    }

    record PlanSummary(UUID id, String cityCode, int year, String title, String status, boolean capacitySufficient,
                       OffsetDateTime createdAt, OffsetDateTime publishedAt) {
    }

    record MonthPlan(int month, int rounds, int plannedUnits) {
    }

    /**
     * @param denominator   units holding a valid permit (重点/简化管理, status VALID) of this industry in the city
     * @param unitsPerRound ceil(ratio × denominator)
     */
    record Row(UUID id, int rowNo, String keyIndustry, PlanCategory category, PlanMethod method, boolean doubleRandom,
               BigDecimal ratio, FrequencyPeriod frequencyPeriod, int frequencyTimes, String contentDaily,
               String contentSpecial, String operatingMethod, List<String> cooperatingAgencies, int denominator,
               int unitsPerRound, List<MonthPlan> months) {
    }

    record PlanDetail(UUID id, String cityCode, int year, String title, String status, String createdBy,
                      OffsetDateTime createdAt, OffsetDateTime publishedAt, String denominatorRule, List<Row> rows,
                      Result capacity) {
    }
}
