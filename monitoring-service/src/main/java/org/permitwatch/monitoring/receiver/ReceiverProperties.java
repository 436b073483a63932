package org.permitwatch.monitoring.receiver;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The HJ 212 TCP receiver; port 0 picks a free port (tests). {@code maxInFlight}: frames of one connection handed to
 * the broker before the first of them is confirmed (answers still go out in frame order); 1 is one at a time.
 */
@Validated
@ConfigurationProperties("permitwatch.monitoring.receiver")
public record ReceiverProperties(
        boolean enabled,
        @NotBlank String host,
        @Min(0) @Max(65535) int port,
        @NotNull Duration idleTimeout,
        @NotNull Duration publishTimeout,
        @NotNull Duration registryRefresh,
        @Min(1) @Max(1024) int maxInFlight) {}
