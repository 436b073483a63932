package org.permitwatch.permitsync.connector;

/**
 * A call to the national platform that did not yield data. The subtype tells the sync what to do:
 * {@link PlatformUnavailableException} — stop and resume later from the checkpoint;
 * {@link PlatformRejectedException} — the request itself is wrong, retrying cannot help.
 */
public abstract sealed class PlatformException extends RuntimeException
        permits PlatformUnavailableException, PlatformRejectedException {

    protected PlatformException(String message, Throwable cause) {
        super(message, cause);
    }
}
