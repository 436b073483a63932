package org.permitwatch.events.inspection;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An annual inspection plan (附件3) was published, on {@link InspectionTopics#PLANS}, keyed by plan id,
 * CloudEvents type {@value #TYPE}. A full snapshot: reporting keeps the latest per plan.
 *
 * @param cityCode     6-digit city code of the planning bureau (for a county plan: its city)
 * @param rows         one per industry row of the plan table
 * @param level        CITY, or COUNTY for a county branch's plan inside its city's plan (absent before = CITY)
 * @param divisionCode the planning bureau's division: the city, or the county of a COUNTY plan
 * @param parentPlanId COUNTY plans: the city plan they lie in
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlanPublished(
        UUID planId,
        String cityCode,
        int year,
        String title,
        int startMonth,
        List<Row> rows,
        String publishedBy,
        OffsetDateTime publishedAt,
        String level,
        String divisionCode,
        UUID parentPlanId) {

    public static final String TYPE = "org.permitwatch.inspection.plan.published.v1";

    public PlanPublished {
        rows = rows == null ? List.of() : List.copyOf(rows);
        level = level == null ? "CITY" : level;
        divisionCode = divisionCode == null ? cityCode : divisionCode;
    }

    /** A city plan (the shape before county plans). */
    public PlanPublished(
            UUID planId,
            String cityCode,
            int year,
            String title,
            int startMonth,
            List<Row> rows,
            String publishedBy,
            OffsetDateTime publishedAt) {
        this(planId, cityCode, year, title, startMonth, rows, publishedBy, publishedAt, "CITY", cityCode, null);
    }

    /** Whether a county branch made the plan (inside its city's plan). */
    public boolean countyPlan() {
        return "COUNTY".equals(level);
    }

    /**
     * @param category        NON_SITE, ON_SITE or DOUBLE_RANDOM (非现场监管, 现场执法检查, 双随机)
     * @param method          CENSUS, SAMPLING or SPECIAL (普查, 抽查, 专项检查)
     * @param ratio           units to inspect ÷ units holding a permit, 0–1
     * @param frequencyPeriod YEAR, QUARTER or MONTH
     * @param denominator     units holding a valid permit of the industry in the city when the plan was published
     * @param unitsPerRound   sum over the strata of ceil(stratum ratio × stratum denominator)
     * @param months          planned units per month (1–12)
     * @param stratumRatios   share drawn per round of each stratum (KEY, GENERAL, SPECIAL)
     * @param includeRegistration whether 登记管理 units are counted and drawn
     * @param parentRowNo     COUNTY plans: the city plan's row this row carries out
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Row(
            int rowNo,
            String keyIndustry,
            String category,
            String method,
            boolean doubleRandom,
            BigDecimal ratio,
            String frequencyPeriod,
            int frequencyTimes,
            String contentDaily,
            String contentSpecial,
            String operatingMethod,
            List<String> cooperatingAgencies,
            int denominator,
            int unitsPerRound,
            List<Month> months,
            Map<String, BigDecimal> stratumRatios,
            Boolean includeRegistration,
            Integer parentRowNo) {
        public Row {
            // Boxed: a row published before the field existed has none, and Jackson refuses null for a primitive
            // (the v1 contract test caught exactly that). Absent means "not included", as before.
            includeRegistration = Boolean.TRUE.equals(includeRegistration);
            cooperatingAgencies = cooperatingAgencies == null ? List.of() : List.copyOf(cooperatingAgencies);
            months = months == null ? List.of() : List.copyOf(months);
            stratumRatios = stratumRatios == null ? Map.of() : Map.copyOf(stratumRatios);
        }

        /** A row without per-stratum ratios (the shape before them). */
        public Row(
                int rowNo,
                String keyIndustry,
                String category,
                String method,
                boolean doubleRandom,
                BigDecimal ratio,
                String frequencyPeriod,
                int frequencyTimes,
                String contentDaily,
                String contentSpecial,
                String operatingMethod,
                List<String> cooperatingAgencies,
                int denominator,
                int unitsPerRound,
                List<Month> months) {
            this(
                    rowNo,
                    keyIndustry,
                    category,
                    method,
                    doubleRandom,
                    ratio,
                    frequencyPeriod,
                    frequencyTimes,
                    contentDaily,
                    contentSpecial,
                    operatingMethod,
                    cooperatingAgencies,
                    denominator,
                    unitsPerRound,
                    months,
                    Map.of(),
                    false,
                    null);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Month(int month, int rounds, int plannedUnits) {}
}
