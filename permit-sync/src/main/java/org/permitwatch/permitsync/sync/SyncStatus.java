package org.permitwatch.permitsync.sync;

/**
 * PAUSED = stopped by an unavailable platform; resumed from its checkpoint by itself (auto-resume, with back-off and
 * a cap) or by the next trigger. RUNNING = held by one instance's lease; another instance takes it over from its
 * checkpoint when the lease expires.
 */
public enum SyncStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    PAUSED
}
