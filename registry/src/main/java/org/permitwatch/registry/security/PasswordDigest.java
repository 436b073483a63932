package org.permitwatch.registry.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of a password, compared in constant time. A fast hash is enough here: the passwords are long random
 * secrets (length enforced at start-up) that only the registry's own process ever sees, and it keeps the
 * plain text out of the heap after start-up; bcrypt would cost tens of milliseconds of CPU per heartbeat.
 */
final class PasswordDigest {

    private PasswordDigest() {}

    static byte[] of(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Constant time for equal-length inputs, and digests always have the same length. */
    static boolean matches(String presented, byte[] expectedDigest) {
        return MessageDigest.isEqual(of(presented), expectedDigest);
    }
}
