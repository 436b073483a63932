package org.permitwatch.inspection.rectification;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import org.permitwatch.support.metrics.CachedGauge;
import org.permitwatch.support.time.BureauClock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Rectification deadlines for Prometheus (issue 21, ADR 0043): open orders (ORDERED, IN_PROGRESS) whose deadline is
 * within the next {@value #DUE_WITHIN_DAYS} days of the bureau's today, and those already past it that the daily
 * {@link OverdueJob} has not escalated yet (non-zero for long = the job is not running). Both counts are served by
 * the partial index {@code rectification_open_deadline_idx}; "today" is the bureau's, re-read at every refresh.
 */
@Configuration(proxyBeanMethods = false)
class RectificationMetrics {

    static final int DUE_WITHIN_DAYS = 3;
    private static final Duration REFRESH = Duration.ofSeconds(60);

    @Bean
    CachedGauge rectificationDueGauge(MeterRegistry registry, DatabaseClient db, BureauClock clock) {
        return new CachedGauge(
                registry,
                "permitwatch.rectification.deadlines.due",
                "Open rectification orders whose deadline is today or within the next " + DUE_WITHIN_DAYS + " days",
                Tags.empty(),
                REFRESH,
                () -> db.sql("SELECT count(*) AS n FROM rectification WHERE status IN ('ORDERED', 'IN_PROGRESS')"
                                + " AND deadline >= :today AND deadline <= :until")
                        .bind("today", clock.today())
                        .bind("until", clock.today().plusDays(DUE_WITHIN_DAYS))
                        .map(row -> row.get("n", Long.class))
                        .one());
    }

    @Bean
    CachedGauge rectificationOverdueGauge(MeterRegistry registry, DatabaseClient db, BureauClock clock) {
        return new CachedGauge(
                registry,
                "permitwatch.rectification.deadlines.overdue",
                "Open rectification orders past their deadline and not yet escalated by the overdue job",
                Tags.empty(),
                REFRESH,
                () -> db.sql("SELECT count(*) AS n FROM rectification WHERE status IN ('ORDERED', 'IN_PROGRESS')"
                                + " AND deadline < :today")
                        .bind("today", clock.today())
                        .map(row -> row.get("n", Long.class))
                        .one());
    }
}
