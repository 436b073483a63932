package org.permitwatch.inspection.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.CloudEventHeaders;
import org.permitwatch.events.Topics;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.inspection.InspectionIntegrationTest;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/** Snapshots produced to a real (embedded KRaft) broker land in directory_unit: once, newest wins, replayable. */
@InspectionIntegrationTest
class DirectoryProjectionIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ROW_QUERY = """
            SELECT permit_number, unit_name, division_code, snapshot::text AS snapshot, source_event, uscc, city_code,
                   county_code, industry_code, key_industry, management_category, status, without_permit, source_type,
                   positive_list, version, changed_at, last_inspected_at
              FROM directory_unit ORDER BY permit_number""";

    @Autowired
    DatabaseClient db;

    @Autowired
    JsonMapper json;

    @Autowired
    WebTestClient web;

    @Autowired
    DirectoryListener listener;

    private static KafkaTemplate<String, String> producer;

    @BeforeAll
    static void producer(@Autowired EmbeddedKafkaBroker broker) {
        var props = KafkaTestUtils.producerProps(broker);
        producer = new KafkaTemplate<>(
                new DefaultKafkaProducerFactory<>(props, new StringSerializer(), new StringSerializer()));
    }

    @AfterAll
    static void closeProducer() {
        producer.destroy();
    }

    static DirectoryUnitSnapshot unit(
            String permitNo, String county, String keyIndustry, long version, String name, OffsetDateTime changedAt) {
        var limit = new DirectoryUnitSnapshot.PollutantLimit(
                "a21026", "二氧化硫", 50.0, null, "mg/m3", List.of(120.5), "GB 16171-2012");
        var outlet = new DirectoryUnitSnapshot.Outlet("DA001", "焦炉烟囱", "废气", "主要排放口", List.of(limit));
        return new DirectoryUnitSnapshot(
                permitNo,
                permitNo.substring(0, 18),
                name,
                "140000",
                county.substring(0, 4) + "00",
                county,
                "2521",
                "炼焦",
                keyIndustry,
                "KEY",
                "VALID",
                null,
                null,
                false,
                "KEY",
                false,
                List.of(outlet),
                null,
                0,
                version,
                changedAt,
                changedAt);
    }

    private String send(DirectoryUnitSnapshot unit, String eventId) {
        return send(unit.permitNo(), json.writeValueAsString(unit), eventId, DirectoryUnitSnapshot.TYPE);
    }

    private String send(String key, String value, String eventId, String type) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.DIRECTORY_UNITS, key, value);
        record.headers().add(CloudEventHeaders.SPEC_VERSION, bytes("1.0"));
        if (eventId != null) {
            record.headers().add(CloudEventHeaders.ID, bytes(eventId));
        }
        record.headers().add(CloudEventHeaders.TYPE, bytes(type));
        record.headers().add(CloudEventHeaders.SOURCE, bytes("/permitwatch/permit-sync"));
        record.headers().add(CloudEventHeaders.SUBJECT, bytes(key));
        record.headers().add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
        producer.send(record).join();
        return eventId;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, Object> row(String permitNo) {
        return db.sql("SELECT * FROM directory_unit WHERE permit_number = :p")
                .bind("p", permitNo)
                .fetch()
                .one()
                .block();
    }

    private List<Map<String, Object>> allRows() {
        return db.sql(ROW_QUERY).fetch().all().collectList().block();
    }

    private long processed() {
        return db.sql("SELECT count(*) AS n FROM processed_event WHERE consumer = :c")
                .bind("c", DirectoryProjection.CONSUMER)
                .map(r -> r.get("n", Long.class))
                .one()
                .block();
    }

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 6, 1, 8, 0, 0, 0, ZoneOffset.ofHours(8));

    @Test
    void snapshotsLandOnceNewestWinsAndAReplayRebuildsIdenticalRows() {
        String a = "91140100MA0K8UXX1A001P";
        String b = "91140105MA0K8UXX2B001P";
        String c = "91140202MA0K8UXX3C001Q";
        send(unit(a, "140105", "COKING", 3, "太原焦化甲", T0), UUID.randomUUID().toString());
        send(
                unit(b, "140105", "THERMAL_POWER", 1, "太原电厂乙", T0),
                UUID.randomUUID().toString());
        String cEvent = send(
                unit(c, "140202", "CEMENT", 7, "大同水泥丙", T0), UUID.randomUUID().toString());
        await().atMost(WAIT).until(() -> allRows().size() == 3);

        Map<String, Object> rowA = row(a);
        assertThat(rowA)
                .containsEntry("division_code", "140105")
                .containsEntry("city_code", "140100")
                .containsEntry("county_code", "140105")
                .containsEntry("key_industry", "COKING")
                .containsEntry("management_category", "KEY")
                .containsEntry("status", "VALID")
                .containsEntry("source_type", "KEY")
                .containsEntry("without_permit", false)
                .containsEntry("positive_list", false)
                .containsEntry("version", 3L)
                .containsEntry("uscc", a.substring(0, 18))
                .containsEntry("industry_code", "2521");
        // The full snapshot with the permit limits is kept for the exceedance checks of inspection records.
        String limit = db.sql("SELECT snapshot->'outlets'->0->'pollutants'->0->>'hourlyLimit' AS l FROM directory_unit "
                        + "WHERE permit_number = :p")
                .bind("p", a)
                .map(r -> r.get("l", String.class))
                .one()
                .block();
        assertThat(limit).isEqualTo("50.0");

        // A redelivery (same ce_id) with different content is ignored: the event was processed.
        send(unit(c, "140202", "CEMENT", 8, "大同水泥丙（重发）", T0), cEvent);
        // An older platform version under a new event id does not overwrite the newer row.
        send(
                unit(a, "140105", "COKING", 2, "太原焦化甲（旧）", T0.plusDays(1)),
                UUID.randomUUID().toString());
        // Same version, later changedAt (permit-sync re-derived fields): applied.
        DirectoryUnitSnapshot reclassified = unit(b, "140105", "THERMAL_POWER", 1, "太原电厂乙", T0.plusHours(2));
        send(
                new DirectoryUnitSnapshot(
                        b,
                        reclassified.uscc(),
                        reclassified.unitName(),
                        "140000",
                        "140100",
                        "140105",
                        "4411",
                        "火力发电",
                        "THERMAL_POWER",
                        "KEY",
                        "VALID",
                        null,
                        null,
                        false,
                        "SPECIAL",
                        false,
                        reclassified.outlets(),
                        null,
                        3,
                        1,
                        T0,
                        T0.plusHours(2)),
                UUID.randomUUID().toString());
        await().atMost(WAIT).until(() -> processed() == 5);
        // processed() counts new event ids: 3 + the older A + the reclassified B; the redelivered C added no marker.
        await().atMost(WAIT).until(() -> "SPECIAL".equals(row(b).get("source_type")));

        assertThat(row(a)).containsEntry("unit_name", "太原焦化甲").containsEntry("version", 3L);
        assertThat(row(c)).containsEntry("unit_name", "大同水泥丙").containsEntry("version", 7L);

        // last_inspected_at belongs to this service and survives a rebuild.
        db.sql("UPDATE directory_unit SET last_inspected_at = :t WHERE permit_number = :p")
                .bind("t", T0.plusDays(3))
                .bind("p", c)
                .then()
                .block();
        List<Map<String, Object>> before = allRows();

        String provinceToken = TestJwts.token("PROVINCE", "140000");
        web.post()
                .uri("/api/v1/directory-projection/rebuild")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", "140100"))
                .exchange()
                .expectStatus()
                .isForbidden();
        web.post()
                .uri("/api/v1/directory-projection/rebuild")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + provinceToken)
                .exchange()
                .expectStatus()
                .isAccepted();
        // All 7 records are replayed (processed markers were cleared): 5 distinct ids are marked again.
        await().atMost(WAIT)
                .until(() -> processed() == 5
                        && db.sql("SELECT count(*) AS n FROM directory_unit WHERE version IS NULL")
                                        .map(r -> r.get("n", Long.class))
                                        .one()
                                        .block()
                                == 0);
        assertThat(allRows()).isEqualTo(before);
        assertThat(db.sql("SELECT count(*) AS n FROM audit_log WHERE action = 'directory-projection.rebuild'")
                        .map(r -> r.get("n", Long.class))
                        .one()
                        .block())
                .isEqualTo(1L);
    }

    @Test
    void unusableRecordsGoToTheDeadLetterTopicAndChangeNothing(@Autowired EmbeddedKafkaBroker broker) {
        String key = "91141000MA0K8UXX9Z001P";
        send(key, "{not json", UUID.randomUUID().toString(), DirectoryUnitSnapshot.TYPE);
        send(
                key,
                json.writeValueAsString(unit(key, "141002", "STEEL", 1, "临汾钢铁", T0)),
                null,
                DirectoryUnitSnapshot.TYPE);
        send(
                key,
                json.writeValueAsString(unit(key, "001234", "STEEL", 1, "临汾钢铁", T0)),
                UUID.randomUUID().toString(),
                DirectoryUnitSnapshot.TYPE);

        var props = KafkaTestUtils.consumerProps(broker, "dlt-reader", false);
        try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(
                        props, new StringDeserializer(), new StringDeserializer())
                .createConsumer()) {
            consumer.subscribe(List.of(Topics.dlt(Topics.DIRECTORY_UNITS)));
            List<ConsumerRecord<String, String>> dead = new java.util.ArrayList<>();
            await().atMost(WAIT).until(() -> {
                KafkaTestUtils.getRecords(consumer, Duration.ofMillis(500)).forEach(dead::add);
                return dead.stream().filter(r -> key.equals(r.key())).count() == 3;
            });
        }
        assertThat(row(key)).isNull();
    }
}
