package org.permitwatch.monitoring.receiver;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code permitwatch.monitoring.receiver.burst-headroom.*}: old-generation headroom while a burst is received (ADR 0063).
 *
 * @param enabled         off: the JVM's heap-free ratios are never touched
 * @param framesPerSecond accepted frames per second from which the receiver counts as bursting (10,000 points send
 *                        ~500 a second in real time; a backfill after an outage sends as fast as it is answered)
 * @param minFree         {@code MinHeapFreeRatio} during a burst (never below the JVM's own); 40 and 70 are the JVM's
 *                        defaults, what a heap not sized for an idle budget would have
 * @param maxFree         {@code MaxHeapFreeRatio} during a burst (never below the JVM's own)
 * @param calmAfter       how long the rate must stay below {@code framesPerSecond} before the JVM's own ratios return
 */
@ConfigurationProperties("permitwatch.monitoring.receiver.burst-headroom")
public record BurstHeadroomProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("2000") int framesPerSecond,
        @DefaultValue("40") int minFree,
        @DefaultValue("70") int maxFree,
        @DefaultValue("30s") Duration calmAfter) {

    public BurstHeadroomProperties {
        if (framesPerSecond < 1) {
            throw new IllegalArgumentException("burst-headroom.frames-per-second must be positive");
        }
        if (minFree < 0 || maxFree > 100 || minFree > maxFree) {
            throw new IllegalArgumentException("burst-headroom: 0 <= min-free <= max-free <= 100");
        }
    }
}
