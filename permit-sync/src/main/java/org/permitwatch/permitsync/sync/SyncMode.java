package org.permitwatch.permitsync.sync;

/** FULL lists everything; INCREMENTAL lists what changed since the last successful run's watermark (minus overlap). */
public enum SyncMode {
    FULL,
    INCREMENTAL
}
