package org.permitwatch.support.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.core.io.Resource;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The one token policy of the platform (ADR 0004), used by the gateway and every service: RS256 signature, then
 * {@code iss}, {@code aud}, {@code exp}/{@code nbf}/{@code iat} with a clock skew, a maximum lifetime, {@code sub},
 * {@code division} and roles fitting the division's level. Every rule failing yields an {@code invalid_token}
 * error, which the resource server turns into a 401.
 */
public final class TokenPolicy {

    private TokenPolicy() {}

    public static OAuth2TokenValidator<Jwt> validator(TokenPolicyProperties properties, Clock clock) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
        timestamps.setClock(clock);
        // Presence of exp is checked by TokenClaimsValidator with a clearer message; nbf is optional.
        timestamps.setAllowEmptyExpiryClaim(true);
        timestamps.setAllowEmptyNotBeforeClaim(true);
        Set<String> audiences = Set.copyOf(properties.audiences());
        JwtClaimValidator<Object> audience = new JwtClaimValidator<>(
                JwtClaimNames.AUD,
                aud -> aud instanceof Collection<?> values
                        && values.stream().anyMatch(v -> audiences.contains(String.valueOf(v))));
        return new DelegatingOAuth2TokenValidator<>(List.of(
                timestamps,
                new JwtIssuerValidator(properties.issuer()),
                audience,
                new TokenClaimsValidator(properties.maxLifetime(), properties.clockSkew(), clock)));
    }

    /** A decoder verifying RS256 against a JWK set (a province IdP) or, failing that, a PEM public key. */
    public static ReactiveJwtDecoder decoder(
            String jwkSetUri, Resource publicKeyLocation, OAuth2TokenValidator<Jwt> validator) {
        NimbusReactiveJwtDecoder decoder;
        if (jwkSetUri != null && !jwkSetUri.isBlank()) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri)
                    .jwsAlgorithm(SignatureAlgorithm.RS256)
                    .build();
        } else if (publicKeyLocation != null) {
            decoder = NimbusReactiveJwtDecoder.withPublicKey(readPublicKey(publicKeyLocation))
                    .signatureAlgorithm(SignatureAlgorithm.RS256)
                    .build();
        } else {
            throw new IllegalStateException("no token key configured: set JWT_PUBLIC_KEY_LOCATION "
                    + "(spring.security.oauth2.resourceserver.jwt.public-key-location) or "
                    + "spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
        }
        decoder.setJwtValidator(validator);
        return decoder;
    }

    private static RSAPublicKey readPublicKey(Resource location) {
        if (!location.exists()) {
            throw new IllegalStateException(
                    "token public key not found at " + location.getDescription() + " (JWT_PUBLIC_KEY_LOCATION)");
        }
        try (InputStream in = location.getInputStream()) {
            return RsaKeyConverters.x509().convert(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token public key " + location.getDescription(), e);
        }
    }
}
