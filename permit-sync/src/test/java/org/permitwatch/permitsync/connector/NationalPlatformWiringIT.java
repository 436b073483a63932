package org.permitwatch.permitsync.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.springboot.bulkhead.autoconfigure.BulkheadAutoConfiguration;
import io.github.resilience4j.springboot.bulkhead.autoconfigure.BulkheadMetricsAutoConfiguration;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerMetricsAutoConfiguration;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakersHealthIndicatorAutoConfiguration;
import io.github.resilience4j.springboot.circuitbreaker.monitoring.health.CircuitBreakersHealthIndicator;
import io.github.resilience4j.springboot.ratelimiter.autoconfigure.RateLimiterAutoConfiguration;
import io.github.resilience4j.springboot.ratelimiter.autoconfigure.RateLimiterMetricsAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryMetricsAutoConfiguration;
import io.github.resilience4j.springboot.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.permitwatch.mock.MockOptions;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

/**
 * The connector's wiring without a full application: {@code national-platform.yml} binds and
 * validates, and the Resilience4j instances land in the {@code resilience4j-spring-boot4} registries
 * with the connector's settings, visible to the health indicator and to Micrometer.
 */
class NationalPlatformWiringIT {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withPropertyValues("spring.config.location=classpath:/national-platform.yml")
            .withConfiguration(AutoConfigurations.of(
                    ValidationAutoConfiguration.class,
                    WebClientAutoConfiguration.class,
                    CircuitBreakerAutoConfiguration.class,
                    CircuitBreakerMetricsAutoConfiguration.class,
                    RetryAutoConfiguration.class,
                    RateLimiterAutoConfiguration.class,
                    BulkheadAutoConfiguration.class,
                    TimeLimiterAutoConfiguration.class,
                    RetryMetricsAutoConfiguration.class,
                    RateLimiterMetricsAutoConfiguration.class,
                    BulkheadMetricsAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class,
                    CircuitBreakersHealthIndicatorAutoConfiguration.class))
            // Stand-in for the actuator health endpoint's aggregator; the Prometheus registry is the real one.
            .withBean(StatusAggregator.class, StatusAggregator::getDefault)
            .withBean(PrometheusMeterRegistry.class, () -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
            .withUserConfiguration(NationalPlatformConfiguration.class);

    @Test
    void bindsTheEnvironmentAndTheDefaultsOfNationalPlatformYml() {
        runner.withPropertyValues(
                        "NATIONAL_PLATFORM_BASE_URL=https://exchange.example.gov.cn:8443/np",
                        "NATIONAL_PLATFORM_CLIENT_ID=shanxi",
                        "NATIONAL_PLATFORM_CLIENT_SECRET=s3cret")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    NationalPlatformProperties properties = context.getBean(NationalPlatformProperties.class);
                    assertThat(properties.baseUrl()).isEqualTo(URI.create("https://exchange.example.gov.cn:8443/np"));
                    assertThat(properties.clientId()).isEqualTo("shanxi");
                    assertThat(properties.clientSecret()).isEqualTo("s3cret");
                    assertThat(properties.provinceCode()).isEqualTo("14");
                    assertThat(properties.rateLimit().callsPerSecond()).isEqualTo(20);
                    assertThat(properties.retry().maxAttempts()).isEqualTo(4);
                    assertThat(properties.retry().initialBackoff()).isEqualTo(Duration.ofMillis(500));
                    assertThat(properties.timeouts().response()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(properties.detailBulkhead().maxConcurrent()).isEqualTo(8);
                    assertThat(properties.circuitBreaker().slidingWindowSize()).isEqualTo(20);
                    assertThat(properties.maxResponseSize().toMegabytes()).isEqualTo(16);
                });
    }

    @Test
    void refusesToStartWithoutCredentialsOutsideTheLocalProfile() {
        runner.withPropertyValues("NATIONAL_PLATFORM_BASE_URL=https://exchange.example.gov.cn")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("clientId");
                });
    }

    @Test
    void rejectsAnInvalidProvinceCode() {
        runner.withPropertyValues(
                        "NATIONAL_PLATFORM_BASE_URL=https://exchange.example.gov.cn",
                        "NATIONAL_PLATFORM_CLIENT_ID=a",
                        "NATIONAL_PLATFORM_CLIENT_SECRET=b",
                        "permitwatch.national-platform.province-code=140000")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("provinceCode");
                });
    }

    @Test
    void localProfilePointsAtTheMock() {
        runner.withPropertyValues("spring.profiles.active=local").run(context -> {
            assertThat(context).hasNotFailed();
            NationalPlatformProperties properties = context.getBean(NationalPlatformProperties.class);
            assertThat(properties.baseUrl()).isEqualTo(URI.create("http://localhost:8090"));
            assertThat(properties.clientId()).isEqualTo(MockOptions.DEFAULT_CLIENT_ID);
            assertThat(properties.clientSecret()).isEqualTo(MockOptions.DEFAULT_CLIENT_SECRET);
        });
    }

    @Test
    void resilienceInstancesCarryTheConnectorSettingsAndShowInHealthAndMetrics() {
        runner.withPropertyValues(
                        "spring.profiles.active=local",
                        "permitwatch.national-platform.circuit-breaker.sliding-window-size=7",
                        "permitwatch.national-platform.detail-bulkhead.max-concurrent=3")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(NationalPlatformClient.class);
                    CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class)
                            .find(PlatformResilience.PLATFORM)
                            .orElseThrow();
                    assertThat(breaker.getCircuitBreakerConfig().getSlidingWindowSize())
                            .isEqualTo(7);
                    assertThat(context.getBean(io.github.resilience4j.bulkhead.BulkheadRegistry.class)
                                    .find(PlatformResilience.DETAIL)
                                    .orElseThrow()
                                    .getBulkheadConfig()
                                    .getMaxConcurrentCalls())
                            .isEqualTo(3);

                    Health health = context.getBean(CircuitBreakersHealthIndicator.class)
                            .health(true);
                    assertThat(health.getDetails()).containsKey(PlatformResilience.PLATFORM);
                    Health platform = (Health) health.getDetails().get(PlatformResilience.PLATFORM);
                    assertThat(platform.getDetails()).containsEntry("state", CircuitBreaker.State.CLOSED);

                    String scrape =
                            context.getBean(PrometheusMeterRegistry.class).scrape();
                    assertThat(scrape)
                            .contains("resilience4j_circuitbreaker_state{name=\"nationalPlatform\",state=\"closed\"} 1")
                            .contains(
                                    "resilience4j_retry_calls_total{kind=\"failed_with_retry\",name=\"nationalPlatformDetail\"}")
                            .contains("resilience4j_ratelimiter_available_permissions{name=\"nationalPlatform\"}")
                            .contains(
                                    "resilience4j_bulkhead_max_allowed_concurrent_calls{name=\"nationalPlatformDetail\"} 3")
                            .contains("permitwatch_platform_calls_total{kind=\"token\"} 0");
                });
    }
}
