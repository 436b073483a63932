package org.permitwatch.permitsync.connector;

/** The platform refused the request (code 40001 or a 4xx other than 401/404/429): never retried. */
public final class PlatformRejectedException extends PlatformException {

    private final int platformCode;

    public PlatformRejectedException(int platformCode, String message) {
        super(message, null);
        this.platformCode = platformCode;
    }

    public int platformCode() {
        return platformCode;
    }
}
