package org.permitwatch.monitoring.alert;

import java.util.List;
import java.util.Map;

/**
 * The thresholds the alert stream judges with, as versioned data: every alert names the {@link #version} that judged it
 * (a change of a threshold is a new version, so an alert stays explainable after the change). Sources in
 * docs/monitoring.md#validity.
 *
 * @param version                   name of this set of values, carried in every alert
 * @param airMinValidMinutesPerHour valid minute values a flue-gas hour needs (HJ 76-2017 附录 B: 45 of 60)
 * @param airMinValidHoursPerDay    valid hours a flue-gas day needs (HJ 76-2017 附录 B: 20 of 24)
 * @param waterMinValidValuesPerHour valid minute values a wastewater hour needs (an analyser reports one value per
 *                                  measuring cycle, 1–2 h: one valid value makes the hour)
 * @param waterMinValidHoursPerDay  valid hours a wastewater day needs
 * @param constantMinHours          consecutive valid hours of one unchanging value that make a constant-value alert
 *                                  (数据恒值); the issue leaves N open
 * @param referenceOxygen           reference oxygen content per emission standard (as the permit names it)
 * @param point                     the rules about a point as a whole (DATA_MISSING, FLAG_MISUSE; ADR 0038)
 */
public record RuleParameters(
        String version,
        int airMinValidMinutesPerHour,
        int airMinValidHoursPerDay,
        int waterMinValidValuesPerHour,
        int waterMinValidHoursPerDay,
        int constantMinHours,
        List<ReferenceOxygen> referenceOxygen,
        PointRuleParameters point) {

    public RuleParameters {
        referenceOxygen = referenceOxygen == null ? List.of() : List.copyOf(referenceOxygen);
        point = point == null ? PointRuleParameters.DEFAULTS : point;
    }

    /** The parameters without the point rules' thresholds: their defaults apply. */
    public RuleParameters(
            String version,
            int airMinValidMinutesPerHour,
            int airMinValidHoursPerDay,
            int waterMinValidValuesPerHour,
            int waterMinValidHoursPerDay,
            int constantMinHours,
            List<ReferenceOxygen> referenceOxygen) {
        this(
                version,
                airMinValidMinutesPerHour,
                airMinValidHoursPerDay,
                waterMinValidValuesPerHour,
                waterMinValidHoursPerDay,
                constantMinHours,
                referenceOxygen,
                null);
    }

    /** HJ 212-2017 code of the flue gas's oxygen content (含氧量, %). */
    public static final String OXYGEN = "a19001";

    /** HJ 212-2017 code of the wastewater flow (污水流量: {@code -Avg} L/s, {@code -Cou} m3). */
    public static final String WATER_FLOW = "w00000";

    /** Parameter naming how a wastewater daily mean was formed. */
    static final String DAILY_MEAN = "dailyMean";
    /** Σ Ci·Qi / Σ Qi over the valid hours (HJ 356-2019). */
    static final String FLOW_WEIGHTED = "FLOW_WEIGHTED";
    /** The mean of the valid hourly means (flue gas always; wastewater only where it cannot be weighted). */
    static final String ARITHMETIC = "ARITHMETIC";

    /** Parameter saying on which basis flue-gas values met the (dry-basis) limit. */
    static final String DRY_BASIS = "dryBasis";
    /** Dry as the analyser sent them (a cold-dry extractive CEMS). */
    static final String AS_MEASURED = "AS_MEASURED";
    /** Measured wet and made dry with the minute's moisture (a01014) before the oxygen correction. */
    static final String CONVERTED_FROM_WET = "CONVERTED_FROM_WET";

    /** Wastewater pollutants carry w-codes (w01018 COD …); everything else is judged as flue gas. */
    static boolean water(String pollutantCode) {
        return pollutantCode.startsWith("w");
    }

    int minValidPerHour(String pollutantCode) {
        return water(pollutantCode) ? waterMinValidValuesPerHour : airMinValidMinutesPerHour;
    }

    int minValidHoursPerDay(String pollutantCode) {
        return water(pollutantCode) ? waterMinValidHoursPerDay : airMinValidHoursPerDay;
    }

    /**
     * The reference oxygen content the standard prescribes for this outlet, or null when values are judged as measured
     * (wastewater, a standard without one, or one not in the table). The first matching row wins: rows with an outlet
     * keyword (燃气轮机 under GB 13223-2011) come before the standard's general row.
     */
    Double referenceOxygen(String standard, String outletName) {
        if (standard == null) {
            return null;
        }
        for (ReferenceOxygen row : referenceOxygen) {
            if (standard.contains(row.standard())
                    && (row.outletKeyword() == null
                            || row.outletKeyword().isBlank()
                            || (outletName != null && outletName.contains(row.outletKeyword())))) {
                return row.percent();
            }
        }
        return null;
    }

    /** The parameters as they appear in an alert of {@code rule}. */
    Map<String, Object> forHourly(String pollutantCode, Double referenceOxygen) {
        return referenceOxygen == null
                ? Map.of("minValidPerHour", minValidPerHour(pollutantCode))
                : Map.of("minValidPerHour", minValidPerHour(pollutantCode), "referenceOxygen", referenceOxygen);
    }

    Map<String, Object> forDaily(String pollutantCode, Double referenceOxygen) {
        return referenceOxygen == null
                ? Map.of(
                        "minValidPerHour", minValidPerHour(pollutantCode),
                        "minValidHoursPerDay", minValidHoursPerDay(pollutantCode))
                : Map.of(
                        "minValidPerHour", minValidPerHour(pollutantCode),
                        "minValidHoursPerDay", minValidHoursPerDay(pollutantCode),
                        "referenceOxygen", referenceOxygen);
    }

    Map<String, Object> forZeroOrNegative(String pollutantCode) {
        return Map.of("minValidPerHour", minValidPerHour(pollutantCode), "maxValue", 0);
    }

    Map<String, Object> forConstant(String pollutantCode) {
        return Map.of("minValidPerHour", minValidPerHour(pollutantCode), "minHours", constantMinHours);
    }

    /**
     * One row of the reference-oxygen table.
     *
     * @param standard      text the permit's standard contains (e.g. {@code GB 13223-2011})
     * @param outletKeyword text the outlet's name must contain for this row, or null for the standard's general row
     * @param percent       reference oxygen content, % (v/v)
     * @param source        what the row is, for people (燃煤锅炉 …)
     */
    public record ReferenceOxygen(String standard, String outletKeyword, double percent, String source) {}
}
