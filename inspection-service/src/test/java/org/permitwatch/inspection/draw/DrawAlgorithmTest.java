package org.permitwatch.inspection.draw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.permitwatch.inspection.draw.DrawAlgorithm.Candidate;
import org.permitwatch.inspection.draw.DrawAlgorithm.Input;
import org.permitwatch.inspection.draw.DrawAlgorithm.InspectorSlot;
import org.permitwatch.inspection.draw.DrawAlgorithm.Pick;
import org.permitwatch.support.problem.ApiException;

class DrawAlgorithmTest {

    /** Seeds derived from a counter: deterministic, so the statistical tests never flake. */
    private static String seed(String purpose, int i) {
        return Fingerprints.sha256Hex((purpose + ":" + i).getBytes(StandardCharsets.UTF_8));
    }

    private static List<Candidate> units(String prefix, String stratum, int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> new Candidate(String.format("%s%03d", prefix, i), 1, stratum))
                .toList();
    }

    private static <T> List<T> reverse(List<T> items) {
        List<T> copy = new ArrayList<>(items);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static List<InspectorSlot> inspectors(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> new InspectorSlot(new UUID(0, i + 1), 0, List.of()))
                .toList();
    }

    /**
     * Pearson chi-square over the selection counts of each unit in a stratum: under uniform sampling of k out of N,
     * each unit is expected trials·k/N times. 19 degrees of freedom, α = 0.001 → critical value 43.82.
     */
    @Test
    void drawsAreUniformWithinEachStratum() {
        List<Candidate> key = units("K", "KEY", 20);
        List<Candidate> general = units("G", "GENERAL", 20);
        List<Candidate> all = new ArrayList<>(key);
        all.addAll(general);
        int trials = 4000;
        Map<String, Integer> counts = new HashMap<>();
        for (int t = 0; t < trials; t++) {
            Input input = new Input(seed("chi", t), all, List.of(), Map.of("KEY", 5, "GENERAL", 3), inspectors(4), 2);
            for (Pick p : DrawAlgorithm.run(input)) {
                counts.merge(p.permitNumber(), 1, Integer::sum);
            }
        }
        assertThat(chiSquare(key, counts, trials * 5.0 / 20)).isLessThan(43.82);
        assertThat(chiSquare(general, counts, trials * 3.0 / 20)).isLessThan(43.82);
        // never crosses strata: exactly the quotas from each
        assertThat(key.stream()
                        .mapToInt(c -> counts.getOrDefault(c.permitNumber(), 0))
                        .sum())
                .isEqualTo(trials * 5);
        assertThat(general.stream()
                        .mapToInt(c -> counts.getOrDefault(c.permitNumber(), 0))
                        .sum())
                .isEqualTo(trials * 3);
    }

    /** The same statistic detects a biased sampler: taking the first k (no randomness) fails the test. */
    @Test
    void chiSquareRejectsABiasedSelection() {
        List<Candidate> key = units("K", "KEY", 20);
        Map<String, Integer> counts = new HashMap<>();
        for (int t = 0; t < 4000; t++) {
            key.subList(0, 5).forEach(c -> counts.merge(c.permitNumber(), 1, Integer::sum));
        }
        assertThat(chiSquare(key, counts, 4000 * 5.0 / 20)).isGreaterThan(43.82);
    }

    private static double chiSquare(List<Candidate> stratum, Map<String, Integer> counts, double expected) {
        double chi = 0;
        for (Candidate c : stratum) {
            double d = counts.getOrDefault(c.permitNumber(), 0) - expected;
            chi += d * d / expected;
        }
        return chi;
    }

    @Test
    void reproducibleBitForBitAndIndependentOfInputOrder() {
        List<Candidate> all = new ArrayList<>(units("K", "KEY", 50));
        all.addAll(units("S", "SPECIAL", 3));
        Input input = new Input(seed("repro", 1), all, List.of(), Map.of("SPECIAL", 3, "KEY", 10), inspectors(9), 2);
        List<Pick> first = DrawAlgorithm.run(input);
        List<Candidate> reversed = new ArrayList<>(all);
        java.util.Collections.reverse(reversed);
        List<Pick> again = DrawAlgorithm.run(
                new Input(input.seedHex(), reversed, List.of(), input.quotas(), reverse(inspectors(9)), 2));
        assertThat(again).isEqualTo(first);
        assertThat(first).hasSize(13);
        assertThat(DrawAlgorithm.run(new Input(seed("repro", 2), all, List.of(), input.quotas(), inspectors(9), 2)))
                .isNotEqualTo(first);
    }

    @Test
    void specialStratumComesFirstAndTargetedUnitsAreAlwaysIncludedOutsideTheQuotas() {
        List<Candidate> all = new ArrayList<>(units("K", "KEY", 30));
        all.addAll(units("S", "SPECIAL", 2));
        Candidate targetedEligible = all.get(4);
        Candidate targetedOther = new Candidate("X999", 7, "GENERAL");
        for (int t = 0; t < 50; t++) {
            List<Pick> picks = DrawAlgorithm.run(new Input(
                    seed("target", t),
                    all,
                    List.of(targetedOther, targetedEligible),
                    Map.of("SPECIAL", 2, "KEY", 3),
                    inspectors(6),
                    2));
            assertThat(picks).hasSize(7);
            assertThat(picks.subList(0, 2)).extracting(Pick::permitNumber).containsExactly("K004", "X999");
            assertThat(picks.subList(0, 2)).allMatch(Pick::targeted);
            assertThat(picks).extracting(Pick::permitNumber).doesNotHaveDuplicates();
            assertThat(picks.subList(2, 4)).extracting(Pick::stratum).containsOnly("SPECIAL");
            assertThat(picks.subList(4, 7)).extracting(Pick::stratum).containsOnly("KEY");
        }
    }

    @Test
    void everyUnitGetsAtLeastTwoDistinctInspectorsWithoutConflicts() {
        List<Candidate> all = units("K", "KEY", 40);
        List<InspectorSlot> pool = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // inspector i conflicts with every unit whose number ends in i
            String digit = String.valueOf(i);
            List<String> conflicts = all.stream()
                    .map(Candidate::permitNumber)
                    .filter(p -> p.endsWith(digit))
                    .toList();
            pool.add(new InspectorSlot(new UUID(0, i + 1), 0, conflicts));
        }
        for (int t = 0; t < 30; t++) {
            List<Pick> picks =
                    DrawAlgorithm.run(new Input(seed("conflict", t), all, List.of(), Map.of("KEY", 20), pool, 3));
            for (Pick p : picks) {
                assertThat(p.inspectors()).hasSize(3).doesNotHaveDuplicates();
                for (UUID id : p.inspectors()) {
                    InspectorSlot slot = pool.stream()
                            .filter(s -> s.id().equals(id))
                            .findFirst()
                            .orElseThrow();
                    assertThat(slot.conflicts()).doesNotContain(p.permitNumber());
                }
            }
        }
    }

    @Test
    void loadIsBalancedLeastAssignedFirst() {
        List<InspectorSlot> pool = List.of(
                new InspectorSlot(new UUID(0, 1), 5, List.of()),
                new InspectorSlot(new UUID(0, 2), 0, List.of()),
                new InspectorSlot(new UUID(0, 3), 0, List.of()),
                new InspectorSlot(new UUID(0, 4), 1, List.of()),
                new InspectorSlot(new UUID(0, 5), 1, List.of()));
        for (int t = 0; t < 30; t++) {
            List<Pick> picks = DrawAlgorithm.run(
                    new Input(seed("load", t), units("K", "KEY", 10), List.of(), Map.of("KEY", 6), pool, 2));
            // the first unit goes to the two idle inspectors
            assertThat(picks.get(0).inspectors()).containsExactlyInAnyOrder(new UUID(0, 2), new UUID(0, 3));
            Map<UUID, Integer> load = new HashMap<>();
            pool.forEach(s -> load.put(s.id(), s.openAssignments()));
            picks.forEach(p -> p.inspectors().forEach(id -> load.merge(id, 1, Integer::sum)));
            // 12 assignments on top of 7 open ones: levelled to within one, the overloaded inspector untouched
            assertThat(load.get(new UUID(0, 1))).isEqualTo(5);
            List<Integer> others = load.entrySet().stream()
                    .filter(e -> !e.getKey().equals(new UUID(0, 1)))
                    .map(Map.Entry::getValue)
                    .toList();
            assertThat(others.stream().mapToInt(Integer::intValue).max().getAsInt()
                            - others.stream().mapToInt(Integer::intValue).min().getAsInt())
                    .isLessThanOrEqualTo(1);
        }
    }

    @Test
    void tiesAreBrokenUniformly() {
        int[] firsts = new int[4];
        for (int t = 0; t < 2000; t++) {
            List<Pick> picks = DrawAlgorithm.run(
                    new Input(seed("tie", t), units("K", "KEY", 1), List.of(), Map.of("KEY", 1), inspectors(4), 2));
            picks.get(0).inspectors().forEach(id -> firsts[(int) id.getLeastSignificantBits() - 1]++);
        }
        // each of 4 idle inspectors is in a pair with probability 1/2: 1000 expected; 3 dof, α = 0.001 → 16.27
        double chi = 0;
        for (int f : firsts) {
            chi += (f - 1000.0) * (f - 1000.0) / 1000.0;
        }
        assertThat(chi).isLessThan(16.27);
    }

    @Test
    void tooFewInspectorsWithoutConflictFailsTheDraw() {
        List<InspectorSlot> pool = List.of(
                new InspectorSlot(new UUID(0, 1), 0, List.of()), new InspectorSlot(new UUID(0, 2), 0, List.of("K000")));
        assertThatThrownBy(() -> DrawAlgorithm.run(
                        new Input(seed("few", 0), units("K", "KEY", 1), List.of(), Map.of("KEY", 1), pool, 2)))
                .isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).code())
                .isEqualTo("insufficient-inspectors");
    }

    @Test
    void fewerThanTwoInspectorsPerUnitIsRefused() {
        assertThatThrownBy(() -> DrawAlgorithm.run(
                        new Input(seed("one", 0), units("K", "KEY", 1), List.of(), Map.of("KEY", 1), inspectors(3), 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fingerprintsAreOrderIndependentAndSensitiveToVersions() {
        List<Candidate> a = units("K", "KEY", 5);
        assertThat(Fingerprints.units(a)).isEqualTo(Fingerprints.units(reverse(a)));
        List<Candidate> changed = new ArrayList<>(a);
        changed.set(2, new Candidate(a.get(2).permitNumber(), 2, "KEY"));
        assertThat(Fingerprints.units(changed)).isNotEqualTo(Fingerprints.units(a));
    }
}
