package org.permitwatch.events.liaison;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A clue (线索) was transferred from one department to another, on {@link LiaisonTopics#CLUES}, keyed by clue id,
 * CloudEvents type {@value #TYPE}. A transfer creates no task by itself: the receiving bureau accepts the clue first
 * ({@link ClueAccepted}), and only then does inspection-service turn a clue addressed to ENFORCEMENT into a targeted
 * inspection task (origin CLUE) of the unit.
 *
 * @param fromDivisionCode   6-digit division of the sending bureau
 * @param fromDepartment     MONITORING, PERMIT_ISSUING, ENFORCEMENT or DAMAGE_COMPENSATION
 * @param toDivisionCode     6-digit division of the receiving bureau
 * @param toDepartment       the receiving department
 * @param permitNumber       the unit the clue is about
 * @param summary            what was observed
 * @param evidence           evidence metadata (names and kinds, not the files)
 * @param requestedBy        the date by which the sender asks for feedback; null when none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClueTransferred(
        UUID clueId,
        String fromDivisionCode,
        String fromDepartment,
        String toDivisionCode,
        String toDepartment,
        String permitNumber,
        String summary,
        List<Evidence> evidence,
        LocalDate requestedBy,
        OffsetDateTime transferredAt) {

    public static final String TYPE = "org.permitwatch.liaison.clue.transferred.v1";

    public ClueTransferred {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /**
     * @param kind        e.g. MONITORING_DATA, PHOTO, DOCUMENT
     * @param description what it shows
     * @param reference   where the evidence is kept (document id, URL)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Evidence(String kind, String description, String reference) {}
}
