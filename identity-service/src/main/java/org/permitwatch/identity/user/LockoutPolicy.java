package org.permitwatch.identity.user;

import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * 登录失败处理 (等保2.0): after {@code maxFailures} failed sign-ins in a row (password or TOTP) the account is locked
 * for {@code duration}; a successful sign-in or an administrator's unlock resets the count.
 */
@ConfigurationProperties("permitwatch.identity.lockout")
public record LockoutPolicy(
        @DefaultValue("5") int maxFailures,
        @DefaultValue("15m") Duration duration) {

    /** The lock that follows one more failure, or null while the count stays below the limit. */
    public Instant lockAfter(int failuresIncludingThisOne, Instant now) {
        return failuresIncludingThisOne >= maxFailures ? now.plus(duration) : null;
    }
}
