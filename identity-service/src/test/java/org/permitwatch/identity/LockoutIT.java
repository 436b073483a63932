package org.permitwatch.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.identity.user.UserAccount;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.totp.Totp;

/** 登录失败处理: five failures in a row lock for 15 minutes; TOTP failures count; an administrator unlocks. */
@IdentityIntegrationTest
class LockoutIT extends IdentityItSupport {

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    String signIn(Browser browser, String username, String password) throws Exception {
        return browser.location(browser.submit("/auth/login", Map.of("username", username, "password", password)));
    }

    @Test
    void fiveWrongPasswordsLockAndTheLockEndsAfterFifteenMinutes() throws Exception {
        // whole seconds: PostgreSQL rounds stored instants to microseconds
        clock.set(java.time.Instant.parse("2027-02-01T01:00:00Z"));
        UserAccount user = user("xd-lock", Role.COUNTY, "140105", null);
        Browser browser = new Browser();
        for (int i = 1; i <= 4; i++) {
            assertThat(signIn(browser, "xd-lock", "wrong-" + i)).endsWith("/auth/login?error");
            assertThat(reload(user).failedAttempts()).isEqualTo(i);
        }
        // the fifth failure locks, and says so
        assertThat(signIn(browser, "xd-lock", "wrong-5")).endsWith("/auth/login?locked");
        assertThat(reload(user).lockedUntil()).isNotNull();
        // the right password is refused while locked
        assertThat(signIn(browser, "xd-lock", PASSWORD)).endsWith("/auth/login?locked");
        // 14 min 59 s later still locked; at 15 min it is over
        clock.set(clock.instant().plus(Duration.ofMinutes(14).plusSeconds(59)));
        assertThat(signIn(browser, "xd-lock", PASSWORD)).endsWith("/auth/login?locked");
        clock.set(clock.instant().plusSeconds(1));
        assertThat(signIn(new Browser(), "xd-lock", PASSWORD)).endsWith("/auth/");
        assertThat(reload(user).failedAttempts()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE actor = 'xd-lock' AND outcome = 'FAILURE'")
                        .query(Long.class)
                        .single())
                // 5 wrong passwords + 2 attempts while locked = 7
                .isEqualTo(7);
    }

    @Test
    void anAdministratorUnlocks() throws Exception {
        UserAccount user = user("xd-unlock", Role.COUNTY, "140105", null);
        Browser browser = new Browser();
        for (int i = 1; i <= 5; i++) {
            signIn(browser, "xd-unlock", "wrong");
        }
        assertThat(signIn(browser, "xd-unlock", PASSWORD)).endsWith("/auth/login?locked");
        // another city cannot unlock (not found in its division), Taiyuan can
        ok(call("POST", "/api/v1/users/" + user.id() + "/unlock", cliToken("CITY", "140200"), null), 404);
        ok(call("POST", "/api/v1/users/" + user.id() + "/unlock", cliToken("CITY", "140100"), null), 200);
        assertThat(signIn(new Browser(), "xd-unlock", PASSWORD)).endsWith("/auth/");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'user.unlock' AND target = 'xd-unlock'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void wrongTotpCodesCountAndLock() throws Exception {
        byte[] secret = Totp.newSecret();
        UserAccount user = user("ty-totp-lock", Role.CITY, "140100", secret);
        String right = totpNow(secret);
        String wrong = right.equals("123456") ? "654321" : "123456";
        Browser browser = new Browser();
        for (int i = 1; i <= 5; i++) {
            // the password is right every time; the second factor fails
            assertThat(signIn(browser, "ty-totp-lock", PASSWORD)).endsWith("/auth/login/totp");
            String after = browser.location(browser.submit("/auth/login/totp", Map.of("code", wrong)));
            assertThat(after).endsWith(i < 5 ? "/auth/login/totp?error" : "/auth/login?locked");
        }
        assertThat(reload(user).lockedAt(clock.instant())).isTrue();
        // locked: even the right password and code do not get in
        assertThat(signIn(new Browser(), "ty-totp-lock", PASSWORD)).endsWith("/auth/login?locked");
    }

    @Test
    void aPasswordOlderThanNinetyDaysMustBeChanged() throws Exception {
        UserAccount user = user("xd-old-password", Role.COUNTY, "140105", null);
        // set 90 days ago: due now (IDENTITY_PASSWORD_MAX_AGE 90d)
        // (from the stored value: PostgreSQL rounds to microseconds)
        clock.set(reload(user).passwordChangedAt().plus(Duration.ofDays(90)));
        Browser browser = new Browser();
        assertThat(signIn(browser, "xd-old-password", PASSWORD)).endsWith("/auth/login/password");
        String back = browser.location(browser.submit(
                "/auth/login/password",
                Map.of("current", PASSWORD, "password", "Spring-Renewal-2027", "confirm", "Spring-Renewal-2027")));
        assertThat(back).endsWith("/auth/");
        // PostgreSQL keeps microseconds
        assertThat(reload(user).passwordChangedAt())
                .isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        // one day less than 90: no change asked
        UserAccount fresh = user("xd-fresh-password", Role.COUNTY, "140105", null);
        clock.set(reload(fresh).passwordChangedAt().plus(Duration.ofDays(89)));
        assertThat(signIn(new Browser(), "xd-fresh-password", PASSWORD)).endsWith("/auth/");
    }

    @Test
    void aTotpCodeIsAcceptedOnce() throws Exception {
        clock.set(java.time.Instant.parse("2027-02-01T01:00:05Z"));
        byte[] secret = Totp.newSecret();
        UserAccount user = user("ty-replay", Role.CITY, "140100", secret);
        String code = totpNow(secret);
        Browser first = new Browser();
        assertThat(signIn(first, "ty-replay", PASSWORD)).endsWith("/auth/login/totp");
        assertThat(first.location(first.submit("/auth/login/totp", Map.of("code", code))))
                .endsWith("/auth/");
        // the same code from another browser within its 30 s: refused, and counted
        Browser second = new Browser();
        assertThat(signIn(second, "ty-replay", PASSWORD)).endsWith("/auth/login/totp");
        assertThat(second.location(second.submit("/auth/login/totp", Map.of("code", code))))
                .endsWith("/auth/login/totp?error");
        assertThat(reload(user).failedAttempts()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE actor = 'ty-replay'"
                                + " AND detail->>'reason' = 'code-reused'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        // the next step's code is fine
        clock.set(clock.instant().plusSeconds(30));
        assertThat(second.location(second.submit("/auth/login/totp", Map.of("code", totpNow(secret)))))
                .endsWith("/auth/");
    }

    @Test
    void anUnknownUserIsAuditedToo() throws Exception {
        assertThat(signIn(new Browser(), "nobody-here", PASSWORD)).endsWith("/auth/login?error");
        assertThat(jdbc.sql("SELECT detail->>'reason' FROM audit_event WHERE actor = 'nobody-here'")
                        .query(String.class)
                        .single())
                .isEqualTo("unknown-user");
    }
}
