package org.permitwatch.support.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The claim rules Spring's validators do not cover: {@code exp} and {@code sub} required, {@code iat} not in the
 * future, a bounded lifetime, a valid division and roles that fit its level. Descriptions name the rule, never a
 * claim value: they end up in 401 problems and logs, and a token's content is the caller's, not ours to echo.
 */
final class TokenClaimsValidator implements OAuth2TokenValidator<Jwt> {

    private final Duration maxLifetime;
    private final Duration clockSkew;
    private final Clock clock;

    TokenClaimsValidator(Duration maxLifetime, Duration clockSkew, Clock clock) {
        this.maxLifetime = maxLifetime;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        List<OAuth2Error> errors = new ArrayList<>();
        Instant now = clock.instant();
        Instant expiresAt = jwt.getExpiresAt();
        Instant issuedAt = jwt.getIssuedAt();
        if (expiresAt == null) {
            errors.add(error("the token has no expiry (exp)"));
        }
        if (issuedAt != null && issuedAt.isAfter(now.plus(clockSkew))) {
            errors.add(error("the token is issued in the future (iat)"));
        }
        if (expiresAt != null) {
            // Without iat the remaining lifetime is the best bound we have.
            Instant start = issuedAt == null ? now : issuedAt;
            if (Duration.between(start, expiresAt).compareTo(maxLifetime) > 0) {
                errors.add(error("the token's lifetime (exp - iat) exceeds the maximum of " + format(maxLifetime)));
            }
        }
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            errors.add(error("the token has no subject (sub)"));
        }
        String division = jwt.getClaimAsString(CallerJwtConverter.DIVISION_CLAIM);
        Set<Role> roles = roles(jwt);
        if (!DivisionCode.isValid(division)) {
            errors.add(error("the token has no valid division (a 6-digit division code)"));
        } else {
            DivisionCode code = DivisionCode.of(division);
            for (Role role : roles) {
                if (!RoleLevels.fits(role, code)) {
                    errors.add(error("role " + role + " does not fit a "
                            + code.level().name().toLowerCase(Locale.ROOT) + "-level division"));
                }
            }
        }
        if (roles.isEmpty()) {
            errors.add(error("the token has no known role (roles)"));
        }
        return errors.isEmpty() ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(errors);
    }

    static Set<Role> roles(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String value : CallerJwtConverter.stringList(jwt.getClaim(CallerJwtConverter.ROLES_CLAIM))) {
            Role.fromClaim(value).ifPresent(roles::add);
        }
        return roles;
    }

    private static String format(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static OAuth2Error error(String description) {
        return new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null);
    }
}
