package org.permitwatch.identity.admin;

import java.time.Instant;
import java.util.UUID;
import org.permitwatch.identity.user.UserAccount;
import org.permitwatch.support.security.Role;

/** A user as the admin API shows it: never the password hash or the TOTP secret. */
public record UserView(
        UUID id,
        String username,
        String displayName,
        Role role,
        String division,
        String inspectorId,
        String subject,
        String phone,
        String email,
        boolean piiRead,
        boolean totpRequired,
        boolean totpEnrolled,
        boolean enabled,
        int failedAttempts,
        Instant lockedUntil,
        boolean mustChangePassword,
        Instant passwordChangedAt,
        Instant lastLoginAt,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        long version) {

    static UserView of(UserAccount u) {
        return new UserView(
                u.id(),
                u.username(),
                u.displayName(),
                u.role(),
                u.division().value(),
                u.inspectorId(),
                u.subject(),
                u.phone(),
                u.email(),
                u.piiRead(),
                u.needsTotp(),
                u.totpEnrolled(),
                u.enabled(),
                u.failedAttempts(),
                u.lockedUntil(),
                u.mustChangePassword(),
                u.passwordChangedAt(),
                u.lastLoginAt(),
                u.createdAt(),
                u.createdBy(),
                u.updatedAt(),
                u.updatedBy(),
                u.version());
    }
}
