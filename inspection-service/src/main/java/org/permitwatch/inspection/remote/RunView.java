package org.permitwatch.inspection.remote;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * A finished remote-check run.
 *
 * @param scopeDivision the division the run covered; null for the scheduled run over the whole directory
 * @param updated       OPEN alerts whose condition still holds (evidence refreshed)
 * @param perRule       the three counts per rule, e.g. {@code {"CATEGORY_TOO_LOW": {"raised": 1, …}}}
 */
record RunView(
        UUID id,
        String trigger,
        String scopeDivision,
        String rulesVersion,
        LocalDate asOf,
        int raised,
        int updated,
        int resolved,
        Map<String, Map<String, Integer>> perRule,
        String requestedBy,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt) {}
