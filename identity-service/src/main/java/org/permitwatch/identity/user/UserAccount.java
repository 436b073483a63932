package org.permitwatch.identity.user;

import java.time.Instant;
import java.util.UUID;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.security.Role;

/** A row of {@code user_account} (the TOTP secret stays sealed; {@link TotpSecrets} opens it). */
public record UserAccount(
        UUID id,
        String username,
        String displayName,
        Role role,
        DivisionCode division,
        String inspectorId,
        String phone,
        String email,
        boolean piiRead,
        String passwordHash,
        Instant passwordChangedAt,
        boolean mustChangePassword,
        byte[] totpSecretSealed,
        boolean totpRequired,
        boolean enabled,
        int failedAttempts,
        Instant lockedUntil,
        Instant lastLoginAt,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        long version) {

    /**
     * A user as it is created (by an administrator, the first-administrator bootstrap or the demo seed): enabled, never
     * signed in, no failures, stamped as created and last changed by {@code by} at {@code at}.
     */
    public static UserAccount created(
            UUID id,
            String username,
            String displayName,
            Role role,
            DivisionCode division,
            String inspectorId,
            String phone,
            String email,
            boolean piiRead,
            String passwordHash,
            boolean mustChangePassword,
            byte[] totpSecretSealed,
            boolean totpRequired,
            Instant at,
            String by) {
        return new UserAccount(
                id,
                username,
                displayName,
                role,
                division,
                inspectorId,
                phone,
                email,
                piiRead,
                passwordHash,
                at,
                mustChangePassword,
                totpSecretSealed,
                totpRequired,
                true,
                0,
                null,
                null,
                at,
                by,
                at,
                by,
                0);
    }

    /** The token's {@code sub}: an inspector is known to inspection-service by its directory id. */
    public String subject() {
        return role == Role.INSPECTOR && inspectorId != null ? inspectorId : id.toString();
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public boolean totpEnrolled() {
        return totpSecretSealed != null;
    }

    /** TOTP is required by role for PROVINCE and CITY administrators (等保 two factors), and per user otherwise. */
    public boolean needsTotp() {
        return totpRequired || role == Role.PROVINCE || role == Role.CITY;
    }
}
