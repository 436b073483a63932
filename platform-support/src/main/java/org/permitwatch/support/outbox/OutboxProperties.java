package org.permitwatch.support.outbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code permitwatch.outbox.*}.
 *
 * @param enabled           the writer and relay; off for a service that never publishes
 * @param relayEnabled      the relay alone (e.g. off in a test that inspects rows before they are sent)
 * @param source            CloudEvents {@code ce_source}; defaults to {@code /permitwatch/<spring.application.name>}
 * @param pollInterval      how often the relay looks for rows when nobody wakes it up
 * @param batchSize         rows per relay transaction
 * @param sendTimeout       how long to wait for the broker's ack of one record
 * @param retention         published rows older than this are deleted
 * @param cleanupInterval   how often that deletion runs
 */
@Validated
@ConfigurationProperties("permitwatch.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("true") boolean relayEnabled,
        String source,
        @NotNull @DefaultValue("500ms") Duration pollInterval,
        @Min(1) @Max(10_000) @DefaultValue("100") int batchSize,
        @NotNull @DefaultValue("10s") Duration sendTimeout,
        @NotNull @DefaultValue("7d") Duration retention,
        @NotNull @DefaultValue("1h") Duration cleanupInterval) {

    /** The configured source, or the one derived from the application name. */
    public String sourceOr(String applicationName) {
        return source != null && !source.isBlank() ? source : "/permitwatch/" + applicationName;
    }
}
