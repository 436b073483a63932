package org.permitwatch.permitsync.sync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code permitwatch.sync.*}.
 *
 * @param pageSize           records per list call (the platform allows at most 500)
 * @param detailConcurrency  detail calls in flight at once per page (the connector's bulkhead bounds it too)
 * @param watermarkOverlap   an incremental run starts this much before the last successful watermark, so a
 *                           record committed late on the platform side with an earlier updatedAt is not missed
 * @param cursorOverlap      each page is listed from this much before the cursor's updatedAt and records at or
 *                           before the cursor are skipped: safe whether updatedSince is inclusive or exclusive
 * @param scheduleCron       cron of the scheduled run; "-" disables it
 * @param scheduleMode       mode of the scheduled run (INCREMENTAL falls back to FULL before the first success)
 * @param autoResume         when a run the platform paused is resumed without anyone asking
 * @param lease              who runs the active run when several replicas share the database
 * @param superviseInterval  how often every instance looks for a paused run that is due or a lease that expired
 * @param heapReturn         whether a large run's end gives its heap back to the operating system (ADR 0062)
 */
@ConfigurationProperties("permitwatch.sync")
public record SyncProperties(
        @DefaultValue("500") int pageSize,
        @DefaultValue("8") int detailConcurrency,
        @DefaultValue("10m") Duration watermarkOverlap,
        @DefaultValue("1s") Duration cursorOverlap,
        @DefaultValue("-") String scheduleCron,
        @DefaultValue("INCREMENTAL") SyncMode scheduleMode,
        @DefaultValue AutoResume autoResume,
        @DefaultValue Lease lease,
        @DefaultValue("5s") Duration superviseInterval,
        @DefaultValue HeapReturn heapReturn) {

    public SyncProperties {
        if (pageSize < 1 || pageSize > 500) {
            throw new IllegalArgumentException("permitwatch.sync.page-size must be 1..500, was " + pageSize);
        }
        if (detailConcurrency < 1) {
            throw new IllegalArgumentException("permitwatch.sync.detail-concurrency must be positive");
        }
        requirePositive(superviseInterval, "supervise-interval");
    }

    /**
     * Exponential back-off with jitter between automatic resumes of a paused run. Attempt n waits
     * {@code min(initialBackoff × multiplier^(n-1), maxBackoff)}, spread uniformly by ±{@code jitter} of itself so
     * replicas and neighbouring provinces do not come back to the platform in step. The attempts count since the run
     * last committed a page or was resumed by hand; after {@code maxAttempts} the run stays PAUSED until an operator
     * (or the schedule) resumes it. Keep {@code initialBackoff} above the connector's breaker wait-in-open, or the
     * first attempt meets the still open breaker and is spent for nothing.
     */
    public record AutoResume(
            @DefaultValue("8") int maxAttempts,
            @DefaultValue("1m") Duration initialBackoff,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("0.5") double jitter,
            @DefaultValue("30m") Duration maxBackoff) {

        public AutoResume {
            if (maxAttempts < 0 || maxAttempts > 100) {
                throw new IllegalArgumentException(
                        "permitwatch.sync.auto-resume.max-attempts must be 0..100, was " + maxAttempts);
            }
            requirePositive(initialBackoff, "auto-resume.initial-backoff");
            requirePositive(maxBackoff, "auto-resume.max-backoff");
            if (multiplier < 1.0) {
                throw new IllegalArgumentException("permitwatch.sync.auto-resume.multiplier must be >= 1");
            }
            if (jitter < 0 || jitter >= 1) {
                throw new IllegalArgumentException("permitwatch.sync.auto-resume.jitter must be 0 <= jitter < 1");
            }
        }
    }

    /**
     * The lease on the active run: the owner renews it every {@code heartbeat}; an instance may take the run over
     * once it has not been renewed for {@code ttl}. {@code instanceId} names this instance (blank = host name plus a
     * random suffix, so a restarted pod is a new owner).
     */
    public record Lease(
            @DefaultValue("30s") Duration ttl,
            @DefaultValue("10s") Duration heartbeat,
            @DefaultValue("") String instanceId) {

        public Lease {
            requirePositive(ttl, "lease.ttl");
            requirePositive(heartbeat, "lease.heartbeat");
            if (ttl != null && heartbeat != null && heartbeat.multipliedBy(2).compareTo(ttl) > 0) {
                // one late heartbeat must not cost the lease
                throw new IllegalArgumentException("permitwatch.sync.lease.heartbeat must be at most half the ttl");
            }
        }
    }

    /**
     * After a run that fetched at least {@code minFetched} permit details ends, one full collection gives the heap the
     * run grew back to the operating system (ADR 0062). Off by default: it pays where the heap is sized to shrink (the
     * local platform's serial collector with its free ratios, run.sh's {@code local} profile turns it on), not in a pod
     * whose initial heap is already half its limit.
     */
    public record HeapReturn(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("500") int minFetched) {

        public HeapReturn {
            if (minFetched < 0) {
                throw new IllegalArgumentException("permitwatch.sync.heap-return.min-fetched must be >= 0");
            }
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException("permitwatch.sync." + name + " must be positive");
        }
    }
}
