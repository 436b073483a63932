package org.permitwatch.inspection.task;

/** Why a task exists: drawn at random, or targeted (complaint, clue, monitoring alert, a manual decision). */
public enum TaskOrigin {
    DRAW, COMPLAINT, CLUE, ALERT, MANUAL
}
