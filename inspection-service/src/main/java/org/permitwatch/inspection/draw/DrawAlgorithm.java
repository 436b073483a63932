package org.permitwatch.inspection.draw;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.permitwatch.support.problem.ApiException;

/**
 * The pure double-random draw (ADR 0007): a function of its recorded inputs only, so
 * {@code GET /draws/{id}/verification} can re-run it and compare bit for bit. No clock, no database, no
 * {@code HashMap} iteration order: every list is put in a canonical order before random numbers touch it.
 */
final class DrawAlgorithm {

    /** Strata in the fixed order they are drawn; each has its own random stream {@code units:<stratum>}. */
    static final List<String> STRATA = List.of("SPECIAL", "KEY", "GENERAL");

    private DrawAlgorithm() {}

    /** One unit eligible for the draw, as fingerprinted: permit number, directory version, stratum. */
    record Candidate(String permitNumber, long version, String stratum) {}

    /** An inspector of the pool with the assignments already open when the draw started and declared conflicts. */
    record InspectorSlot(UUID id, int openAssignments, List<String> conflicts) {}

    /**
     * @param quotas            units to draw per stratum (already derived from ratio × denominator)
     * @param targeted          units that are always included, not counted against any quota
     * @param inspectorsPerUnit at least two; 0 for a province draw for remote checks (desk work: no officer is
     *                          sent, none is assigned and the {@code inspectors} stream is not used)
     */
    record Input(
            String seedHex,
            List<Candidate> eligible,
            List<Candidate> targeted,
            Map<String, Integer> quotas,
            List<InspectorSlot> inspectors,
            int inspectorsPerUnit) {}

    record Pick(String permitNumber, String stratum, boolean targeted, List<UUID> inspectors) {}

    static List<Pick> run(Input input) {
        if (input.inspectorsPerUnit() < 2 && input.inspectorsPerUnit() != 0) {
            throw new IllegalArgumentException("at least two inspectors per unit (or none for remote checks)");
        }
        List<Candidate> targeted = input.targeted().stream()
                .sorted(Comparator.comparing(Candidate::permitNumber))
                .toList();
        Set<String> targetedNumbers = new HashSet<>();
        targeted.forEach(c -> targetedNumbers.add(c.permitNumber()));

        List<Candidate> chosen = new ArrayList<>(targeted);
        List<Boolean> isTargeted =
                new ArrayList<>(targeted.stream().map(c -> true).toList());
        for (String stratum : STRATA) {
            List<Candidate> pool = input.eligible().stream()
                    .filter(c -> c.stratum().equals(stratum) && !targetedNumbers.contains(c.permitNumber()))
                    .sorted(Comparator.comparing(Candidate::permitNumber))
                    .toList();
            int quota = input.quotas().getOrDefault(stratum, 0);
            for (Candidate c :
                    DrawRandom.of(input.seedHex(), "units:" + stratum).sample(pool, quota)) {
                chosen.add(c);
                isTargeted.add(false);
            }
        }

        InspectorAssigner assigner =
                new InspectorAssigner(input.inspectors(), DrawRandom.of(input.seedHex(), "inspectors"));
        List<Pick> picks = new ArrayList<>(chosen.size());
        for (int i = 0; i < chosen.size(); i++) {
            Candidate c = chosen.get(i);
            picks.add(new Pick(
                    c.permitNumber(),
                    c.stratum(),
                    isTargeted.get(i),
                    input.inspectorsPerUnit() == 0
                            ? List.of()
                            : assigner.assign(c.permitNumber(), input.inspectorsPerUnit())));
        }
        return List.copyOf(picks);
    }

    /**
     * Least-loaded first; ties broken uniformly at random within a load tier.
     *
     * <p>For each unit: the tiers of the inspectors without a conflict with it, by ascending load, each tier in id
     * order, sampled until enough are picked. Each tier is kept as a bit set over the pool in id order, and a unit's
     * conflicts (usually none) are looked up once by permit number: a unit costs a few 64-bit words per tier it
     * samples, not a pass over every inspector per tier (issue 21: on a cold JVM that was a quarter of a draw's own
     * CPU). The tiers, their order and so the random stream's use are the same (pinned by DrawOutputPinnedTest).
     */
    private static final class InspectorAssigner {

        private static final int[] NONE = {};

        private final UUID[] ids;
        private final int[] load;
        private final int words;
        /** Inspector indices declaring a conflict with a permit number. */
        private final Map<String, int[]> conflicted = new HashMap<>();
        /** Load → the inspectors with that load, as bits by index; only loads someone has. */
        private final TreeMap<Integer, long[]> tiers = new TreeMap<>();

        private final DrawRandom random;

        InspectorAssigner(List<InspectorSlot> inspectors, DrawRandom random) {
            // text order of the id (= unsigned byte order), not UUID.compareTo's signed order: language-neutral
            List<InspectorSlot> pool = inspectors.stream()
                    .sorted(Comparator.comparing(s -> s.id().toString()))
                    .toList();
            int n = pool.size();
            this.ids = new UUID[n];
            this.load = new int[n];
            this.words = (n + 63) / 64;
            Map<String, Set<Integer>> byPermit = new HashMap<>();
            for (int i = 0; i < n; i++) {
                InspectorSlot s = pool.get(i);
                ids[i] = s.id();
                load[i] = s.openAssignments();
                tier(load[i])[i >> 6] |= 1L << i;
                for (String permit : s.conflicts()) {
                    byPermit.computeIfAbsent(permit, p -> new TreeSet<>()).add(i);
                }
            }
            byPermit.forEach((permit, indices) -> conflicted.put(
                    permit, indices.stream().mapToInt(Integer::intValue).toArray()));
            this.random = random;
        }

        List<UUID> assign(String permitNumber, int count) {
            int[] excluded = conflicted.getOrDefault(permitNumber, NONE);
            int[] picked = new int[count];
            int found = 0;
            for (long[] members : tiers.values()) {
                if (found == count) {
                    break;
                }
                long[] tier = members;
                if (excluded.length > 0) {
                    tier = members.clone();
                    for (int i : excluded) {
                        tier[i >> 6] &= ~(1L << i);
                    }
                }
                int size = 0;
                for (long word : tier) {
                    size += Long.bitCount(word);
                }
                if (size == 0) {
                    continue;
                }
                for (int position : random.samplePositions(size, count - found)) {
                    picked[found++] = select(tier, position);
                }
            }
            if (found < count) {
                throw ApiException.unprocessable(
                        "insufficient-inspectors",
                        "only " + found + " on-post inspectors without a conflict are available for " + permitNumber
                                + ", " + count + " are required");
            }
            List<UUID> result = new ArrayList<>(count);
            for (int i : picked) {
                long bit = 1L << i;
                long[] from = tiers.get(load[i]);
                from[i >> 6] &= ~bit;
                if (isEmpty(from)) {
                    tiers.remove(load[i]);
                }
                load[i]++;
                tier(load[i])[i >> 6] |= bit;
                result.add(ids[i]);
            }
            return List.copyOf(result);
        }

        private long[] tier(int load) {
            return tiers.computeIfAbsent(load, l -> new long[words]);
        }

        /** The index of the {@code position}-th (from 0) set bit: the tier's member at that place in id order. */
        private static int select(long[] bits, int position) {
            int remaining = position;
            for (int w = 0; w < bits.length; w++) {
                int inWord = Long.bitCount(bits[w]);
                if (remaining < inWord) {
                    long word = bits[w];
                    for (int skip = 0; skip < remaining; skip++) {
                        word &= word - 1; // clears the lowest set bit
                    }
                    return w * 64 + Long.numberOfTrailingZeros(word);
                }
                remaining -= inWord;
            }
            throw new IllegalArgumentException("position " + position + " beyond the tier");
        }

        private static boolean isEmpty(long[] bits) {
            for (long word : bits) {
                if (word != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Per-stratum counts of a result, for responses and the audit trail. */
    static Map<String, Integer> countByStratum(List<Pick> picks) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Pick p : picks) {
            counts.merge(p.targeted() ? "TARGETED" : p.stratum(), 1, Integer::sum);
        }
        return counts;
    }
}
