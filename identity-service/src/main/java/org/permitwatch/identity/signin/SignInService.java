package org.permitwatch.identity.signin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.identity.audit.AuditTrail;
import org.permitwatch.identity.user.LockoutPolicy;
import org.permitwatch.identity.user.Passwords;
import org.permitwatch.identity.user.TotpSecrets;
import org.permitwatch.identity.user.UserAccount;
import org.permitwatch.identity.user.UserRepository;
import org.permitwatch.support.totp.Totp;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sign-in steps and their bookkeeping: failure count and lockout, last sign-in, and an audit row for every
 * success and failure with the remote address (等保2.0 安全审计). A failure must be counted even though the step
 * throws, hence {@code noRollbackFor}.
 */
public class SignInService {

    public static final String ACTION_PASSWORD = "signin.password";
    public static final String ACTION_TOTP = "signin.totp";
    public static final String ACTION_TOTP_ENROL = "signin.totp-enrol";
    public static final String ACTION_SIGNED_IN = "signin.complete";
    public static final String ACTION_PASSWORD_CHANGE = "signin.password-change";

    private final UserRepository users;
    private final Passwords passwords;
    private final TotpSecrets totpSecrets;
    private final LockoutPolicy lockout;
    private final AuditTrail audit;
    private final Clock clock;

    public SignInService(
            UserRepository users,
            Passwords passwords,
            TotpSecrets totpSecrets,
            LockoutPolicy lockout,
            AuditTrail audit,
            Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.totpSecrets = totpSecrets;
        this.lockout = lockout;
        this.audit = audit;
        this.clock = clock;
    }

    /** First step: the password. Returns the account; the caller decides which step follows. */
    @Transactional(noRollbackFor = AuthenticationException.class)
    public UserAccount password(String username, String password, String remote) {
        UserAccount user = users.findByUsernameForUpdate(username == null ? "" : username.trim())
                .orElse(null);
        if (user == null) {
            passwords.burnTime(password);
            fail(username, null, ACTION_PASSWORD, remote, "unknown-user");
            throw new BadCredentialsException("bad credentials");
        }
        checkUsable(user, ACTION_PASSWORD, remote);
        if (!passwords.matches(password, user.passwordHash())) {
            throw countFailure(user, ACTION_PASSWORD, remote, "wrong-password");
        }
        succeeded(user, ACTION_PASSWORD, remote, Map.of());
        return user;
    }

    /** Second step for an enrolled user: a TOTP code; a wrong code counts towards the lockout like a password. */
    @Transactional(noRollbackFor = AuthenticationException.class)
    public UserAccount totp(UUID userId, String code, String remote) {
        UserAccount user = users.findByIdForUpdate(userId).orElseThrow(() -> new BadCredentialsException("gone"));
        checkUsable(user, ACTION_TOTP, remote);
        if (!user.totpEnrolled()) {
            throw new BadCredentialsException("not enrolled");
        }
        byte[] secret = totpSecrets.open(user.id(), user.totpSecretSealed());
        long step = Totp.matchingStep(secret, code == null ? null : code.trim(), clock.instant());
        if (step == Totp.NO_STEP) {
            throw countFailure(user, ACTION_TOTP, remote, "wrong-code");
        }
        Long last = users.totpLastStep(user.id());
        if (last != null && step <= last) {
            // right code, already used: a replay (RFC 6238 §5.2)
            throw countFailure(user, ACTION_TOTP, remote, "code-reused");
        }
        users.setTotpLastStep(user.id(), step);
        return user;
    }

    /** Enrolment: the first code from the secret just shown proves the app has it; only then is it stored. */
    @Transactional(noRollbackFor = AuthenticationException.class)
    public UserAccount enrol(UUID userId, byte[] secret, String code, String remote) {
        UserAccount user = users.findByIdForUpdate(userId).orElseThrow(() -> new BadCredentialsException("gone"));
        checkUsable(user, ACTION_TOTP_ENROL, remote);
        if (user.totpEnrolled()) {
            throw new BadCredentialsException("already enrolled");
        }
        long step = Totp.matchingStep(secret, code == null ? null : code.trim(), clock.instant());
        if (step == Totp.NO_STEP) {
            throw countFailure(user, ACTION_TOTP_ENROL, remote, "wrong-code");
        }
        users.setTotpSecret(user.id(), totpSecrets.seal(user.id(), secret), clock.instant(), user.username());
        users.setTotpLastStep(user.id(), step);
        succeeded(user, ACTION_TOTP_ENROL, remote, Map.of());
        return user;
    }

    /** A forced password change (after an administrator's reset) before the sign-in completes. */
    @Transactional
    public List<String> changePassword(UUID userId, String current, String next, String remote) {
        UserAccount user = users.findByIdForUpdate(userId).orElseThrow(() -> new BadCredentialsException("gone"));
        checkUsable(user, ACTION_PASSWORD_CHANGE, remote);
        if (!passwords.matches(current, user.passwordHash())) {
            return List.of("当前口令不正确");
        }
        List<String> problems = passwords.problems(next, user.username(), user);
        if (!problems.isEmpty()) {
            return problems;
        }
        passwords.change(user, next, false, user.username());
        succeeded(user, ACTION_PASSWORD_CHANGE, remote, Map.of());
        return List.of();
    }

    /** Every step passed: reset the failure count, stamp the sign-in, audit it. */
    @Transactional
    public UserAccount complete(UUID userId, String remote, List<String> factors) {
        UserAccount user = users.findByIdForUpdate(userId).orElseThrow(() -> new BadCredentialsException("gone"));
        checkUsable(user, ACTION_SIGNED_IN, remote);
        users.recordSignIn(user.id(), clock.instant());
        succeeded(user, ACTION_SIGNED_IN, remote, Map.of("factors", factors));
        return user;
    }

    private void checkUsable(UserAccount user, String action, String remote) {
        if (!user.enabled()) {
            fail(user.username(), user.division().value(), action, remote, "disabled");
            throw new DisabledException("disabled");
        }
        if (user.lockedAt(clock.instant())) {
            fail(user.username(), user.division().value(), action, remote, "locked");
            throw new LockedException("locked");
        }
    }

    /** Counts the failure; returns what to throw: locked when this failure reached the limit. */
    private AuthenticationException countFailure(UserAccount user, String action, String remote, String reason) {
        Instant now = clock.instant();
        // A lock that has run out starts a fresh count.
        int previous = user.lockedUntil() != null && !user.lockedAt(now) ? 0 : user.failedAttempts();
        int failures = previous + 1;
        Instant lockedUntil = lockout.lockAfter(failures, now);
        users.recordFailure(user.id(), lockedUntil == null ? failures : 0, lockedUntil);
        fail(
                user.username(),
                user.division().value(),
                action,
                remote,
                lockedUntil == null ? reason : reason + ",locked");
        return lockedUntil == null ? new BadCredentialsException("bad credentials") : new LockedException("locked");
    }

    private void fail(String username, String division, String action, String remote, String reason) {
        audit.record(
                username == null ? "" : username,
                division,
                action,
                username,
                division,
                AuditTrail.FAILURE,
                remote,
                Map.of("reason", reason));
    }

    /** A step the user passed, audited as done by the user on itself. */
    private void succeeded(UserAccount user, String action, String remote, Map<String, ?> detail) {
        audit.record(
                user.username(),
                user.division().value(),
                action,
                user.username(),
                user.division().value(),
                AuditTrail.SUCCESS,
                remote,
                detail);
    }
}
