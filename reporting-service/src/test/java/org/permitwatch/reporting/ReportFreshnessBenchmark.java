package org.permitwatch.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.Topics;
import org.permitwatch.events.enforcement.EnforcementTopics;
import org.permitwatch.events.inspection.InspectionSubmitted;
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.events.liaison.LiaisonTopics;
import org.permitwatch.testsupport.TestJwts;
import org.permitwatch.testsupport.TestPostgres;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not part of the normal run (neither *Test nor *IT). Measures (1) event published → visible in the summary, p50/p95
 * over {@code bench.events} inspections published one by one, and (2) the province-wide year summary as XLSX over
 * {@code bench.inspections} synthetic inspections inserted in bulk into the read model. Run:
 * {@code ./mvnw -B -ntp -o verify -pl reporting-service -Dtest=ReportFreshnessBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=none -Dfailsafe.failIfNoSpecifiedTests=false}
 * Results go to stdout and {@code target/benchmark-reporting.txt}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"eureka.client.enabled=false", "logging.structured.format.console=", "logging.level.root=WARN"})
@AutoConfigureWebTestClient(timeout = "120s")
@EmbeddedKafka(
        partitions = 1,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        topics = {
            Topics.DIRECTORY_UNITS,
            InspectionTopics.PLANS,
            InspectionTopics.DRAWS,
            InspectionTopics.TASKS,
            InspectionTopics.INSPECTIONS,
            InspectionTopics.FINDINGS,
            EnforcementTopics.CASES,
            EnforcementTopics.ALERTS,
            LiaisonTopics.SUBMISSIONS
        })
class ReportFreshnessBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 500);
    private static final int INSPECTIONS = Integer.getInteger("bench.inspections", 100_000);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "reporting_bench");
        TestJwts.register(registry);
    }

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    JsonMapper json;

    @Test
    void freshnessAndExport() throws IOException {
        List<String> out = new ArrayList<>();
        String token = TestJwts.token("CITY", "140100");
        try (EventPublisher events = new EventPublisher(broker, json)) {
            // Warm-up: the consumer has joined its group and the first query is compiled.
            publish(events, OffsetDateTime.parse("2027-03-01T10:00:00+08:00"));
            waitForCount(token, 1, 60_000);

            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                long start = System.nanoTime();
                publish(events, OffsetDateTime.parse("2027-03-01T10:00:00+08:00"));
                waitForCount(token, i + 2, 30_000);
                latencies.add((System.nanoTime() - start) / 1_000_000);
            }
            Collections.sort(latencies);
            out.add("freshness over " + EVENTS
                    + " InspectionSubmitted events (publish+ack → visible in GET /summary): p50 "
                    + pct(latencies, 50) + " ms, p95 " + pct(latencies, 95) + " ms, max "
                    + latencies.get(latencies.size() - 1) + " ms");
            System.out.println(out.get(0));
        }

        long t0 = System.nanoTime();
        bulkInsert();
        out.add("bulk insert of " + INSPECTIONS + " inspections (+ findings, penalties, rectifications): "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
        String province = TestJwts.token("PROVINCE", "140000");
        for (int run = 1; run <= 3; run++) {
            long s = System.nanoTime();
            byte[] xlsx = web.get()
                    .uri("/api/v1/reports/summary?from=2026-01-01&to=2026-12-31&format=xlsx")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + province)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(byte[].class)
                    .returnResult()
                    .getResponseBody();
            long xlsxMs = (System.nanoTime() - s) / 1_000_000;
            s = System.nanoTime();
            Map<?, ?> table = json.readValue(
                    web.get()
                            .uri("/api/v1/reports/summary?from=2026-01-01&to=2026-12-31")
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + province)
                            .exchange()
                            .expectStatus()
                            .isOk()
                            .expectBody(String.class)
                            .returnResult()
                            .getResponseBody(),
                    Map.class);
            long jsonMs = (System.nanoTime() - s) / 1_000_000;
            assertThat(((Map<?, ?>) table.get("total")).get("inspections")).isEqualTo(INSPECTIONS);
            out.add("run " + run + ": province year summary XLSX " + xlsxMs + " ms (" + xlsx.length + " bytes), JSON "
                    + jsonMs + " ms");
        }
        out.forEach(System.out::println);
        Files.write(Path.of("target", "benchmark-reporting.txt"), out);
    }

    private void publish(EventPublisher events, OffsetDateTime at) {
        UUID id = UUID.randomUUID();
        events.send(
                InspectionTopics.INSPECTIONS,
                id.toString(),
                InspectionSubmitted.TYPE,
                new InspectionSubmitted(
                        id,
                        1,
                        null,
                        null,
                        "P" + id,
                        "基准单位",
                        "140000",
                        "140100",
                        "140105",
                        "COKING",
                        UUID.randomUUID(),
                        at,
                        at,
                        "bench",
                        10,
                        0,
                        0,
                        0,
                        0,
                        List.of()));
    }

    private void waitForCount(String token, int expected, long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            Map<?, ?> table = json.readValue(
                    web.get()
                            .uri("/api/v1/reports/summary?from=2027-03-01&to=2027-03-01&division=140105")
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                            .exchange()
                            .expectBody(String.class)
                            .returnResult()
                            .getResponseBody(),
                    Map.class);
            Object n = ((Map<?, ?>) table.get("total")).get("inspections");
            if (((Number) n).intValue() >= expected) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("summary did not reach " + expected + " inspections, has " + n);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** A year of synthetic facts spread over every Shanxi county and industry, generated inside PostgreSQL. */
    private void bulkInsert() {
        String counties =
                "ARRAY['140105','140106','140107','140108','140109','140110','140121','140181','140212','140213',"
                        + "'140302','140311','140403','140404','140502','140525','140602','140681','140702','140781','140802',"
                        + "'140881','140902','140981','141002','141081','141102','141181']";
        String industries =
                "ARRAY['PAPER','STEEL','THERMAL_POWER','COKING','CEMENT','SEWAGE_TREATMENT','WATER_REUSE','OTHER']";
        String types = "ARRAY['UNPERMITTED_DISCHARGE','UNPERMITTED_OUTLET','EXCEEDING_LIMITS','FACILITY_NOT_RUNNING',"
                + "'FUGITIVE_EMISSION','REDUCTION_NOT_IMPLEMENTED','SELF_MONITORING_FALSIFIED','LEDGER_INCOMPLETE',"
                + "'EXECUTION_REPORT_IRREGULAR','DISCLOSURE_NOT_IMPLEMENTED']";
        db.sql("""
                INSERT INTO rm_inspection (record_id, version, task_id, permit_number, unit_name, city_code, county_code,
                    key_industry, inspected_at, submitted_at, compliant, non_compliant, not_applicable, not_checked, exceedances)
                SELECT gen_random_uuid(), 1, NULL, 'B' || g, '单位' || g, substr(c, 1, 4) || '00', c, ind,
                       timestamptz '2026-01-01 08:00+08' + (g %% 365) * interval '1 day', now(), 9, 1, 0, 0, 0
                FROM generate_series(1, %d) g,
                     LATERAL (SELECT (%s)[1 + g %% 28] AS c, (%s)[1 + g %% 8] AS ind) x
                """.formatted(INSPECTIONS, counties, industries)).then().block();
        db.sql("""
                INSERT INTO rm_finding (finding_id, status, status_rank, record_id, record_version, permit_number, unit_name,
                    city_code, county_code, key_industry, item_no, violation_type, article, inspected_at, recorded_at)
                SELECT gen_random_uuid(), CASE WHEN n %% 7 = 0 THEN 'SUPERSEDED' ELSE 'ACTIVE' END,
                       CASE WHEN n %% 7 = 0 THEN 1 ELSE 0 END, i.record_id, 1, i.permit_number, i.unit_name, i.city_code,
                       i.county_code, i.key_industry, 1 + n %% 10, (%s)[1 + n %% 10], '34', i.inspected_at, i.inspected_at
                FROM (SELECT *, row_number() OVER () AS n FROM rm_inspection) i WHERE n %% 3 = 0
                """.formatted(types)).then().block();
        db.sql("""
                INSERT INTO rm_penalty (decision_id, case_id, kind, amount_yuan, decided_at, permit_number, city_code,
                    county_code, key_industry, violation_type)
                SELECT gen_random_uuid(), gen_random_uuid(), 'FINE', 20000 + (n % 50) * 1000.5, i.inspected_at + interval '5 days',
                       i.permit_number, i.city_code, i.county_code, i.key_industry, 'EXCEEDING_LIMITS'
                FROM (SELECT *, row_number() OVER () AS n FROM rm_inspection) i WHERE n % 10 = 0
                """).then().block();
        db.sql("""
                INSERT INTO rm_rectification (rectification_id, case_id, permit_number, city_code, county_code, key_industry,
                    violation_type, ordered_on, deadline, overdue_at, completed_at)
                SELECT gen_random_uuid(), gen_random_uuid(), i.permit_number, i.city_code, i.county_code, i.key_industry,
                       'EXCEEDING_LIMITS', (i.inspected_at + interval '5 days')::date, (i.inspected_at + interval '12 days')::date,
                       CASE WHEN n % 40 = 0 THEN i.inspected_at + interval '13 days' END,
                       CASE WHEN n % 40 <> 0 THEN i.inspected_at + interval '10 days' END
                FROM (SELECT *, row_number() OVER () AS n FROM rm_inspection) i WHERE n % 10 = 0
                """).then().block();
        db.sql("ANALYZE").then().block();
    }

    private static long pct(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
