package org.permitwatch.identity.user;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.permitwatch.identity.audit.AuditTrail;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.security.RoleLevels;
import org.permitwatch.support.totp.Base32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Local demo users from IDENTITY_DEMO_USERS_FILE (run.sh writes it once, 0600, with random passwords and TOTP
 * secrets): each is created when no user of that name exists; an existing user is never changed.
 */
public class DemoUsers {

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    /** One entry of the file (the contract's shape). */
    public record Entry(
            String username,
            String password,
            String displayName,
            String role,
            String division,
            String inspectorId,
            String totpSecret,
            Boolean piiRead) {}

    private final UserRepository users;
    private final Passwords passwords;
    private final PasswordPolicy policy;
    private final TotpSecrets totp;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Clock clock;

    public DemoUsers(
            UserRepository users,
            Passwords passwords,
            PasswordPolicy policy,
            TotpSecrets totp,
            AuditTrail audit,
            JsonMapper json,
            Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.policy = policy;
        this.totp = totp;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public int load(Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("IDENTITY_DEMO_USERS_FILE not readable: " + file);
        }
        List<Entry> entries = json.readValue(file.toFile(), new TypeReference<List<Entry>>() {});
        int created = 0;
        for (Entry e : entries) {
            if (users.findByUsername(e.username()).isPresent()) {
                continue;
            }
            Role role = Role.fromClaim(e.role())
                    .orElseThrow(() -> new IllegalStateException("demo user " + e.username() + ": unknown role"));
            DivisionCode division = DivisionCode.of(e.division());
            if (!RoleLevels.fits(role, division)) {
                throw new IllegalStateException(
                        "demo user " + e.username() + ": role " + role + " does not fit division " + division);
            }
            List<String> problems = policy.problems(e.password(), e.username());
            if (!problems.isEmpty()) {
                // Still created (a local demo must start), but say so: the sign-in page would refuse it as a new one.
                log.warn("demo user {}: password does not meet the policy: {}", e.username(), problems);
            }
            UUID id = UUID.randomUUID();
            Instant now = clock.instant();
            byte[] sealed = e.totpSecret() == null || e.totpSecret().isBlank()
                    ? null
                    : totp.seal(id, Base32.decode(e.totpSecret()));
            users.insert(UserAccount.created(
                    id,
                    e.username(),
                    e.displayName() == null ? e.username() : e.displayName(),
                    role,
                    division,
                    e.inspectorId(),
                    null,
                    null,
                    Boolean.TRUE.equals(e.piiRead()),
                    passwords.hash(e.password()),
                    false,
                    sealed,
                    sealed != null,
                    now,
                    AuditTrail.SYSTEM));
            audit.system("user.create", e.username(), "demo user from IDENTITY_DEMO_USERS_FILE");
            created++;
        }
        return created;
    }
}
