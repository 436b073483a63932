package org.permitwatch.inspection.task;

/** Lifecycle of a task; ASSIGNED and IN_PROGRESS count as open load of its inspectors. */
public enum TaskStatus {
    ASSIGNED,
    IN_PROGRESS,
    DONE,
    CANCELLED
}
