package org.permitwatch.permitsync.connector;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.permitwatch.permitsync.connector.EnvelopeDecoder.AccessToken;
import reactor.core.publisher.Mono;

/**
 * Holds the bearer token. Concurrent callers subscribe to one shared fetch ({@link Mono#cache}), the
 * token is re-fetched shortly before it expires, and a token the platform rejected is replaced at most
 * once however many callers saw it rejected at the same time (no token stampede).
 */
final class AccessTokenCache {

    private final Supplier<Mono<AccessToken>> fetch;
    private final Duration refreshSkew;
    private final AtomicReference<Mono<AccessToken>> current;

    AccessTokenCache(Supplier<Mono<AccessToken>> fetch, Duration refreshSkew) {
        this.fetch = fetch;
        this.refreshSkew = refreshSkew;
        this.current = new AtomicReference<>(cachedFetch());
    }

    /** The current token, fetching one when there is none or it is about to expire. */
    Mono<AccessToken> token() {
        return Mono.defer(current::get);
    }

    /**
     * A token other than {@code rejected}: the one another caller already fetched after the same
     * rejection, or a new one fetched now.
     */
    Mono<AccessToken> replace(AccessToken rejected) {
        return Mono.defer(() -> {
            Mono<AccessToken> seen = current.get();
            return seen.flatMap(token -> {
                if (!token.value().equals(rejected.value())) {
                    return Mono.just(token);
                }
                Mono<AccessToken> fresh = cachedFetch();
                // Only the first caller installs its fetch; the others share the winner's.
                return current.compareAndSet(seen, fresh) ? fresh : current.get();
            });
        });
    }

    private Mono<AccessToken> cachedFetch() {
        return Mono.defer(fetch).cache(this::timeToLive, error -> Duration.ZERO, () -> Duration.ZERO);
    }

    private Duration timeToLive(AccessToken token) {
        Duration lifetime = Duration.ofSeconds(token.expiresInSeconds());
        // A short-lived token (tests, odd platform settings) is kept for half its life instead.
        return lifetime.compareTo(refreshSkew.multipliedBy(2)) > 0
                ? lifetime.minus(refreshSkew)
                : lifetime.dividedBy(2);
    }
}
