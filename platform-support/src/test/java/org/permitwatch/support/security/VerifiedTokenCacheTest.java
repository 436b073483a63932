package org.permitwatch.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.permitwatch.testsupport.SettableClock;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * The cache may skip a signature check, never a rule: real RS256 tokens, the platform's own validator and decoder, and
 * a count of how often the full decoder (the signature check) really ran.
 */
class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-12-04T08:00:00Z");

    private final SettableClock clock = new SettableClock();
    private final OAuth2TokenValidator<Jwt> validator = TokenPolicy.validator(
            new TokenPolicyProperties(
                    TestJwts.ISSUER, List.of(TestJwts.AUDIENCE), Duration.ofHours(12), Duration.ofSeconds(60)),
            clock);
    private final AtomicInteger verifications = new AtomicInteger();
    private final ReactiveJwtDecoder full =
            counting(TokenPolicy.decoder(null, new org.springframework.core.io.UrlResource(url()), validator));
    private final VerifiedTokenCache cache = new VerifiedTokenCache(full, validator, 100, Duration.ofMinutes(5));

    VerifiedTokenCacheTest() {
        clock.set(NOW);
    }

    private static java.net.URL url() {
        try {
            return java.net.URI.create(TestJwts.publicKeyLocation()).toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private ReactiveJwtDecoder counting(ReactiveJwtDecoder decoder) {
        return token -> Mono.defer(() -> {
            verifications.incrementAndGet();
            return decoder.decode(token);
        });
    }

    private static String token(Instant expiresAt) {
        return TestJwts.builder()
                .roles("CITY")
                .division("140100")
                .issuedAt(NOW)
                .expiresAt(expiresAt)
                .build();
    }

    @Test
    void aTokenSeenAgainIsNotVerifiedAgain() {
        String token = token(NOW.plus(Duration.ofHours(1)));

        Jwt first = cache.decode(token).block();
        Jwt second = cache.decode(token).block();
        Jwt third = cache.decode(token).block();

        assertThat(verifications).hasValue(1);
        assertThat(second).isSameAs(first);
        assertThat(third.getClaimAsString("division")).isEqualTo("140100");
        assertThat(cache.size()).isOne();
    }

    @Test
    void aCachedTokenStillExpiresOnTimeWithTheUncachedError() {
        String token = token(NOW.plus(Duration.ofMinutes(10)));
        cache.decode(token).block();

        // Valid for 10 min, plus 60 s of clock skew: at 4 min a hit, at 11 min 1 s refused. The cache's own ttl
        // (5 min, on the JVM's ticker, not this clock) has not run out: the refusal comes from the validator on the
        // hit.
        clock.set(NOW.plus(Duration.ofMinutes(4)));
        assertThat(cache.decode(token).block()).isNotNull();
        assertThat(verifications).hasValue(1);

        clock.set(NOW.plus(Duration.ofMinutes(11)).plusSeconds(1));
        Throwable cached = catchThrowable(() -> cache.decode(token).block());
        Throwable uncached = catchThrowable(() -> full.decode(token).block());
        assertThat(cached).isInstanceOf(JwtValidationException.class);
        assertThat(cached.getMessage()).isEqualTo(uncached.getMessage()).contains("expired");
        assertThat(cache.size()).isZero();
    }

    @Test
    void aRefusedTokenIsNeverCached() {
        String forged = TestJwts.builder()
                .roles("CITY")
                .division("140100")
                .issuedAt(NOW)
                .expiresAt(NOW.plus(Duration.ofHours(1)))
                .signedWithUntrustedKey()
                .build();

        for (int i = 0; i < 3; i++) {
            assertThat(catchThrowable(() -> cache.decode(forged).block())).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifications).hasValue(3);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aTokenDifferingInOneCharacterIsVerifiedOnItsOwn() {
        String token = token(NOW.plus(Duration.ofHours(1)));
        cache.decode(token).block();
        // The signature's first character changed: same header and claims, so only the signature check can refuse it.
        // Not the last one: a 256-byte RS256 signature leaves 4 unused bits in its last base64url character, so
        // 'A' and any of 'B'..'P' there decode to the same signature (the test then failed one run in four).
        int first = token.lastIndexOf('.') + 1;
        char c = token.charAt(first);
        String tampered = token.substring(0, first) + (c == 'A' ? 'B' : 'A') + token.substring(first + 1);

        assertThat(catchThrowable(() -> cache.decode(tampered).block())).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void anEntryAgesOutAfterItsTtlAndIsVerifiedAgain() {
        VerifiedTokenCache brief = new VerifiedTokenCache(full, validator, 100, Duration.ofMillis(1));
        String token = token(NOW.plus(Duration.ofHours(1)));
        brief.decode(token).block();
        await(Duration.ofMillis(20));
        brief.decode(token).block();
        assertThat(verifications).hasValue(2);
    }

    private static void await(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
