package org.permitwatch.permitsync.sync;

import org.permitwatch.support.problem.ApiException;
import org.springframework.http.HttpStatus;

/** A run is already in progress; only one may run at a time. */
final class SyncRunConflictException extends ApiException {

    static final String CODE = "sync-run-in-progress";

    SyncRunConflictException(String detail) {
        super(HttpStatus.CONFLICT, CODE, "Sync run in progress", detail, null);
    }
}
