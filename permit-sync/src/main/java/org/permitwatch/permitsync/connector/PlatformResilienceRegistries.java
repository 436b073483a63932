package org.permitwatch.permitsync.connector;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

/**
 * The Resilience4j registries the connector registers its instances in. In the application they are
 * the beans of {@code resilience4j-spring-boot4}, so the instances show in actuator health and metrics;
 * without Spring, {@link #ofDefaults()} gives private ones.
 */
public record PlatformResilienceRegistries(
        CircuitBreakerRegistry circuitBreakers,
        RetryRegistry retries,
        RateLimiterRegistry rateLimiters,
        BulkheadRegistry bulkheads,
        TimeLimiterRegistry timeLimiters) {

    public static PlatformResilienceRegistries ofDefaults() {
        return new PlatformResilienceRegistries(
                CircuitBreakerRegistry.ofDefaults(),
                RetryRegistry.ofDefaults(),
                RateLimiterRegistry.ofDefaults(),
                BulkheadRegistry.ofDefaults(),
                TimeLimiterRegistry.ofDefaults());
    }
}
