package org.permitwatch.permitsync.sync;

/** PAUSED = stopped by an unavailable platform or a restart; resumed from its checkpoint by the next trigger. */
public enum SyncStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    PAUSED
}
