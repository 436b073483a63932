package org.permitwatch.support.totp;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TOTP (RFC 6238) over HOTP (RFC 4226): T = floor(unix seconds / 30), HMAC over the 8-byte big-endian T, dynamic
 * truncation, modulo 10^digits. Sign-in uses HMAC-SHA1 and 6 digits (what every authenticator app reads from an
 * otpauth:// URI without parameters); the algorithm and digits are parameters only so the RFC's test vectors can
 * check the arithmetic.
 */
public final class Totp {

    public static final int STEP_SECONDS = 30;
    public static final int DIGITS = 6;
    public static final String SHA1 = "HmacSHA1";
    /** 20 bytes = the HMAC-SHA1 block of RFC 4226's recommendation (160 bits). */
    public static final int SECRET_BYTES = 20;

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {}

    public static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    public static String code(byte[] secret, long step, String algorithm, int digits) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, algorithm));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24)
                    | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8)
                    | (hash[offset + 3] & 0xff);
            String otp = Integer.toString(binary % POWERS[digits]);
            return "0".repeat(digits - otp.length()) + otp;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    /**
     * Whether {@code code} is the 6-digit SHA-1 code of the step at {@code at} or one step either side (phones drift;
     * RFC 6238 §5.2 recommends at most one step of tolerance). Compared in constant time.
     */
    public static boolean verify(byte[] secret, String code, Instant at) {
        return matchingStep(secret, code, at) != NO_STEP;
    }

    /** The time step whose code {@code code} is (within ±1 step of {@code at}), or {@link #NO_STEP}. */
    public static long matchingStep(byte[] secret, String code, Instant at) {
        if (code == null || !code.matches("\\d{6}")) {
            return NO_STEP;
        }
        long now = step(at);
        long matched = NO_STEP;
        // every candidate is computed and compared, so the time taken does not tell which one matched
        for (long s = now - 1; s <= now + 1; s++) {
            if (MessageDigest.isEqual(code(secret, s, SHA1, DIGITS).getBytes(), code.getBytes())) {
                matched = s;
            }
        }
        return matched;
    }

    public static final long NO_STEP = Long.MIN_VALUE;

    /** The otpauth:// URI authenticator apps read (Key Uri Format); issuer and account are URL-encoded. */
    public static String uri(String issuer, String account, byte[] secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + Base32.encode(secret) + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=6&period=30";
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }
}
