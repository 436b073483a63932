package org.permitwatch.inspection.draw;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Records stored with a draw (as jsonb) and response bodies of the draw API. */
final class DrawViews {

    private DrawViews() {
    }

    /**
     * The rules and numbers a draw ran with, recorded so the draw can be re-run and audited.
     *
     * @param denominators units per stratum holding a valid permit before exclusions
     * @param quotas       units drawn per stratum: SPECIAL all eligible, others min(eligible, ceil(ratio × denominator))
     * @param excluded     units left out per reason (RECENTLY_INSPECTED, OPEN_TASK, POSITIVE_LIST)
     */
    record Parameters(String algorithm, String keyIndustry, BigDecimal ratio, int exclusionWindowDays,
                      OffsetDateTime exclusionSince, int inspectorsPerUnit, Map<String, Integer> denominators,
                      Map<String, Integer> quotas, Map<String, Integer> excluded) {
    }

    record DrawnUnit(String permitNumber, String stratum, boolean targeted, List<UUID> inspectorIds) {
    }

    record Draw(UUID id, UUID planId, UUID planRowId, String cityCode, String periodMonth, String status,
                String seedHash, String seed, OffsetDateTime committedAt, OffsetDateTime completedAt,
                String eligibleFingerprint, int eligibleCount, String inspectorsFingerprint, Parameters parameters,
                List<DrawnUnit> units, LocalDate publishNotBefore, OffsetDateTime publishedAt, String failure) {
    }

    record Verification(UUID drawId, String seedHash, String seed, boolean seedMatchesHash,
                        String eligibleFingerprint, boolean eligibleFingerprintMatches,
                        String inspectorsFingerprint, boolean inspectorsFingerprintMatches,
                        List<DrawnUnit> recorded, List<DrawnUnit> recomputed, boolean identical) {
    }

    static List<DrawnUnit> units(List<DrawAlgorithm.Pick> picks) {
        return picks.stream().map(p -> new DrawnUnit(p.permitNumber(), p.stratum(), p.targeted(), p.inspectors()))
                .toList();
    }
}
