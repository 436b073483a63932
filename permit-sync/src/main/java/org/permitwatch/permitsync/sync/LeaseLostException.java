package org.permitwatch.permitsync.sync;

/** This instance no longer holds the run's lease: another one took it over, so this one must not write for it. */
final class LeaseLostException extends RuntimeException {

    LeaseLostException(String message) {
        super(message);
    }
}
