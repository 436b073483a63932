package org.permitwatch.systemtest;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What an authenticator app shows for a base32 secret: RFC 6238, HMAC-SHA1, 30 s steps, 6 digits (the same rule as
 * devstack's {@code ./run.sh totp}; a copy here because the harness runs no devstack code). A code is used once per
 * user: a provider that refuses a replayed code is right to, so a second sign-in in the same step waits for the next.
 */
final class TotpCodes {

    private static final Map<String, Long> LAST_STEP = new ConcurrentHashMap<>();

    private TotpCodes() {}

    static synchronized String next(String username, String base32Secret) {
        long step = Instant.now().getEpochSecond() / 30;
        while (LAST_STEP.getOrDefault(username, -1L) >= step) {
            SignIn.sleep(Duration.ofMillis(500));
            step = Instant.now().getEpochSecond() / 30;
        }
        LAST_STEP.put(username, step);
        return code(base32(base32Secret), step);
    }

    static String code(byte[] key, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24)
                    | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8)
                    | (hash[offset + 3] & 0xff);
            return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        String clean = text.replace("=", "").replace(" ", "").toUpperCase(Locale.ROOT);
        ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
