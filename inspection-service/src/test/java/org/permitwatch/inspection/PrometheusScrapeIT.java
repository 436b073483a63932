package org.permitwatch.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.permitwatch.support.jobs.JobRunner;
import org.permitwatch.support.metrics.CachedGauge;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * What Prometheus scrapes from inspection-service (issue 21, ADR 0043): the business gauges with figures counted by
 * hand, and every metric that k8s/components/observability/exposed-metrics.txt lists for this service, so the
 * dashboards and alert rules (checked against that list by k8s-policy) name meters that exist.
 */
@InspectionIntegrationTest
class PrometheusScrapeIT {

    @Autowired
    PrometheusMeterRegistry prometheus;

    @Autowired
    DatabaseClient db;

    @Autowired
    Map<String, CachedGauge> gauges;

    @Autowired
    WebTestClient web;

    @Autowired
    JobRunner jobs;

    @Test
    void openAlertsAreCountedAndEveryListedMetricIsScraped() throws IOException {
        // Two OPEN alerts (different units: one OPEN alert per unit and rule) and one DISMISSED: open = 2.
        alert("91140105MA0TEST001", "OPEN");
        alert("91140105MA0TEST002", "OPEN");
        alert("91140105MA0TEST003", "DISMISSED");
        gauges.values().forEach(gauge -> gauge.refresh().block());
        // Timers appear with their first use: one request (refused, 401, still timed) and one job run.
        web.get().uri("/api/v1/alerts").exchange().expectStatus().isUnauthorized();
        jobs.run("scrape-test", Mono.just(1));

        String scrape = prometheus.scrape();

        assertThat(scrape).containsPattern("(?m)^permitwatch_alerts_open\\{application=\"inspection-service\"} 2\\.0$");
        // No rectification rows in this class's database: nothing due, nothing overdue.
        assertThat(scrape)
                .containsPattern("(?m)^permitwatch_rectification_deadlines_due\\{[^}]*} 0\\.0$")
                .containsPattern("(?m)^permitwatch_rectification_deadlines_overdue\\{[^}]*} 0\\.0$");
        Set<String> scraped = scrape.lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]")[0])
                .collect(Collectors.toSet());
        assertThat(scraped).containsAll(listedFor("inspection-service"));
    }

    private void alert(String permit, String status) {
        db.sql("""
                        INSERT INTO remote_alert (id, rule, rule_version, permit_number, unit_name, province_code,
                               city_code, county_code, violation_type, article, condition_key, evidence, status,
                               raised_at)
                        VALUES (:id, 'CATEGORY_TOO_LOW', 'v1', :permit, '测试单位', '140000', '140100', '140105',
                                'UNPERMITTED_DISCHARGE', '第三十三条', :permit, '{}'::jsonb, :status, now())""")
                .bind("id", UUID.randomUUID())
                .bind("permit", permit)
                .bind("status", status)
                .then()
                .block();
    }

    private static List<String> listedFor(String service) throws IOException {
        Path list = Path.of("..", "k8s", "components", "observability", "exposed-metrics.txt");
        return Files.readAllLines(list).stream()
                .map(String::strip)
                .filter(line -> line.startsWith(service + " "))
                .map(line -> line.split("\\s+")[1])
                .toList();
    }
}
