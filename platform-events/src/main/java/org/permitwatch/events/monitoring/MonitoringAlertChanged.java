package org.permitwatch.events.monitoring;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An automatic-monitoring alert opened or resolved (污染物异常排放远程识别、预警), on {@link MonitoringTopics#ALERTS},
 * keyed by alert id, CloudEvents type {@value #TYPE}. An alert opens once per episode of its condition and resolves by
 * itself when the condition ends; consumers keep the latest state per alert id and must treat a repeated event (same
 * id, same status) as a no-op: the streams application may replay.
 *
 * <p>The alert id is derived from what the alert is about (rule, MN, outlet, pollutant and the start of the episode),
 * never random, so a replay of the same data yields the same ids.
 *
 * @param rule              the rule that fired, one of {@link Rule}'s names
 * @param status            OPEN or RESOLVED
 * @param mn                the monitoring point (HJ 212 MN)
 * @param permitNumber      the permit the point is bound to
 * @param unitName          the unit's name from the directory
 * @param provinceCode      division of the unit (6 digits), for scoping by consumers
 * @param cityCode          division of the unit's city
 * @param countyCode        division of the unit's county
 * @param keyIndustry       the unit's key industry code, or null
 * @param outletCode        the outlet (DA### / DW###) the point is bound to; for {@link Rule#UNKNOWN_OUTLET} the outlet
 *                          the data claims
 * @param pollutantCode     HJ 212 pollutant code (a21026, w01018 …); null for rules about the point as a whole
 * @param periodStart       start of the episode (first offending hour / day / minute; for {@link Rule#DATA_MISSING}
 *                          the first missing minute, which also names the alert)
 * @param periodEnd         end of the last offending period seen so far (for RESOLVED: when the condition ended)
 * @param worstValue        the worst valid value in the episode, after the corrections the standard prescribes
 *                          (reference oxygen, dry basis); for {@link Rule#DATA_MISSING} the outage in minutes (unit
 *                          {@code min}), for {@link Rule#FLAG_MISUSE} the most flagged hours of a day (unit {@code h});
 *                          null for rules without a value
 * @param limit             the limit it was judged against (the special-period limit when one was in force), or null
 * @param unit              unit of value and limit (mg/m3, mg/L, t)
 * @param standard          the emission standard that sets the limit, as the permit names it; null when not a limit
 * @param parametersVersion version of the rule parameters that judged it (parameters are versioned data)
 * @param parameters        the rule's parameters as applied (e.g. minHours=4 for constant values;
 *                          minMissingMinutes for DATA_MISSING; maxFlaggedHoursPerDay and flags for FLAG_MISUSE);
 *                          HOURLY_EXCEEDANCE adds exceedingHoursOfDay, the valid hours of that (Beijing) day above the
 *                          hourly limit so far, and for a corrected flue gas referenceOxygen and dryBasis (AS_MEASURED,
 *                          CONVERTED_FROM_WET); a wastewater DAILY_EXCEEDANCE says how its mean was formed, dailyMean
 *                          FLOW_WEIGHTED or ARITHMETIC (ADR 0049); a special-period limit adds limitBasis, normalLimit,
 *                          warningId, warningLevel (ADR 0039)
 * @param evidence          the series that supports the alert, oldest first, at most {@value #MAX_EVIDENCE} points
 * @param changedAt         when the streams application emitted this state (stream time, not wall time)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MonitoringAlertChanged(
        UUID alertId,
        String rule,
        String status,
        String mn,
        String permitNumber,
        String unitName,
        String provinceCode,
        String cityCode,
        String countyCode,
        String keyIndustry,
        String outletCode,
        String pollutantCode,
        OffsetDateTime periodStart,
        OffsetDateTime periodEnd,
        Double worstValue,
        Double limit,
        String unit,
        String standard,
        String parametersVersion,
        Map<String, Object> parameters,
        List<SeriesPoint> evidence,
        OffsetDateTime changedAt) {

    public static final String TYPE = "org.permitwatch.monitoring.alert.changed.v1";
    public static final String OPEN = "OPEN";
    public static final String RESOLVED = "RESOLVED";
    /** Enough for three days of hourly values; longer episodes keep the most recent points. */
    public static final int MAX_EVIDENCE = 72;

    public MonitoringAlertChanged {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** The rules of issue 19; a consumer that meets an unknown name keeps the alert under its raw rule code. */
    public enum Rule {
        /** A valid hourly mean above the hourly limit. */
        HOURLY_EXCEEDANCE,
        /** A valid daily mean above the daily limit. */
        DAILY_EXCEEDANCE,
        /** The same value for N hours or more (数据恒值). */
        CONSTANT_VALUE,
        /** Zero or negative values while the source runs. */
        ZERO_OR_NEGATIVE,
        /** No data for N minutes or more (数据缺失 / 断线). */
        DATA_MISSING,
        /** Too many maintenance or calibration hours (flags M, C …) in a period (标记滥用). */
        FLAG_MISUSE,
        /** Rolling 12-month tonnage on course to exceed the permitted annual amount. */
        ANNUAL_TONNAGE_AHEAD,
        /** Data from an outlet the permit does not have. */
        UNKNOWN_OUTLET
    }

    /**
     * One value of the evidence series.
     *
     * @param time      start of the period the value covers
     * @param period    MINUTE, HOUR or DAY
     * @param value     the value as measured (the mean for HOUR / DAY)
     * @param corrected the value after reference-oxygen / dry-basis correction, null when none applies
     * @param flag      the HJ 212 data flag (N, F, M, S, D, C, T, B), or the mean's judgement for HOUR / DAY
     * @param valid     whether the value counts under the validity rules (HJ 75 / HJ 355 …)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SeriesPoint(
            OffsetDateTime time, String period, Double value, Double corrected, String flag, boolean valid) {}
}
