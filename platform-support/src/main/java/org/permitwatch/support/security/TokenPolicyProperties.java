package org.permitwatch.support.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code permitwatch.security.jwt.*}: what a token must say about who issued it and for whom (ADR 0004). There is
 * deliberately no default for the issuer and audience: a component that does not know them refuses to start
 * instead of accepting any signed token.
 *
 * @param issuer      the exact {@code iss} every accepted token carries (env {@code JWT_ISSUER})
 * @param audiences   accepted {@code aud} values; a token must name at least one (env {@code JWT_AUDIENCE}, comma separated)
 * @param maxLifetime the longest {@code exp − iat} accepted (env {@code JWT_MAX_LIFETIME})
 * @param clockSkew   tolerance for clocks of the IdP and this host disagreeing, on {@code exp}, {@code nbf}, {@code iat}
 */
@Validated
@ConfigurationProperties("permitwatch.security.jwt")
public record TokenPolicyProperties(
        @NotBlank(
                message =
                        "set JWT_ISSUER (permitwatch.security.jwt.issuer): the issuer every accepted token must carry")
        String issuer,

        @NotEmpty(
                message = "set JWT_AUDIENCE (permitwatch.security.jwt.audiences): at least one accepted token audience")
        List<@NotBlank String> audiences,

        @NotNull @DefaultValue("12h") Duration maxLifetime,
        @NotNull @DefaultValue("60s") Duration clockSkew) {

    public TokenPolicyProperties {
        audiences = audiences == null
                ? List.of()
                : audiences.stream().map(String::trim).toList();
    }
}
