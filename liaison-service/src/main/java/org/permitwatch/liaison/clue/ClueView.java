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
 */
record ClueView(UUID id, String direction, String fromDivisionCode, String fromDepartment, String toDivisionCode,
                String toDepartment, String permitNumber, String summary, List<ClueTransferred.Evidence> evidence,
                LocalDate requestedBy, String status, String createdBy, OffsetDateTime createdAt,
                OffsetDateTime acknowledgedAt, String feedbackResult, String feedbackText, OffsetDateTime feedbackAt,
                OffsetDateTime closedAt) {
}
