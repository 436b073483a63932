package org.permitwatch.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.time.Duration;
import org.permitwatch.gateway.GatewaySettings;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One breaker per downstream service (the route filters name them after the service), each with a time
 * limiter: a service that hangs costs a caller at most its timeout and then a 503 problem from the fallback.
 */
@Configuration(proxyBeanMethods = false)
class CircuitBreakerConfiguration {

    // The registries normally come from resilience4j-spring-boot3, which is excluded because it does not start on
    // Boot 4; the Spring Cloud factory only needs the two registries, configured per breaker by the customizer below.
    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry() {
        return CircuitBreakerRegistry.of(breaker());
    }

    @Bean
    TimeLimiterRegistry timeLimiterRegistry(GatewaySettings settings) {
        return TimeLimiterRegistry.of(timeLimiter(settings.defaultTimeout()));
    }

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> perServiceCircuitBreakers(GatewaySettings settings) {
        // Breaker ids are service names, so the default can look up each service's own timeout.
        return factory -> factory.configureDefault(id -> config(id, settings.timeoutOf(id)));
    }

    private static Resilience4JConfigBuilder.Resilience4JCircuitBreakerConfiguration config(
            String id, Duration timeout) {
        return new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(breaker())
                .timeLimiterConfig(timeLimiter(timeout))
                .build();
    }

    private static CircuitBreakerConfig breaker() {
        // Opens after half of the last 20 calls failed (at least 10 seen); probes again after 10 s.
        return CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(10))
                .permittedNumberOfCallsInHalfOpenState(3)
                .build();
    }

    private static TimeLimiterConfig timeLimiter(Duration timeout) {
        return TimeLimiterConfig.custom()
                .timeoutDuration(timeout)
                .cancelRunningFuture(true)
                .build();
    }
}
