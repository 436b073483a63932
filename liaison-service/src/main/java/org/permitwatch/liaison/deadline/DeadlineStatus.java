package org.permitwatch.liaison.deadline;

import java.time.Instant;

/** A city's standing against one deadline instance. */
enum DeadlineStatus {
    /** Submitted before the due date ended. */
    ON_TIME,
    /** Submitted, but only after the due date ended. */
    LATE,
    /** The due date has ended and nothing was submitted. */
    MISSING,
    /** Not yet due and nothing submitted. */
    PENDING;

    /**
     * @param dueEnd       the first instant after the due date (midnight that ends it in the configured zone)
     * @param firstOnTime  first submission before dueEnd, or null
     * @param firstAny     first submission at all, or null
     */
    static DeadlineStatus of(Instant now, Instant dueEnd, Instant firstOnTime, Instant firstAny) {
        if (firstOnTime != null) {
            return ON_TIME;
        }
        if (firstAny != null) {
            return LATE;
        }
        return now.isBefore(dueEnd) ? PENDING : MISSING;
    }
}
