package org.permitwatch.identity.signin;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * A sign-in whose password was right but which still owes a step (TOTP, TOTP enrolment, a forced password change).
 * Kept in the HTTP session instead of a half-authenticated security context: nothing before the last step can reach
 * the authorization endpoint. {@code enrolmentSecret} is the secret shown on the enrolment page, stored only once the
 * user has typed a code from it.
 */
public record PendingSignIn(UUID userId, String username, Instant passwordVerifiedAt, byte[] enrolmentSecret)
        implements Serializable {

    public static final String SESSION_ATTRIBUTE = PendingSignIn.class.getName();

    public PendingSignIn withEnrolmentSecret(byte[] secret) {
        return new PendingSignIn(userId, username, passwordVerifiedAt, secret);
    }
}
