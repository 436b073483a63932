package org.permitwatch.liaison.clue;

/**
 * CREATED → ACCEPTED → FEEDBACK_GIVEN → CLOSED, or CREATED → REJECTED (by the receiving bureau, or by
 * inspection-service when an accepted clue's unit lies outside the addressed division). No other move is allowed.
 */
enum ClueStatus {
    CREATED,
    ACCEPTED,
    REJECTED,
    FEEDBACK_GIVEN,
    CLOSED
}
