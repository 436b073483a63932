package org.permitwatch.events.inspection;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A city's annual inspection plan (附件3) was published, on {@link InspectionTopics#PLANS}, keyed by plan id,
 * CloudEvents type {@value #TYPE}. A full snapshot: reporting keeps the latest per plan.
 *
 * @param cityCode 6-digit city code of the planning bureau
 * @param rows     one per industry row of the plan table
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlanPublished(UUID planId, String cityCode, int year, String title, int startMonth, List<Row> rows,
                            String publishedBy, OffsetDateTime publishedAt) {

    public static final String TYPE = "org.permitwatch.inspection.plan.published.v1";

    public PlanPublished {
        rows = rows == null ? List.of() : List.copyOf(rows);
    }

    /**
     * @param category        NON_SITE, ON_SITE or DOUBLE_RANDOM (非现场监管, 现场执法检查, 双随机)
     * @param method          CENSUS, SAMPLING or SPECIAL (普查, 抽查, 专项检查)
     * @param ratio           units to inspect ÷ units holding a permit, 0–1
     * @param frequencyPeriod YEAR, QUARTER or MONTH
     * @param denominator     units holding a valid permit of the industry in the city when the plan was published
     * @param unitsPerRound   ceil(ratio × denominator)
     * @param months          planned units per month (1–12)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Row(int rowNo, String keyIndustry, String category, String method, boolean doubleRandom,
                      BigDecimal ratio, String frequencyPeriod, int frequencyTimes, String contentDaily,
                      String contentSpecial, String operatingMethod, List<String> cooperatingAgencies,
                      int denominator, int unitsPerRound, List<Month> months) {
        public Row {
            cooperatingAgencies = cooperatingAgencies == null ? List.of() : List.copyOf(cooperatingAgencies);
            months = months == null ? List.of() : List.copyOf(months);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Month(int month, int rounds, int plannedUnits) {
    }
}
