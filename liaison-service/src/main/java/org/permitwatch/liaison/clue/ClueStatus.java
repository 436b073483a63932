package org.permitwatch.liaison.clue;

/** CREATED → ACKNOWLEDGED → FEEDBACK_GIVEN → CLOSED; no other move is allowed. */
enum ClueStatus {
    CREATED, ACKNOWLEDGED, FEEDBACK_GIVEN, CLOSED;

    /** The only status a clue may move to from this one; null for CLOSED. */
    ClueStatus next() {
        return switch (this) {
            case CREATED -> ACKNOWLEDGED;
            case ACKNOWLEDGED -> FEEDBACK_GIVEN;
            case FEEDBACK_GIVEN -> CLOSED;
            case CLOSED -> null;
        };
    }
}
