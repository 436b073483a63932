package org.permitwatch.inspection.remote;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import org.permitwatch.support.metrics.CachedGauge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Alerts waiting for a bureau's review, for Prometheus (issue 21, ADR 0043): remote-check and monitoring alerts alike
 * (both land in {@code remote_alert}). Counted every 30 s through {@code remote_alert_status_idx}, never per scrape.
 */
@Configuration(proxyBeanMethods = false)
class AlertMetrics {

    @Bean
    CachedGauge openAlertsGauge(MeterRegistry registry, DatabaseClient db) {
        return new CachedGauge(
                registry,
                "permitwatch.alerts.open",
                "Remote and monitoring alerts in status OPEN (not yet dismissed, tasked or cased)",
                Tags.empty(),
                Duration.ofSeconds(30),
                () -> db.sql("SELECT count(*) AS n FROM remote_alert WHERE status = 'OPEN'")
                        .map(row -> row.get("n", Long.class))
                        .one());
    }
}
