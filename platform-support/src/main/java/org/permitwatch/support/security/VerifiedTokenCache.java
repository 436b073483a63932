package org.permitwatch.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * A {@link ReactiveJwtDecoder} that verifies each distinct token's RS256 signature once, not on every request.
 *
 * <p>Why: a client sends the same token with every call until it expires, and the gateway and then the service each
 * verified it again. Profiled under 200 concurrent submissions (docs/benchmarks.md), RSA's big-integer arithmetic was
 * the gateway's largest single cost, more so with the local C1-only JIT, which lacks the intrinsics for it.
 *
 * <p>What stays the same: only a token that passed the full decoder (signature and the whole {@link TokenPolicy}
 * validator) enters the cache, keyed by its exact text, so a hit cannot be forged; and on every hit the validator runs
 * again (expiry, not-before, issuer, audience, lifetime, claims), so a cached token expires on time. A hit that fails
 * validation is dropped and the token goes through the full decoder once more, which gives the caller exactly the
 * error the uncached path gives. Refused tokens are never cached.
 *
 * <p>What changes: a signing key withdrawn from the JWK set stops being accepted for tokens already seen only when
 * their entry ages out ({@code ttl}, default 5 minutes) — the bound on that window. Memory: at most {@code size}
 * decoded tokens (a few KB each).
 */
public final class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    /**
     * @param delegate  the full decoder: signature, then {@code validator}
     * @param validator the same validator the delegate applies, run again on every cache hit
     * @param size      most tokens kept
     * @param ttl       longest time a token is trusted without its signature being checked again
     */
    public VerifiedTokenCache(
            ReactiveJwtDecoder delegate, OAuth2TokenValidator<Jwt> validator, long size, Duration ttl) {
        this.delegate = delegate;
        this.validator = validator;
        this.verified =
                Caffeine.newBuilder().maximumSize(size).expireAfterWrite(ttl).build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt hit = token == null ? null : verified.getIfPresent(token);
        if (hit != null) {
            if (!validator.validate(hit).hasErrors()) {
                return Mono.just(hit);
            }
            verified.invalidate(token);
        }
        return delegate.decode(token).doOnNext(jwt -> verified.put(token, jwt));
    }

    /** How many tokens are held now (for tests and metrics). */
    public long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
