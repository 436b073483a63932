package org.permitwatch.monitoring;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.permitwatch.events.CloudEventHeaders;
import org.permitwatch.events.Topics;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.events.monitoring.MonitoringAlertChanged;
import org.permitwatch.events.monitoring.MonitoringTopics;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/** Directory snapshots on the real changelog topic and points registered through the real API. */
public final class MonitoringTestData {

    private MonitoringTestData() {}

    public static DirectoryUnitSnapshot.Outlet outlet(String code, String type, String... pollutants) {
        return new DirectoryUnitSnapshot.Outlet(
                code,
                code + " 排放口",
                "废气",
                type,
                java.util.Arrays.stream(pollutants)
                        .map(p -> new DirectoryUnitSnapshot.PollutantLimit(
                                p, p, 100.0, 80.0, "mg/m3", List.of(), "GB 13223-2011"))
                        .toList());
    }

    public static DirectoryUnitSnapshot unit(
            String permitNo, String county, String category, String status, DirectoryUnitSnapshot.Outlet... outlets) {
        return new DirectoryUnitSnapshot(
                permitNo,
                "91140000000000000X",
                "单位 " + permitNo,
                "140000",
                county.substring(0, 4) + "00",
                county,
                "4411",
                "火力发电",
                "THERMAL_POWER",
                category,
                status,
                null,
                null,
                !"VALID".equals(status),
                "KEY",
                false,
                List.of(outlets),
                null,
                0,
                1,
                OffsetDateTime.parse("2026-01-01T00:00:00+08:00"),
                OffsetDateTime.parse("2026-01-01T00:00:00+08:00"));
    }

    /** The same snapshot carrying the permit's self-monitoring table (as permit-sync writes it since it carries it). */
    public static DirectoryUnitSnapshot withSelfMonitoring(
            DirectoryUnitSnapshot u, DirectoryUnitSnapshot.SelfMonitoring... rows) {
        return copy(u, u.outlets(), u.version(), List.of(rows), u.specialPeriods());
    }

    /** The same snapshot with these outlets. */
    public static DirectoryUnitSnapshot withOutlets(DirectoryUnitSnapshot u, DirectoryUnitSnapshot.Outlet... outlets) {
        return copy(u, List.of(outlets), u.version(), u.selfMonitoring(), u.specialPeriods());
    }

    /** The same snapshot as a later version (permit-sync publishes a changed permit with its version raised). */
    public static DirectoryUnitSnapshot withVersion(DirectoryUnitSnapshot u, long version) {
        return copy(u, u.outlets(), version, u.selfMonitoring(), u.specialPeriods());
    }

    /** The same snapshot with the permit's special periods (特殊时段, e.g. 重污染天气应对 and its reduced limits). */
    public static DirectoryUnitSnapshot withSpecialPeriods(
            DirectoryUnitSnapshot u, DirectoryUnitSnapshot.SpecialPeriod... periods) {
        return copy(u, u.outlets(), u.version(), u.selfMonitoring(), List.of(periods));
    }

    /** The one copy of a snapshot the test builders share: everything of {@code u} but the four parts named. */
    private static DirectoryUnitSnapshot copy(
            DirectoryUnitSnapshot u,
            List<DirectoryUnitSnapshot.Outlet> outlets,
            long version,
            List<DirectoryUnitSnapshot.SelfMonitoring> selfMonitoring,
            List<DirectoryUnitSnapshot.SpecialPeriod> specialPeriods) {
        return new DirectoryUnitSnapshot(
                u.permitNo(),
                u.uscc(),
                u.unitName(),
                u.provinceCode(),
                u.cityCode(),
                u.countyCode(),
                u.industryCode(),
                u.industryName(),
                u.keyIndustry(),
                u.managementCategory(),
                u.status(),
                u.validFrom(),
                u.validTo(),
                u.withoutPermit(),
                u.sourceType(),
                u.positiveList(),
                outlets,
                u.lastInspectedAt(),
                u.violationCount(),
                version,
                u.platformUpdatedAt(),
                u.changedAt(),
                selfMonitoring,
                specialPeriods);
    }

    /** The same unit in another industry (GB/T 4754 code and name, and the plan table's row). */
    public static DirectoryUnitSnapshot inIndustry(
            DirectoryUnitSnapshot u, String industryCode, String industryName, String keyIndustry) {
        return new DirectoryUnitSnapshot(
                u.permitNo(),
                u.uscc(),
                u.unitName(),
                u.provinceCode(),
                u.cityCode(),
                u.countyCode(),
                industryCode,
                industryName,
                keyIndustry,
                u.managementCategory(),
                u.status(),
                u.validFrom(),
                u.validTo(),
                u.withoutPermit(),
                u.sourceType(),
                u.positiveList(),
                u.outlets(),
                u.lastInspectedAt(),
                u.violationCount(),
                u.version(),
                u.platformUpdatedAt(),
                u.changedAt(),
                u.selfMonitoring(),
                u.specialPeriods());
    }

    /** A row of the 自行监测 table: automatic (自动) monitoring of the pollutant at the outlet. */
    public static DirectoryUnitSnapshot.SelfMonitoring automatic(String outlet, String pollutant) {
        return new DirectoryUnitSnapshot.SelfMonitoring(outlet, pollutant, "自动", "自动监测", true);
    }

    /** A row of the 自行监测 table: manual (手工) sampling. */
    public static DirectoryUnitSnapshot.SelfMonitoring manual(String outlet, String pollutant) {
        return new DirectoryUnitSnapshot.SelfMonitoring(outlet, pollutant, "手工", "1次/季度", false);
    }

    /** Publishes the snapshots as permit-sync does and waits until the projection holds them. */
    public static void publish(
            KafkaTemplate<String, String> kafka, JsonMapper json, DatabaseClient db, DirectoryUnitSnapshot... units) {
        for (DirectoryUnitSnapshot unit : units) {
            ProducerRecord<String, String> record =
                    new ProducerRecord<>(Topics.DIRECTORY_UNITS, unit.permitNo(), json.writeValueAsString(unit));
            record.headers().add(CloudEventHeaders.SPEC_VERSION, bytes("1.0"));
            record.headers().add(CloudEventHeaders.ID, bytes(UUID.randomUUID().toString()));
            record.headers().add(CloudEventHeaders.TYPE, bytes(DirectoryUnitSnapshot.TYPE));
            record.headers().add(CloudEventHeaders.SOURCE, bytes("/permitwatch/permit-sync"));
            record.headers().add(CloudEventHeaders.SUBJECT, bytes(unit.permitNo()));
            record.headers().add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
            kafka.send(record).join();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> db.sql("SELECT count(*) FROM directory_unit WHERE permit_no = ANY(:p)")
                                .bind(
                                        "p",
                                        java.util.Arrays.stream(units)
                                                .map(DirectoryUnitSnapshot::permitNo)
                                                .toArray(String[]::new))
                                .map(r -> r.get(0, Long.class))
                                .one()
                                .block()
                        == units.length);
    }

    /** Registers a point through the API as 太原 (140100) city staff; expects 201. */
    public static void register(
            WebTestClient web, String mn, String password, String permitNo, String outlet, String... pollutants) {
        registerAs(web, TestJwts.bearer("CITY", "140100"), mn, password, permitNo, outlet, pollutants);
    }

    /** Registers a point through the API with the caller's token (a permit outside 太原: province staff); 201. */
    public static void registerAs(
            WebTestClient web,
            String token,
            String mn,
            String password,
            String permitNo,
            String outlet,
            String... pollutants) {
        web.post()
                .uri("/api/v1/monitoring/points")
                .header("Authorization", token)
                .bodyValue(java.util.Map.of(
                        "mn", mn,
                        "password", password,
                        "permitNo", permitNo,
                        "outletCode", outlet,
                        "pollutants", List.of(pollutants)))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    public static long count(DatabaseClient db, String sql, String mn) {
        return db.sql(sql).bind("mn", mn).map(r -> r.get(0, Long.class)).one().block();
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The alerts on {@code monitoring.alert.events.v1} that {@code wanted} selects, as a consumer reading committed data
     * sees them (never an aborted write): read until the topic has been quiet for 2 s, ordered by the alert's own
     * (stream) time, as alerts of different ids sit on different partitions.
     */
    public static List<ConsumerRecord<String, String>> alertRecords(
            String bootstrap, JsonMapper json, Predicate<MonitoringAlertChanged> wanted) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "monitoring-it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(MonitoringTopics.ALERTS));
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < Duration.ofSeconds(2).toNanos()) {
                var polled = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, String> r : polled) {
                    if (wanted.test(json.readValue(r.value(), MonitoringAlertChanged.class))) {
                        out.add(r);
                    }
                }
                if (!polled.isEmpty()) {
                    quietSince = System.nanoTime();
                }
            }
        }
        out.sort(Comparator.comparingLong(ConsumerRecord::timestamp));
        return out;
    }

    /** The values of {@link #alertRecords}. */
    public static List<MonitoringAlertChanged> alerts(
            String bootstrap, JsonMapper json, Predicate<MonitoringAlertChanged> wanted) {
        return alertRecords(bootstrap, json, wanted).stream()
                .map(r -> json.readValue(r.value(), MonitoringAlertChanged.class))
                .toList();
    }
}
