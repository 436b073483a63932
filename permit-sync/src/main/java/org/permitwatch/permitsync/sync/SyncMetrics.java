package org.permitwatch.permitsync.sync;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.permitwatch.support.metrics.CachedGauge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Sync lag for Prometheus (issue 21, ADR 0043), from {@code sync_run} (the truth shared by both replicas, unlike an
 * in-memory "last run" of one pod). Exported as the epoch second of the newest SUCCEEDED run; the lag is
 * {@code time() - permitwatch_sync_last_success_timestamp_seconds} in PromQL (k8s/components/observability), so the
 * gauge needs no clock and stays right between refreshes. sync_run has one row per run (a few a day): the max is cheap.
 */
@Configuration(proxyBeanMethods = false)
class SyncMetrics {

    private static final Duration REFRESH = Duration.ofSeconds(30);

    @Bean
    CachedGauge syncLastSuccessGauge(MeterRegistry registry, DatabaseClient db) {
        return new CachedGauge(
                registry,
                "permitwatch.sync.last.success.timestamp.seconds",
                "Epoch second at which the newest successful sync run (any mode) finished; NaN before the first",
                Tags.empty(),
                REFRESH,
                () -> db.sql("SELECT max(finished_at) AS finished FROM sync_run WHERE status = 'SUCCEEDED'")
                        .map(row -> {
                            OffsetDateTime finished = row.get("finished", OffsetDateTime.class);
                            return finished == null ? Double.NaN : (double) finished.toEpochSecond();
                        })
                        .one());
    }

    @Bean
    CachedGauge syncPausedRunsGauge(MeterRegistry registry, DatabaseClient db) {
        return new CachedGauge(
                registry,
                "permitwatch.sync.runs.paused",
                "Sync runs now PAUSED (waiting for their automatic resume, ADR 0036)",
                Tags.empty(),
                REFRESH,
                () -> db.sql("SELECT count(*) AS n FROM sync_run WHERE status = 'PAUSED'")
                        .map(row -> row.get("n", Long.class))
                        .one());
    }
}
