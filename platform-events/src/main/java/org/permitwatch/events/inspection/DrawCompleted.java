package org.permitwatch.events.inspection;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * A double-random draw finished, on {@link InspectionTopics#DRAWS}, keyed by draw id, CloudEvents type
 * {@code org.permitwatch.inspection.draw.completed.v1}. Carries the verification material but not the drawn
 * units: results stay confidential to the bureau until they are published (see the task events for tasks).
 *
 * @param periodMonth         {@code yyyy-MM}
 * @param seedHash            SHA-256 (hex) of the seed, committed before the draw ran
 * @param seed                the revealed seed (hex)
 * @param eligibleFingerprint SHA-256 (hex) of the canonical eligible-unit list
 * @param unitsByStratum      drawn units per stratum (SPECIAL, KEY, GENERAL, TARGETED)
 * @param taskCount           tasks created or merged
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DrawCompleted(
        UUID drawId,
        UUID planId,
        UUID planRowId,
        String cityCode,
        String periodMonth,
        String seedHash,
        String seed,
        String eligibleFingerprint,
        Map<String, Integer> unitsByStratum,
        int taskCount,
        OffsetDateTime completedAt) {

    public static final String TYPE = "org.permitwatch.inspection.draw.completed.v1";
}
