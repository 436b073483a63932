package org.permitwatch.events.inspection;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * inspection-service's answer to an accepted clue for ENFORCEMENT, on {@link InspectionTopics#CLUES}, keyed by clue
 * id, CloudEvents type {@value #TYPE}. liaison-service shows it on the clue; a refusal rejects the clue with the
 * reason so the sender learns why nothing was inspected.
 *
 * @param outcome          {@code TASK_CREATED} or {@code REFUSED}
 * @param reason           null when a task was created; {@code unit-outside-division} (the unit does not lie in the
 *                         division the clue is addressed to) or {@code unit-not-in-directory} (no such unit)
 * @param detail           one sentence for people
 * @param taskId           the task made (or merged into); null when refused
 * @param unitDivisionCode the unit's county code from the directory; null when unknown
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClueTaskDecided(
        UUID clueId,
        String outcome,
        String reason,
        String detail,
        UUID taskId,
        String unitDivisionCode,
        OffsetDateTime decidedAt) {

    public static final String TYPE = "org.permitwatch.inspection.clue.task-decided.v1";
    public static final String TASK_CREATED = "TASK_CREATED";
    public static final String REFUSED = "REFUSED";
    public static final String UNIT_OUTSIDE_DIVISION = "unit-outside-division";
    public static final String UNIT_NOT_IN_DIRECTORY = "unit-not-in-directory";
}
