package org.permitwatch.permitsync.sync;

import java.time.OffsetDateTime;

/** A permit the run could not store, the stage where that happened and why. */
record SyncFailure(String permitNo, String stage, String reason, OffsetDateTime occurredAt) {

    static final String STAGE_LIST = "LIST";
    static final String STAGE_DETAIL = "DETAIL";
    static final String STAGE_MAPPING = "MAPPING";
}
