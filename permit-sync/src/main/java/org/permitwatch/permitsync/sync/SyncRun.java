package org.permitwatch.permitsync.sync;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One sync run with its checkpoint. The checkpoint is the keyset cursor (updatedAt, permitNo) of the last
 * committed record plus the page number within the listing that starts just before that updatedAt.
 * {@code listedTotal} is the platform's count of the records the run lists (its first list answer), null before.
 * The lease (owner, expiry, last heartbeat) is set while RUNNING; the pause fields while PAUSED.
 */
record SyncRun(
        UUID id,
        SyncMode mode,
        SyncStatus status,
        String trigger,
        String actor,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        OffsetDateTime watermarkFrom,
        OffsetDateTime watermarkTo,
        OffsetDateTime cursorUpdatedAt,
        String cursorPermitNo,
        int cursorPageNo,
        int pages,
        int fetched,
        int created,
        int updated,
        int unchanged,
        int failed,
        int pauseCount,
        String lastError,
        Long listedTotal,
        String leaseOwner,
        OffsetDateTime leaseExpiresAt,
        OffsetDateTime heartbeatAt,
        PauseReason pauseReason,
        OffsetDateTime pausedAt,
        int retryAttempts,
        OffsetDateTime nextRetryAt) {}
