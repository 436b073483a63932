package org.permitwatch.liaison.clue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.permitwatch.events.liaison.ClueTransferred;

/**
 * A clue as its sender or receiver sees it.
 *
 * @param direction OUTGOING when the caller's division sent it, INCOMING when it receives it (a clue within one
 *                  division is both; INCOMING wins)
 * @param rejectionReason   why the receiving bureau rejected it, or inspection-service's reason code and detail when
 *                          the unit does not lie in the addressed division
 * @param taskOutcome       for an accepted clue to ENFORCEMENT: TASK_CREATED or REFUSED (null until
 *                          inspection-service answered)
 * @param taskOutcomeReason null, {@code unit-outside-division} or {@code unit-not-in-directory}
 * @param taskId            the inspection task made of the clue
 */
record ClueView(
        UUID id,
        String direction,
        String fromDivisionCode,
        String fromDepartment,
        String toDivisionCode,
        String toDepartment,
        String permitNumber,
        String summary,
        List<ClueTransferred.Evidence> evidence,
        LocalDate requestedBy,
        String status,
        String createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime acceptedAt,
        OffsetDateTime rejectedAt,
        String rejectionReason,
        String taskOutcome,
        String taskOutcomeReason,
        String taskOutcomeDetail,
        UUID taskId,
        String feedbackResult,
        String feedbackText,
        OffsetDateTime feedbackAt,
        OffsetDateTime closedAt) {}
