package org.permitwatch.inspection.draw;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Units a draw takes per stratum — one rule for plan draws and the province's draws (ADR 0013):
 * {@code min(eligible, ceil(stratum ratio × stratum denominator), what the budgets leave)}. The denominator counts the
 * stratum's units before exclusions (the ratio is "units inspected ÷ units of the directory"); ceil so a non-empty
 * stratum with a positive ratio is never skipped (5 % of 37 → ceil(1.85) = 2).
 */
final class Quotas {

    private Quotas() {}

    /**
     * @param ratios    share per stratum (SPECIAL, KEY, GENERAL); a missing stratum draws nothing
     * @param remaining what the budgets leave per stratum; a missing stratum is not capped
     */
    static Map<String, Integer> of(
            List<DrawAlgorithm.Candidate> eligible,
            Map<String, Integer> denominators,
            Map<String, BigDecimal> ratios,
            Map<String, Integer> remaining) {
        Map<String, Integer> quotas = new LinkedHashMap<>();
        for (String stratum : DrawAlgorithm.STRATA) {
            int available = (int)
                    eligible.stream().filter(c -> c.stratum().equals(stratum)).count();
            BigDecimal ratio = ratios.getOrDefault(stratum, BigDecimal.ZERO);
            int wanted = ratio.multiply(BigDecimal.valueOf(denominators.getOrDefault(stratum, 0)))
                    .setScale(0, RoundingMode.CEILING)
                    .intValueExact();
            int cap = remaining.getOrDefault(stratum, Integer.MAX_VALUE);
            quotas.put(stratum, Math.max(0, Math.min(Math.min(available, wanted), cap)));
        }
        return quotas;
    }

    /** The tightest of the budgets per stratum. */
    static Map<String, Integer> remaining(List<DrawViews.Budget> budgets) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (DrawViews.Budget b : budgets) {
            b.remaining().forEach((s, n) -> out.merge(s, n, Math::min));
        }
        return out;
    }
}
