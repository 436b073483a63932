package org.permitwatch.permitsync.connector;

/** HTTP 401 or code 40101 on a data call: the caller refreshes the token once and repeats the call. */
final class TokenRejectedSignal extends RuntimeException {

    TokenRejectedSignal(String message) {
        super(message, null, false, false);
    }
}
