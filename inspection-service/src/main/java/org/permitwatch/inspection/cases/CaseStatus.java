package org.permitwatch.inspection.cases;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The states of an enforcement case and the only moves between them:
 * <pre>
 *   OPEN ──decision (FINE | NO_PENALTY)──► DECIDED ──close (销号, rectification verified)──► CLOSED
 * </pre>
 * A case is never reopened: a new violation is a new case (daily fines stay on the DECIDED case).
 */
public enum CaseStatus {
    OPEN,
    DECIDED,
    CLOSED;

    private static final Map<CaseStatus, Set<CaseStatus>> NEXT = Map.of(
            OPEN, EnumSet.of(DECIDED),
            DECIDED, EnumSet.of(CLOSED),
            CLOSED, EnumSet.noneOf(CaseStatus.class));

    /** Whether the table allows {@code this → next}. */
    public boolean canBecome(CaseStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** The states a case may leave to become {@code target}, for the SQL guard of the update. */
    public static String[] sourcesOf(CaseStatus target) {
        return Arrays.stream(values())
                .filter(s -> s.canBecome(target))
                .map(Enum::name)
                .toArray(String[]::new);
    }

    public static CaseStatus of(String stored) {
        return valueOf(stored);
    }
}
