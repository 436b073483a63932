package org.permitwatch.systemtest;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.permitwatch.support.totp.Base32;
import org.permitwatch.support.totp.Totp;

/**
 * What an authenticator app shows for a base32 secret: RFC 6238, HMAC-SHA1, 30 s steps, 6 digits (platform-support's
 * Totp, the provider's own rule). A code is used once per
 * user: a provider that refuses a replayed code is right to, so a second sign-in in the same step waits for the next.
 */
final class TotpCodes {

    private static final Map<String, Long> LAST_STEP = new ConcurrentHashMap<>();

    private TotpCodes() {}

    static synchronized String next(String username, String base32Secret) {
        long step = Totp.step(Instant.now());
        while (LAST_STEP.getOrDefault(username, -1L) >= step) {
            SignIn.sleep(Duration.ofMillis(500));
            step = Totp.step(Instant.now());
        }
        LAST_STEP.put(username, step);
        return Totp.code(Base32.decode(base32Secret), step, Totp.SHA1, Totp.DIGITS);
    }
}
