package org.permitwatch.monitoring.alert;

import java.util.List;
import java.util.Map;

/**
 * Thresholds of the rules about a monitoring point as a whole (ADR 0038), part of the versioned {@link RuleParameters}:
 * a change of any value here is a new {@code version} too.
 *
 * @param dataMissingMinutes       DATA_MISSING: a point that sends no minute data (CN 2051) for this many minutes is
 *                                 missing. No figure was found in HJ 75-2017 / HJ 212-2017 through the search tool: a
 *                                 conservative default of 60 (one whole hour cannot be judged), see docs/monitoring.md
 * @param flagMisuseMaxHoursPerDay FLAG_MISUSE: more than this many hours of minutes flagged with {@code flagMisuseFlags}
 *                                 in one day (Beijing) of one point; no figure found either, default 4 (routine daily
 *                                 calibration takes minutes, a maintenance visit an hour or two)
 * @param flagMisuseFlags          the HJ 212-2017 表 6 flags an operator sets by declaring the data unrepresentative:
 *                                 M 维护, C 校准, S 手工输入的设定值 (F 停运, D 故障, T 超测上限, B 通讯异常 are states, not
 *                                 declarations, and are not counted)
 */
public record PointRuleParameters(
        int dataMissingMinutes, double flagMisuseMaxHoursPerDay, List<String> flagMisuseFlags) {

    /** The defaults above, used where a configuration predates these rules (a zero or absent value too). */
    public static final PointRuleParameters DEFAULTS = new PointRuleParameters(60, 4, List.of("M", "C", "S"));

    public PointRuleParameters {
        flagMisuseFlags = flagMisuseFlags == null || flagMisuseFlags.isEmpty()
                ? List.of("M", "C", "S")
                : List.copyOf(flagMisuseFlags);
        if (dataMissingMinutes <= 0) {
            dataMissingMinutes = 60;
        }
        if (flagMisuseMaxHoursPerDay <= 0) {
            flagMisuseMaxHoursPerDay = 4;
        }
    }

    Map<String, Object> forDataMissing() {
        return Map.of("minMissingMinutes", dataMissingMinutes);
    }

    Map<String, Object> forFlagMisuse() {
        return Map.of("maxFlaggedHoursPerDay", flagMisuseMaxHoursPerDay, "flags", String.join(",", flagMisuseFlags));
    }
}
