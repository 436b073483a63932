package org.permitwatch.permitsync.connector;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A transient failure of one attempt, inside the connector only: the retry and the circuit breaker
 * act on it, and it leaves the connector wrapped in a {@link PlatformUnavailableException}.
 */
final class PlatformFault extends RuntimeException {

    enum Kind {
        /** HTTP 5xx. */
        SERVER_ERROR,
        /** HTTP 429 or code 42901. */
        RATE_LIMITED,
        /** Code 50001. */
        BUSY,
        /** Body that is not the contract's JSON: the contract calls it a transport fault. */
        MALFORMED_BODY,
        /** Connection refused or reset, premature close, read timeout. */
        TRANSPORT,
        /** The attempt outlived its time limit. */
        TIMEOUT,
        /** Token rejected again right after a refresh: retrying cannot help until someone looks. */
        TOKEN_REJECTED;

        boolean retryable() {
            return this != TOKEN_REJECTED;
        }
    }

    private final Kind kind;
    private final @Nullable Duration retryAfter;

    PlatformFault(Kind kind, String message, @Nullable Duration retryAfter, @Nullable Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    PlatformFault(Kind kind, String message) {
        this(kind, message, null, null);
    }

    Kind kind() {
        return kind;
    }

    /** What the platform asked us to wait (429 {@code Retry-After}), if anything. */
    @Nullable
    Duration retryAfter() {
        return retryAfter;
    }
}
