package org.permitwatch.support.inbox;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code permitwatch.kafka.consumer.*}: retries of a failing record before it goes to {@code <topic>.dlt}.
 * Bounded on purpose: the partition waits while a record is retried, so retries must end.
 */
@Validated
@ConfigurationProperties("permitwatch.kafka.consumer")
public record ConsumerRetryProperties(
        @DefaultValue("true") boolean errorHandlerEnabled,
        @NotNull @DefaultValue("500ms") Duration initialInterval,
        @DecimalMin("1.0") @DefaultValue("2.0") double multiplier,
        @NotNull @DefaultValue("10s") Duration maxInterval,
        @Min(0) @Max(20) @DefaultValue("4") int maxRetries) {}
