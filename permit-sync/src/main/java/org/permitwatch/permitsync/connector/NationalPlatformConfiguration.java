package org.permitwatch.permitsync.connector;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Wires the connector into the permit-sync application. The Resilience4j registries are the
 * {@code resilience4j-spring-boot4} beans, so the connector's breaker, retries, rate limiter, bulkhead
 * and time limiter appear in {@code /actuator/health} and {@code /actuator/prometheus}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NationalPlatformProperties.class)
class NationalPlatformConfiguration {

    @Bean
    PlatformCallCounter platformCallCounter(MeterRegistry meterRegistry) {
        return new PlatformCallCounter(meterRegistry);
    }

    @Bean
    PlatformResilienceRegistries platformResilienceRegistries(
            CircuitBreakerRegistry circuitBreakers,
            RetryRegistry retries,
            RateLimiterRegistry rateLimiters,
            BulkheadRegistry bulkheads,
            TimeLimiterRegistry timeLimiters) {
        return new PlatformResilienceRegistries(circuitBreakers, retries, rateLimiters, bulkheads, timeLimiters);
    }

    @Bean
    WebClientNationalPlatformClient nationalPlatformClient(
            NationalPlatformProperties properties,
            WebClient.Builder webClientBuilder,
            PlatformResilienceRegistries registries,
            PlatformCallCounter platformCallCounter) {
        return new WebClientNationalPlatformClient(properties, webClientBuilder, registries, platformCallCounter);
    }
}
