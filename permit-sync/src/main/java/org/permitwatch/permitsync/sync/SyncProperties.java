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
 */
@ConfigurationProperties("permitwatch.sync")
public record SyncProperties(
        @DefaultValue("500") int pageSize,
        @DefaultValue("8") int detailConcurrency,
        @DefaultValue("10m") Duration watermarkOverlap,
        @DefaultValue("1s") Duration cursorOverlap,
        @DefaultValue("-") String scheduleCron,
        @DefaultValue("INCREMENTAL") SyncMode scheduleMode) {

    public SyncProperties {
        if (pageSize < 1 || pageSize > 500) {
            throw new IllegalArgumentException("permitwatch.sync.page-size must be 1..500, was " + pageSize);
        }
        if (detailConcurrency < 1) {
            throw new IllegalArgumentException("permitwatch.sync.detail-concurrency must be positive");
        }
    }
}
