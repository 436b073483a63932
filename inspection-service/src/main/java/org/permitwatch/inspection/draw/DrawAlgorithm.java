package org.permitwatch.inspection.draw;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
     * order, sampled until enough are picked. Only the tiers actually sampled are built, with plain arrays instead of
     * a map of every tier keyed by UUID per unit (issue 21: that was a tenth of a draw's CPU); the tiers, their order
     * and so the random stream's use are the same (pinned by DrawOutputPinnedTest).
     */
    private static final class InspectorAssigner {

        private final UUID[] ids;
        private final int[] load;
        private final Set<String>[] conflicts;
        private final DrawRandom random;

        @SuppressWarnings("unchecked")
        InspectorAssigner(List<InspectorSlot> inspectors, DrawRandom random) {
            // text order of the id (= unsigned byte order), not UUID.compareTo's signed order: language-neutral
            List<InspectorSlot> pool = inspectors.stream()
                    .sorted(Comparator.comparing(s -> s.id().toString()))
                    .toList();
            int n = pool.size();
            this.ids = new UUID[n];
            this.load = new int[n];
            this.conflicts = new Set[n];
            for (int i = 0; i < n; i++) {
                InspectorSlot s = pool.get(i);
                ids[i] = s.id();
                load[i] = s.openAssignments();
                conflicts[i] = s.conflicts().isEmpty() ? Set.of() : Set.copyOf(s.conflicts());
            }
            this.random = random;
        }

        List<UUID> assign(String permitNumber, int count) {
            int n = ids.length;
            boolean[] eligible = new boolean[n];
            for (int i = 0; i < n; i++) {
                eligible[i] = !conflicts[i].contains(permitNumber);
            }
            List<Integer> picked = new ArrayList<>(count);
            long below = Long.MIN_VALUE; // tiers up to this load are done
            while (picked.size() < count) {
                long tierLoad = Long.MAX_VALUE;
                for (int i = 0; i < n; i++) {
                    if (eligible[i] && load[i] > below && load[i] < tierLoad) {
                        tierLoad = load[i];
                    }
                }
                if (tierLoad == Long.MAX_VALUE) {
                    break; // no tier left
                }
                List<Integer> tier = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (eligible[i] && load[i] == tierLoad) {
                        tier.add(i);
                    }
                }
                picked.addAll(random.sample(tier, count - picked.size()));
                below = tierLoad;
            }
            if (picked.size() < count) {
                throw ApiException.unprocessable(
                        "insufficient-inspectors",
                        "only " + picked.size()
                                + " on-post inspectors without a conflict are available for " + permitNumber + ", "
                                + count + " are required");
            }
            List<UUID> result = new ArrayList<>(count);
            for (int i : picked) {
                load[i]++;
                result.add(ids[i]);
            }
            return List.copyOf(result);
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
