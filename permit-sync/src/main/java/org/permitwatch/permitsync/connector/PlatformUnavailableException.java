package org.permitwatch.permitsync.connector;

/**
 * Transient failure that outlived the retries, or a call not attempted because the circuit breaker
 * is open, the bulkhead is full or the rate limiter timed out: 5xx, connection reset, timeout, 429,
 * codes 42901/50001, a malformed body, a token that could not be refreshed.
 */
public final class PlatformUnavailableException extends PlatformException {

    public PlatformUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
