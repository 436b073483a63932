package org.permitwatch.permitsync.connector;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The national permit information platform's data-exchange interface, as fixed in
 * {@code shared/docs/NATIONAL_PLATFORM_API.md}. Implementations hide tokens, the response envelope and
 * every resilience concern (rate limit, retry, timeouts, circuit breaker, bulkhead): callers see
 * typed results or one of the {@link PlatformException} subtypes.
 */
public interface NationalPlatformClient {

    /**
     * One page of permits changed since {@code updatedSince} (everything when null), ordered by
     * {@code updatedAt} then {@code permitNo}.
     */
    Mono<PermitPage> listPermits(@Nullable OffsetDateTime updatedSince, int pageNo, int pageSize);

    /**
     * The full permit. Completes empty when the platform no longer knows the permit
     * (HTTP 404 or code 40401) — e.g. it was deleted between list and detail.
     */
    Mono<PermitDetail> getPermit(String permitNo);
}
