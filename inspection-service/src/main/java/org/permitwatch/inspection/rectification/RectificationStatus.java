package org.permitwatch.inspection.rectification;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The states of a rectification order (责令改正) and the only moves between them:
 * <pre>
 *   ORDERED ──progress──► IN_PROGRESS
 *   ORDERED | IN_PROGRESS ──deadline passed unverified (job)──► ESCALATED
 *   ORDERED | IN_PROGRESS | ESCALATED ──follow-up verifies COMPLETE──► VERIFIED_COMPLETE  (late from ESCALATED)
 * </pre>
 * VERIFIED_COMPLETE is final; a CONTINUING verification changes no state (it opens the daily fine).
 */
public enum RectificationStatus {
    ORDERED,
    IN_PROGRESS,
    ESCALATED,
    VERIFIED_COMPLETE;

    private static final Map<RectificationStatus, Set<RectificationStatus>> NEXT = Map.of(
            ORDERED, EnumSet.of(IN_PROGRESS, ESCALATED, VERIFIED_COMPLETE),
            IN_PROGRESS, EnumSet.of(ESCALATED, VERIFIED_COMPLETE),
            ESCALATED, EnumSet.of(VERIFIED_COMPLETE),
            VERIFIED_COMPLETE, EnumSet.noneOf(RectificationStatus.class));

    public boolean canBecome(RectificationStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** The states an order may leave to become {@code target}, for the SQL guard of the update. */
    public static String[] sourcesOf(RectificationStatus target) {
        return Arrays.stream(values())
                .filter(s -> s.canBecome(target))
                .map(Enum::name)
                .toArray(String[]::new);
    }

    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }
}
