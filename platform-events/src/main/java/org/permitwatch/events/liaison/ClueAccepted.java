package org.permitwatch.events.liaison;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The receiving bureau accepted a clue (线索受理), on {@link LiaisonTopics#CLUES}, keyed by clue id, CloudEvents type
 * {@value #TYPE}. Only an accepted clue addressed to ENFORCEMENT becomes an inspection task: inspection-service
 * creates it when the unit lies inside {@code toDivisionCode} and answers with
 * {@link org.permitwatch.events.inspection.ClueTaskDecided} either way. A transfer alone ({@link ClueTransferred})
 * creates nothing, so no bureau can put work on another bureau's inspectors.
 *
 * @param toDivisionCode the division the clue is addressed to, whose bureau accepted it
 * @param toDepartment   MONITORING, PERMIT_ISSUING, ENFORCEMENT or DAMAGE_COMPENSATION
 * @param permitNumber   the unit the clue is about
 * @param requestedBy    the date by which the sender asks for feedback; null when none
 * @param acceptedBy     the subject of the bureau user who accepted
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClueAccepted(
        UUID clueId,
        String fromDivisionCode,
        String fromDepartment,
        String toDivisionCode,
        String toDepartment,
        String permitNumber,
        LocalDate requestedBy,
        String acceptedBy,
        OffsetDateTime acceptedAt) {

    public static final String TYPE = "org.permitwatch.liaison.clue.accepted.v1";
}
