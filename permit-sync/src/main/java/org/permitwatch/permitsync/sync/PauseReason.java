package org.permitwatch.permitsync.sync;

/** Why a run is PAUSED. */
public enum PauseReason {
    /** The platform failed beyond the connector's retries; the run resumes by itself at {@code nextRetryAt}. */
    PLATFORM_UNAVAILABLE,
    /** As above, but the automatic attempts are used up: an operator (or the schedule) resumes it. */
    RETRIES_EXHAUSTED
}
