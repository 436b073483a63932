package org.permitwatch.permitsync.connector;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Connection, credentials and resilience settings for the national platform
 * ({@code permitwatch.national-platform.*}, see {@code national-platform.yml}). The Resilience4j
 * instances are built in code from these values, so tune them here rather than under
 * {@code resilience4j.*}.
 */
@Validated
@ConfigurationProperties("permitwatch.national-platform")
public record NationalPlatformProperties(
        @NotNull URI baseUrl,
        @NotBlank String clientId,
        @NotBlank String clientSecret,
        /* The two-digit province prefix the platform expects in list queries (Shanxi = 14). */
        @NotBlank @Pattern(regexp = "\\d{2}") String provinceCode,
        @NotNull @Valid @DefaultValue Timeouts timeouts,
        @NotNull @Valid @DefaultValue RateLimit rateLimit,
        @NotNull @Valid @DefaultValue RetryPolicy retry,
        @NotNull @Valid @DefaultValue Breaker circuitBreaker,
        @NotNull @Valid @DefaultValue DetailBulkhead detailBulkhead,
        /* Renew the token this long before the platform says it expires, so no call carries a dying token. */
        @NotNull @DefaultValue("60s") Duration tokenRefreshSkew,
        /* A 500-record page of Chinese text is ~400 KB: above WebClient's 256 KB default buffer. */
        @NotNull @DefaultValue("16MB") DataSize maxResponseSize) {

    public NationalPlatformProperties {
        if (baseUrl != null && !(baseUrl.isAbsolute() && baseUrl.getHost() != null)) {
            throw new IllegalArgumentException("base-url must be an absolute http(s) URL: '" + baseUrl + "'");
        }
        requirePositive(tokenRefreshSkew, "token-refresh-skew");
        if (maxResponseSize != null && maxResponseSize.toBytes() <= 0) {
            throw new IllegalArgumentException("max-response-size must be positive");
        }
    }

    /** Socket connect, time to response headers, and the whole attempt (token + call + one refresh). */
    public record Timeouts(
            @NotNull @DefaultValue("2s") Duration connect,
            @NotNull @DefaultValue("10s") Duration response,
            @NotNull @DefaultValue("30s") Duration call) {
        public Timeouts {
            requirePositive(connect, "timeouts.connect");
            requirePositive(response, "timeouts.response");
            requirePositive(call, "timeouts.call");
        }
    }

    /** The platform's quota, shared by every HTTP call including the token call. */
    public record RateLimit(
            @Min(1) @DefaultValue("20") int callsPerSecond,
            @NotNull @DefaultValue("5s") Duration maxWait) {
        public RateLimit {
            requireNonNegative(maxWait, "rate-limit.max-wait");
        }
    }

    /**
     * Exponential back-off with jitter ({@code jitter} = randomisation factor 0..1). A 429 waits at
     * least its {@code Retry-After}; one asking for more than {@code maxRetryAfter} is not retried.
     */
    public record RetryPolicy(
            @Min(1) @Max(20) @DefaultValue("4") int maxAttempts,
            @NotNull @DefaultValue("500ms") Duration initialBackoff,
            @DecimalMin("1.0") @DefaultValue("2.0") double multiplier,

            @DecimalMin("0.0") @DecimalMax("0.99") @DefaultValue("0.5")
            double jitter,

            @NotNull @DefaultValue("30s") Duration maxBackoff,
            @NotNull @DefaultValue("120s") Duration maxRetryAfter) {
        public RetryPolicy {
            requirePositive(initialBackoff, "retry.initial-backoff");
            requirePositive(maxBackoff, "retry.max-backoff");
            requireNonNegative(maxRetryAfter, "retry.max-retry-after");
        }
    }

    /** Count-based breaker over logical attempts (each retry attempt counts). */
    public record Breaker(
            @Min(1) @DefaultValue("20") int slidingWindowSize,
            @Min(1) @DefaultValue("10") int minimumCalls,

            @DecimalMin("1") @DecimalMax("100") @DefaultValue("50")
            float failureRateThreshold,

            @NotNull @DefaultValue("30s") Duration waitInOpen,
            @Min(2) @DefaultValue("9") int permittedCallsInHalfOpen) {
        public Breaker {
            requirePositive(waitInOpen, "circuit-breaker.wait-in-open");
        }
    }

    /**
     * Detail fetches allowed in flight at once. A call beyond it fails at once (a reactive bulkhead
     * must not block), so callers bound their own concurrency to {@code maxConcurrent}.
     */
    public record DetailBulkhead(@Min(1) @DefaultValue("8") int maxConcurrent) {}

    private static void requirePositive(Duration value, String name) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    private static void requireNonNegative(Duration value, String name) {
        if (value != null && value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }
}
