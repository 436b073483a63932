package org.permitwatch.support.security;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code permitwatch.security.jwt.verified-cache.*}: how many verified tokens are kept, and how long, so that a token's
 * signature is checked once rather than on every request ({@link VerifiedTokenCache}, ADR 0037).
 *
 * @param size most tokens kept (env {@code JWT_VERIFIED_CACHE_SIZE}); 0 checks every request's signature
 * @param ttl  the longest a token is trusted without its signature being checked again: the window in which a key
 *             withdrawn from the JWK set still admits tokens seen before it (env {@code JWT_VERIFIED_CACHE_TTL})
 */
@Validated
@ConfigurationProperties("permitwatch.security.jwt.verified-cache")
public record VerifiedTokenCacheProperties(
        @PositiveOrZero @DefaultValue("4096") long size,
        @NotNull @DefaultValue("5m") Duration ttl) {}
