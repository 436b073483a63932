package org.permitwatch.inspection.draw;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The per-stratum quota rule of ADR 0013 with hand-computed numbers. */
class QuotasTest {

    private static List<DrawAlgorithm.Candidate> units(String stratum, int n) {
        List<DrawAlgorithm.Candidate> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new DrawAlgorithm.Candidate(stratum + i, 1, stratum));
        }
        return out;
    }

    @Test
    void eachStratumTakesTheCeilingOfItsRatioCappedByEligibleUnitsAndBudgets() {
        List<DrawAlgorithm.Candidate> eligible = new ArrayList<>(units("GENERAL", 37));
        eligible.addAll(units("KEY", 12));
        eligible.addAll(units("SPECIAL", 1));
        Map<String, Integer> denominators = Map.of("GENERAL", 37, "KEY", 12, "SPECIAL", 3);
        Map<String, BigDecimal> ratios =
                Map.of("GENERAL", new BigDecimal("0.05"), "KEY", new BigDecimal("0.20"), "SPECIAL", BigDecimal.ONE);
        // GENERAL ceil(0.05 × 37) = ceil(1.85) = 2; KEY ceil(0.20 × 12) = ceil(2.4) = 3;
        // SPECIAL ceil(1 × 3) = 3 but only 1 is eligible (2 excluded) → 1
        assertThat(Quotas.of(eligible, denominators, ratios, Map.of()))
                .containsExactly(Map.entry("SPECIAL", 1), Map.entry("KEY", 3), Map.entry("GENERAL", 2));
        // a budget that leaves KEY 1 caps it; strata the budget does not name are not capped
        assertThat(Quotas.of(eligible, denominators, ratios, Map.of("KEY", 1)))
                .containsEntry("KEY", 1)
                .containsEntry("GENERAL", 2);
        // a stratum without a ratio draws nothing
        assertThat(Quotas.of(eligible, denominators, Map.of("KEY", new BigDecimal("0.20")), Map.of()))
                .containsEntry("GENERAL", 0)
                .containsEntry("SPECIAL", 0)
                .containsEntry("KEY", 3);
    }

    @Test
    void theTightestBudgetWins() {
        UUID row = UUID.randomUUID();
        // city row: 8 per round × 1 round, 4 drawn → 4 left; county row: 4 × 1, none drawn → 4; KEY min = 4.
        // GENERAL: city 2 − 2 = 0, county 1 − 0 = 1 → 0
        DrawViews.Budget city =
                DrawViews.Budget.of(row, "CITY_ROW", Map.of("KEY", 8, "GENERAL", 2), 1, Map.of("KEY", 4, "GENERAL", 2));
        DrawViews.Budget county = DrawViews.Budget.of(row, "COUNTY_ROW", Map.of("KEY", 4, "GENERAL", 1), 1, Map.of());
        assertThat(Quotas.remaining(List.of(city, county)))
                .containsEntry("KEY", 4)
                .containsEntry("GENERAL", 0)
                .containsEntry("SPECIAL", 0);
        // two rounds in the month double the plan: 8 × 2 − 4 = 12
        assertThat(DrawViews.Budget.of(row, "CITY_ROW", Map.of("KEY", 8), 2, Map.of("KEY", 4))
                        .remaining())
                .containsEntry("KEY", 12);
    }

    @Test
    void theSameSeedDrawsTheSameUnitsPerStratum() {
        List<DrawAlgorithm.Candidate> eligible = new ArrayList<>(units("GENERAL", 37));
        eligible.addAll(units("KEY", 12));
        Map<String, Integer> quotas = Map.of("KEY", 3, "GENERAL", 2);
        String seed = "11".repeat(32);
        List<DrawAlgorithm.Pick> once =
                DrawAlgorithm.run(new DrawAlgorithm.Input(seed, eligible, List.of(), quotas, List.of(), 0));
        List<DrawAlgorithm.Candidate> reversed = new ArrayList<>(eligible);
        java.util.Collections.reverse(reversed);
        List<DrawAlgorithm.Pick> twice =
                DrawAlgorithm.run(new DrawAlgorithm.Input(seed, reversed, List.of(), quotas, List.of(), 0));
        assertThat(once).hasSize(5).isEqualTo(twice);
        assertThat(once).allSatisfy(p -> assertThat(p.inspectors()).isEmpty());
        assertThat(once.stream().filter(p -> p.stratum().equals("KEY"))).hasSize(3);
    }
}
