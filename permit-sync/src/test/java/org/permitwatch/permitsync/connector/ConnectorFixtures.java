package org.permitwatch.permitsync.connector;

import java.net.URI;
import java.time.Duration;
import org.permitwatch.mock.NationalPlatformMock;
import org.springframework.util.unit.DataSize;

/** Client settings for tests: real timeouts and back-offs, scaled down so faults resolve in milliseconds. */
final class ConnectorFixtures {

    private ConnectorFixtures() {}

    static NationalPlatformProperties properties(NationalPlatformMock mock) {
        return properties(mock, lenientBreaker(), 8, 4);
    }

    static NationalPlatformProperties properties(
            NationalPlatformMock mock,
            NationalPlatformProperties.Breaker breaker,
            int maxConcurrentDetails,
            int maxAttempts) {
        return new NationalPlatformProperties(
                URI.create(mock.baseUrl()),
                mock.clientId(),
                mock.clientSecret(),
                "14",
                new NationalPlatformProperties.Timeouts(
                        Duration.ofSeconds(1), Duration.ofMillis(1500), Duration.ofSeconds(10)),
                new NationalPlatformProperties.RateLimit(1000, Duration.ofSeconds(2)),
                new NationalPlatformProperties.RetryPolicy(
                        maxAttempts, Duration.ofMillis(10), 2.0, 0.5, Duration.ofMillis(100), Duration.ofSeconds(5)),
                breaker,
                new NationalPlatformProperties.DetailBulkhead(maxConcurrentDetails),
                Duration.ofSeconds(60),
                DataSize.ofMegabytes(16));
    }

    /** A breaker that does not open within one test's handful of failures. */
    static NationalPlatformProperties.Breaker lenientBreaker() {
        return new NationalPlatformProperties.Breaker(100, 100, 50, Duration.ofMinutes(1), 9);
    }
}
