package org.permitwatch.inspection.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Units of a plan's division per key industry and stratum, split into permit holders (重点/简化管理) and 登记管理
 * units, all with status VALID. One rule for the plan's denominators and units per round: per stratum,
 * ceil(stratum ratio × stratum denominator) — the same rounding the draw uses, so the plan predicts what draws take.
 */
final class StratumCounts {

    private final Map<String, Map<Stratum, int[]>> byIndustry = new HashMap<>();

    void add(String industry, Stratum stratum, boolean registration, int n) {
        byIndustry.computeIfAbsent(industry, i -> new EnumMap<>(Stratum.class))
                .computeIfAbsent(stratum, s -> new int[2])[registration ? 1 : 0] += n;
    }

    /** Denominator per stratum (in {@link Stratum} order) for an industry, with or without 登记管理 units. */
    Map<Stratum, Integer> denominators(String industry, boolean includeRegistration) {
        Map<Stratum, Integer> out = new LinkedHashMap<>();
        Map<Stratum, int[]> counts = byIndustry.getOrDefault(industry, Map.of());
        for (Stratum s : Stratum.values()) {
            int[] c = counts.getOrDefault(s, new int[2]);
            out.put(s, c[0] + (includeRegistration ? c[1] : 0));
        }
        return out;
    }

    /** ceil(ratio × denominator) per stratum. */
    static Map<Stratum, Integer> unitsPerRound(Map<Stratum, Integer> denominators, PlanRequests.StratumRatios ratios) {
        Map<Stratum, Integer> out = new LinkedHashMap<>();
        denominators.forEach((s, n) -> out.put(s, ceil(ratios.of(s), n)));
        return out;
    }

    static int ceil(BigDecimal ratio, int denominator) {
        return ratio.multiply(BigDecimal.valueOf(denominator))
                .setScale(0, RoundingMode.CEILING)
                .intValueExact();
    }

    static Map<String, Integer> named(Map<Stratum, Integer> byStratum) {
        Map<String, Integer> out = new LinkedHashMap<>();
        byStratum.forEach((s, n) -> out.put(s.name(), n));
        return out;
    }

    static int sum(Map<Stratum, Integer> byStratum) {
        return byStratum.values().stream().mapToInt(Integer::intValue).sum();
    }
}
