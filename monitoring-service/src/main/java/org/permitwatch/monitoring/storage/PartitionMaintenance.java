package org.permitwatch.monitoring.storage;

import java.time.YearMonth;
import org.permitwatch.support.jobs.JobRunner;
import org.permitwatch.support.time.BureauClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Daily (and at start-up): the current month and {@code months-ahead} months after it get their partitions before any
 * value of them arrives; partitions older than each table's retention are dropped. Retention counts whole months: with
 * 13 months of minute values, on any day of December 2026 the oldest kept partition is December 2025.
 */
@Component
class PartitionMaintenance {

    private static final Logger log = LoggerFactory.getLogger(PartitionMaintenance.class);

    private final Partitions partitions;
    private final StorageProperties properties;
    private final BureauClock clock;
    private final JobRunner jobs;

    PartitionMaintenance(Partitions partitions, StorageProperties properties, BureauClock clock, JobRunner jobs) {
        this.partitions = partitions;
        this.properties = properties;
        this.clock = clock;
        this.jobs = jobs;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartUp() {
        runJob();
    }

    @Scheduled(cron = "${permitwatch.monitoring.storage.partition-cron}", zone = "${permitwatch.zone:Asia/Shanghai}")
    void runJob() {
        jobs.run("monitoring-partitions", maintain());
    }

    /** Creates the partitions ahead and drops the expired ones; emits how many were dropped. */
    Mono<Long> maintain() {
        YearMonth now = clock.thisMonth();
        return Flux.fromIterable(Partitions.TABLES)
                .concatMap(table -> Flux.range(0, properties.monthsAhead() + 1)
                        .concatMap(ahead -> partitions.ensure(table, now.plusMonths(ahead)))
                        .thenMany(partitions.months(table))
                        .filter(month -> expired(table, month, now))
                        .concatMap(month -> partitions
                                .drop(table, month)
                                .doOnSuccess(v -> log.info(
                                        "dropped partition {} (retention {} months)",
                                        Partitions.name(table, month),
                                        properties.retentionMonths(table)))
                                .thenReturn(1L)))
                .count();
    }

    /** Whether a month lies before the retention window of the table, counted back from {@code now}. */
    boolean expired(String table, YearMonth month, YearMonth now) {
        return month.isBefore(now.minusMonths(properties.retentionMonths(table) - 1L));
    }
}
