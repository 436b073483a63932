package org.permitwatch.inspection.plan;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

/**
 * What a draw needs to know of a plan row.
 *
 * @param divisionCode        the planning bureau's division: the city, or the county of a COUNTY plan (whose units
 *                            alone its draws draw)
 * @param published           only rows of published plans may be drawn
 * @param roundsInMonth       rounds the monthly breakdown plans for the requested month (0 = none planned)
 * @param onSite              false for remote-supervision rows (their tasks are REMOTE)
 * @param stratumRatios       share per round of each stratum, keyed SPECIAL/KEY/GENERAL
 * @param includeRegistration whether 登记管理 units are drawn too
 * @param unitsPerRound       planned units per round per stratum; null for rows saved before per-stratum budgets
 * @param quota               the city row whose budget the draw consumes (the row itself for a city plan)
 */
public record PlanRowRef(
        UUID planId,
        UUID rowId,
        String cityCode,
        String divisionCode,
        PlanLevel level,
        int year,
        boolean published,
        String keyIndustry,
        boolean doubleRandom,
        boolean onSite,
        BigDecimal ratio,
        Map<String, BigDecimal> stratumRatios,
        boolean includeRegistration,
        int roundsInMonth,
        Map<String, Integer> unitsPerRound,
        Quota quota) {

    /**
     * The budget of a city row for one month: units per round per stratum × rounds in the month.
     *
     * @param unitsPerRound null for legacy rows (no budget)
     */
    public record Quota(UUID rowId, int rowNo, int roundsInMonth, Map<String, Integer> unitsPerRound) {}
}
