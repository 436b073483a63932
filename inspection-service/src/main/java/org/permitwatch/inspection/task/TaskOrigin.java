package org.permitwatch.inspection.task;

/**
 * Why a task exists: drawn at random, or targeted (complaint, clue, monitoring alert, a manual decision), or the
 * follow-up inspection of a rectification order.
 */
public enum TaskOrigin {
    DRAW,
    COMPLAINT,
    CLUE,
    ALERT,
    MANUAL,
    FOLLOW_UP
}
