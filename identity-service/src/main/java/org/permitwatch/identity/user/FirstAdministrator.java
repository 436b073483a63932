package org.permitwatch.identity.user;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.permitwatch.identity.audit.AuditTrail;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.security.RoleLevels;
import org.springframework.transaction.annotation.Transactional;

/**
 * The first PROVINCE administrator of an installation, from {@code IDENTITY_BOOTSTRAP_ADMIN_*} (in Kubernetes a
 * Secret created at install time, docs/kubernetes.md). Every other user is created through the admin API by an
 * administrator, so someone has to be first. Created only while the province has no PROVINCE user at all — a leaked
 * or forgotten bootstrap secret cannot add a second administrator later — with {@code mustChangePassword} (the
 * secret's password is known to whoever installed the platform) and TOTP enrolment at the first sign-in, as every
 * PROVINCE user must.
 */
public class FirstAdministrator {

    /** What the installer supplies; {@code displayName} may be blank. */
    public record Bootstrap(String username, String password, String division, String displayName) {

        public boolean requested() {
            return username != null && !username.isBlank();
        }
    }

    private final UserRepository users;
    private final Passwords passwords;
    private final PasswordPolicy policy;
    private final AuditTrail audit;
    private final Clock clock;

    public FirstAdministrator(
            UserRepository users, Passwords passwords, PasswordPolicy policy, AuditTrail audit, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @return whether the administrator was created (false when the province already has a PROVINCE user)
     * @throws IllegalStateException when the bootstrap settings are unusable: the provider must not start half-set-up
     */
    @Transactional
    public boolean createIfNone(Bootstrap bootstrap) {
        if (!DivisionCode.isValid(bootstrap.division())) {
            throw new IllegalStateException("IDENTITY_BOOTSTRAP_ADMIN_DIVISION must be a province code such as 140000");
        }
        DivisionCode division = DivisionCode.of(bootstrap.division());
        if (!RoleLevels.fits(Role.PROVINCE, division)) {
            throw new IllegalStateException(
                    "IDENTITY_BOOTSTRAP_ADMIN_DIVISION must be a province code (xx0000), not " + division);
        }
        if (users.countByRoleWithin(Role.PROVINCE, division) > 0) {
            return false;
        }
        if (users.findByUsername(bootstrap.username()).isPresent()) {
            throw new IllegalStateException("IDENTITY_BOOTSTRAP_ADMIN_USERNAME names an existing non-PROVINCE user");
        }
        List<String> problems = policy.problems(bootstrap.password(), bootstrap.username());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("IDENTITY_BOOTSTRAP_ADMIN_PASSWORD does not meet the policy: " + problems);
        }
        Instant now = clock.instant();
        String name = bootstrap.displayName() == null || bootstrap.displayName().isBlank()
                ? bootstrap.username()
                : bootstrap.displayName();
        users.insert(UserAccount.created(
                UUID.randomUUID(),
                bootstrap.username(),
                name,
                Role.PROVINCE,
                division,
                null,
                null,
                null,
                true,
                passwords.hash(bootstrap.password()),
                true,
                null,
                true,
                now,
                AuditTrail.SYSTEM));
        audit.system(
                "user.create", bootstrap.username(), "first PROVINCE administrator from IDENTITY_BOOTSTRAP_ADMIN_*");
        return true;
    }
}
