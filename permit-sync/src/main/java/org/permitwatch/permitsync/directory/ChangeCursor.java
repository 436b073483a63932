package org.permitwatch.permitsync.directory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a reader of the change feed stands: the {@code changed_at} and permit number of the last unit it has seen.
 * Opaque to clients (base64url of {@code <epoch micros>:<permit number>}); PostgreSQL keeps microseconds, so the
 * position is exact.
 */
record ChangeCursor(Instant changedAt, String permitNo) {

    static final ChangeCursor START = new ChangeCursor(Instant.EPOCH, "");

    String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, changedAt);
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((micros + ":" + permitNo).getBytes(StandardCharsets.UTF_8));
    }

    /** Empty when the text is not a cursor this API handed out. */
    static Optional<ChangeCursor> decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            if (colon < 1 || colon == plain.length() - 1) {
                return Optional.empty();
            }
            long micros = Long.parseLong(plain.substring(0, colon));
            return Optional.of(
                    new ChangeCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), plain.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
