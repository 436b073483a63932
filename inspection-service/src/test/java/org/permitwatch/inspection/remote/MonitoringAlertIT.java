package org.permitwatch.inspection.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.CloudEventHeaders;
import org.permitwatch.events.Topics;
import org.permitwatch.events.enforcement.AlertChanged;
import org.permitwatch.events.enforcement.EnforcementTopics;
import org.permitwatch.events.monitoring.MonitoringAlertChanged;
import org.permitwatch.events.monitoring.MonitoringAlertChanged.SeriesPoint;
import org.permitwatch.events.monitoring.MonitoringTopics;
import org.permitwatch.inspection.InspectionIntegrationTest;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 19, consumer side: monitoring-service's alerts, published here to the embedded broker as the producer would
 * (CloudEvents binary headers, keyed by alert id), become remote alerts of the unit's division — once, whatever the
 * redelivery, replay or order — are republished as AlertChanged, reviewed into a case that keeps a frozen copy of the
 * series, and exported for the case file.
 */
@InspectionIntegrationTest
class MonitoringAlertIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A Taiyuan (小店 140105) coking unit, as in the "done" scenario. */
    private static final String PERMIT = "91140105MA0MONI001001P";

    private static final String CITY = "140100";
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    /** 3 Nov 2026, 08:00 Beijing: fixed, so nothing depends on the wall clock's day. */
    private static final OffsetDateTime H08 = OffsetDateTime.of(2026, 11, 3, 8, 0, 0, 0, BEIJING);

    private static KafkaTemplate<String, String> producer;

    @Autowired
    DatabaseClient db;

    @Autowired
    JsonMapper json;

    @Autowired
    WebTestClient web;

    @BeforeAll
    static void producer(@Autowired EmbeddedKafkaBroker broker) {
        producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new StringSerializer()));
    }

    @AfterAll
    static void closeProducer() {
        producer.destroy();
    }

    /**
     * Hourly SO2 of outlet DA001 against the coking standard's 50 mg/m3 (GB 16171-2012), judged on the corrected value
     * where there is one: 08:00 45.1 ≤ 50 no; 09:00 58.4 > 50 yes; 10:00 61.5 (no correction) > 50 yes; 11:00 flagged
     * M (maintenance), invalid, not judged. So 2 exceeding hours, worst valid value 61.5.
     */
    private static List<SeriesPoint> series() {
        return List.of(
                new SeriesPoint(H08, "HOUR", 40.2, 45.1, "N", true),
                new SeriesPoint(H08.plusHours(1), "HOUR", 52.0, 58.4, "N", true),
                new SeriesPoint(H08.plusHours(2), "HOUR", 61.5, null, "N", true),
                new SeriesPoint(H08.plusHours(3), "HOUR", 70.0, 78.6, "M", false));
    }

    private static MonitoringAlertChanged alert(
            UUID id, String rule, String status, String county, List<SeriesPoint> series, OffsetDateTime changedAt) {
        return new MonitoringAlertChanged(
                id,
                rule,
                status,
                "MN1401050000001",
                PERMIT,
                "小店焦化测试厂",
                "140000",
                county.substring(0, 4) + "00",
                county,
                "COKING",
                "DA001",
                "a21026",
                H08.plusHours(1),
                status.equals("RESOLVED") ? H08.plusHours(5) : H08.plusHours(3),
                61.5,
                50.0,
                "mg/m3",
                "GB 16171-2012",
                "2026-11-01",
                Map.of("minHours", 1),
                series,
                changedAt);
    }

    @Test
    void anExceedanceOpensOnceIsRepublishedAndItsResolutionUpdatesTheSameAlert() {
        UUID id = UUID.randomUUID();
        MonitoringAlertChanged open = alert(id, "HOURLY_EXCEEDANCE", "OPEN", "140105", series(), H08.plusHours(4));
        String first = UUID.randomUUID().toString();
        send(id, json.writeValueAsString(open), first);
        send(id, json.writeValueAsString(open), first); // redelivery of the same event
        String replay = UUID.randomUUID().toString();
        send(id, json.writeValueAsString(open), replay); // the streams application replayed: same state, new event id
        await().atMost(WAIT).until(() -> processed(replay));

        Map<String, Object> row = row(id);
        assertThat(row)
                .containsEntry("source", "MONITORING")
                .containsEntry("status", "OPEN")
                .containsEntry("rule", "HOURLY_EXCEEDANCE")
                .containsEntry("violation_type", "EXCEEDING_LIMITS")
                .containsEntry("article", "34(1)")
                .containsEntry("county_code", "140105")
                .containsEntry("city_code", CITY)
                .containsEntry("worst_value", 61.5)
                .containsEntry("limit_value", 50.0);
        assertThat(published(id)).containsExactly("OPEN");
        assertThat(audits(id)).isEqualTo(1L); // the replay wrote nothing

        // the city sees it with its numbers; another city does not
        web.get()
                .uri("/api/v1/alerts?source=MONITORING&rule=HOURLY_EXCEEDANCE")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", CITY))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[?(@.id == '" + id + "')].monitoring.worstValue")
                .isEqualTo(61.5)
                .jsonPath("$.items[?(@.id == '" + id + "')].monitoring.limit")
                .isEqualTo(50.0)
                .jsonPath("$.items[?(@.id == '" + id + "')].violationLabel")
                .isEqualTo("超标排放")
                .jsonPath("$.items[?(@.id == '" + id + "')].evidence.series.length()")
                .isEqualTo(4);
        web.get()
                .uri("/api/v1/alerts/" + id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", "140200"))
                .exchange()
                .expectStatus()
                .isNotFound();

        String resolution = UUID.randomUUID().toString();
        send(
                id,
                json.writeValueAsString(
                        alert(id, "HOURLY_EXCEEDANCE", "RESOLVED", "140105", series(), H08.plusHours(6))),
                resolution);
        await().atMost(WAIT).until(() -> processed(resolution));
        row = row(id);
        assertThat(row).containsEntry("status", "RESOLVED").containsEntry("source_status", "RESOLVED");
        // resolved when the condition ended: the resolution's periodEnd, 13:00 Beijing = 05:00 UTC
        assertThat(((OffsetDateTime) row.get("resolved_at")).toInstant())
                .isEqualTo(H08.plusHours(5).toInstant());
        assertThat(published(id)).containsExactly("OPEN", "RESOLVED");
        AlertChanged resolved = lastPublished(id);
        assertThat(resolved.source()).isEqualTo("MONITORING");
        assertThat(resolved.pollutantCode()).isEqualTo("a21026");
        assertThat(resolved.raisedAt().toInstant()).isEqualTo(H08.plusHours(4).toInstant());
    }

    @Test
    void aResolutionBeforeItsOpeningIsHandledAndTheOpeningNeverReopensIt() {
        UUID id = UUID.randomUUID();
        String resolution = UUID.randomUUID().toString();
        send(
                id,
                json.writeValueAsString(alert(id, "DATA_MISSING", "RESOLVED", "140105", List.of(), H08.plusHours(6))),
                resolution);
        await().atMost(WAIT).until(() -> processed(resolution));
        String opening = UUID.randomUUID().toString();
        send(
                id,
                json.writeValueAsString(alert(id, "DATA_MISSING", "OPEN", "140105", List.of(), H08.plusHours(4))),
                opening);
        await().atMost(WAIT).until(() -> processed(opening));

        Map<String, Object> row = row(id);
        assertThat(row)
                .containsEntry("status", "RESOLVED")
                .containsEntry("violation_type", "FACILITY_NOT_RUNNING")
                .containsEntry("article", "36(4)");
        // raised when the opening says, not when the resolution arrived
        assertThat(((OffsetDateTime) row.get("raised_at")).toInstant())
                .isEqualTo(H08.plusHours(4).toInstant());
        assertThat(published(id)).containsExactly("RESOLVED");
    }

    @Test
    void theOtherRulesMapToTheirArticlesAndAnUnknownRuleIsKeptAsReceived() {
        UUID outlet = UUID.randomUUID();
        UUID future = UUID.randomUUID();
        String last = UUID.randomUUID().toString();
        send(
                outlet,
                json.writeValueAsString(alert(outlet, "UNKNOWN_OUTLET", "OPEN", "140105", List.of(), H08)),
                UUID.randomUUID().toString());
        send(future, json.writeValueAsString(alert(future, "ODOUR_INDEX", "OPEN", "140105", List.of(), H08)), last);
        await().atMost(WAIT).until(() -> processed(last));
        assertThat(row(outlet))
                .containsEntry("violation_type", "UNPERMITTED_OUTLET")
                .containsEntry("article", "36(1)");
        assertThat(row(future)).containsEntry("rule", "ODOUR_INDEX").containsEntry("violation_type", null);
        directoryUnit();
        String token = "Bearer " + TestJwts.token("CITY", CITY);
        web.get()
                .uri("/api/v1/alerts/" + future)
                .header(HttpHeaders.AUTHORIZATION, token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.rule")
                .isEqualTo("ODOUR_INDEX");
        review(future, Map.of("decision", "CASE", "facts", "x"), token)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(AlertReview.NO_VIOLATION_TYPE);
    }

    /** 12-month total forecast at 95 t against 100 t permitted: a warning, not yet a violation of 34(1). */
    @Test
    void aTonnageForecastCannotBecomeACaseBeforeTheAmountIsExceeded() {
        directoryUnit();
        UUID id = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        MonitoringAlertChanged forecast = new MonitoringAlertChanged(
                id,
                "ANNUAL_TONNAGE_AHEAD",
                "OPEN",
                "MN1401050000001",
                PERMIT,
                "小店焦化测试厂",
                "140000",
                CITY,
                "140105",
                "COKING",
                "DA001",
                "a21026",
                H08,
                H08,
                95.0,
                100.0,
                "t",
                null,
                "2026-11-01",
                Map.of(),
                List.of(),
                H08);
        send(id, json.writeValueAsString(forecast), eventId);
        await().atMost(WAIT).until(() -> processed(eventId));
        review(id, Map.of("decision", "CASE", "facts", "预计超过许可排放量"), "Bearer " + TestJwts.token("CITY", CITY))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(AlertReview.FORECAST);
        assertThat(row(id)).containsEntry("status", "OPEN");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCaseFromAnExceedanceKeepsAFrozenSeriesThatLaterMonitoringDataDoesNotChangeAndExportsIt() throws Exception {
        directoryUnit();
        UUID id = UUID.randomUUID();
        String opened = UUID.randomUUID().toString();
        send(
                id,
                json.writeValueAsString(alert(id, "HOURLY_EXCEEDANCE", "OPEN", "140105", series(), H08.plusHours(4))),
                opened);
        await().atMost(WAIT).until(() -> processed(opened));
        String token = "Bearer " + TestJwts.token("CITY", CITY);
        String facts = "2026年11月3日9时至10时，DA001排放口二氧化硫小时均值（折算）58.4、61.5 mg/m3，超过许可排放浓度50 mg/m3。";
        Map<String, Object> cased = review(id, Map.of("decision", "CASE", "facts", facts), token)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(cased).containsEntry("status", "CASED");
        String caseId = (String) cased.get("caseId");

        Map<String, Object> kase = db.sql("""
                        SELECT origin, violation_type, article, violation_at, evidence -> 0 ->> 'kind' AS kind,
                               jsonb_array_length(evidence -> 0 -> 'data' -> 'series') AS points
                        FROM enforcement_case WHERE id = CAST(:id AS uuid)""").bind("id", caseId).fetch().one().block();
        assertThat(kase)
                .containsEntry("origin", "ALERT")
                .containsEntry("violation_type", "EXCEEDING_LIMITS")
                .containsEntry("article", "34(1)")
                .containsEntry("kind", "MONITORING_DATA")
                .containsEntry("points", 4);
        // the violation happened when the episode began (09:00 Beijing), not when the case was opened
        assertThat(((OffsetDateTime) kase.get("violation_at")).toInstant())
                .isEqualTo(H08.plusHours(1).toInstant());

        Map<String, Object> frozen = frozen(caseId);
        String content = (String) frozen.get("content");
        assertThat(frozen.get("sha256")).isEqualTo(sha256(content));

        // monitoring later resolves the alert with a longer series: the alert follows, the case file does not
        List<SeriesPoint> longer = new ArrayList<>(series());
        longer.add(new SeriesPoint(H08.plusHours(4), "HOUR", 30.0, 33.0, "N", true));
        String resolution = UUID.randomUUID().toString();
        send(
                id,
                json.writeValueAsString(alert(id, "HOURLY_EXCEEDANCE", "RESOLVED", "140105", longer, H08.plusHours(6))),
                resolution);
        await().atMost(WAIT).until(() -> processed(resolution));
        Map<String, Object> row = row(id);
        assertThat(row).containsEntry("status", "CASED").containsEntry("source_status", "RESOLVED");
        assertThat(db.sql("SELECT jsonb_array_length(evidence -> 'series') FROM remote_alert WHERE id = :id")
                        .bind("id", id)
                        .map(r -> r.get(0, Integer.class))
                        .one()
                        .block())
                .isEqualTo(5);
        assertThat(frozen(caseId)).isEqualTo(frozen);
        assertThat(published(id)).containsExactly("OPEN", "CASED"); // a reviewed alert is not re-published RESOLVED
        assertThatThrownBy(() -> db.sql("UPDATE case_monitoring_evidence SET content = content || ' ' "
                                + "WHERE case_id = CAST(:id AS uuid)")
                        .bind("id", caseId)
                        .then()
                        .block())
                .hasMessageContaining("frozen");

        // JSON
        web.get()
                .uri("/api/v1/cases/" + caseId + "/monitoring-evidence")
                .header(HttpHeaders.AUTHORIZATION, token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.sha256")
                .isEqualTo(frozen.get("sha256"))
                .jsonPath("$.evidence.series.length()")
                .isEqualTo(4)
                .jsonPath("$.evidence.limit")
                .isEqualTo(50.0);

        // XLSX: header block, then the four hours with their validity and judgement
        var xlsx = web.get()
                .uri("/api/v1/cases/" + caseId + "/monitoring-evidence?format=xlsx")
                .header(HttpHeaders.AUTHORIZATION, token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .expectBody(byte[].class)
                .returnResult();
        String disposition = xlsx.getResponseHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);
        String caseNo = (String) db.sql("SELECT case_no FROM enforcement_case WHERE id = CAST(:id AS uuid)")
                .bind("id", caseId)
                .map(r -> r.get(0, String.class))
                .one()
                .block();
        assertThat(disposition)
                .contains(java.net.URLEncoder.encode(
                                "在线监测数据证据_" + caseNo + "_DA001_二氧化硫a21026.xlsx", StandardCharsets.UTF_8)
                        .replace("+", "%20"));
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getResponseBody()))) {
            Sheet sheet = wb.getSheetAt(0);
            DataFormatter f = new DataFormatter();
            assertThat(f.formatCellValue(sheet.getRow(0).getCell(0))).isEqualTo("在线监测数据证据表");
            assertThat(f.formatCellValue(sheet.getRow(1).getCell(2))).isEqualTo(caseNo);
            assertThat(f.formatCellValue(sheet.getRow(3).getCell(7))).isEqualTo("二氧化硫（a21026）");
            assertThat(f.formatCellValue(sheet.getRow(5).getCell(2))).isEqualTo("50 mg/m3");
            assertThat(f.formatCellValue(sheet.getRow(7).getCell(7))).isEqualTo(frozen.get("sha256"));
            assertThat(f.formatCellValue(sheet.getRow(8).getCell(9))).isEqualTo("是否超标");
            List<String> judged = new ArrayList<>();
            List<String> validity = new ArrayList<>();
            for (int r = 9; r <= 12; r++) {
                validity.add(f.formatCellValue(sheet.getRow(r).getCell(7)));
                judged.add(f.formatCellValue(sheet.getRow(r).getCell(9)));
            }
            // by hand (see series()): 45.1 no, 58.4 yes, 61.5 yes, the M-flagged hour invalid and not judged
            assertThat(validity).containsExactly("有效", "有效", "有效", "无效");
            assertThat(judged).containsExactly("否", "是", "是", "—");
            assertThat(f.formatCellValue(sheet.getRow(9).getCell(1))).isEqualTo("2026-11-03 08:00");
            assertThat(sheet.getRow(12).getCell(4).getNumericCellValue()).isEqualTo(78.6);
        }

        // CSV: BOM, CRLF, the same rows
        byte[] csv = web.get()
                .uri("/api/v1/cases/" + caseId + "/monitoring-evidence?format=csv")
                .header(HttpHeaders.AUTHORIZATION, token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF在线监测数据证据表\r\n");
        assertThat(text)
                .contains("序号,时段起（北京时间）,数据类型,监测值,折算值,单位,数据标记,有效性,排放限值,是否超标\r\n")
                .contains("2,2026-11-03 09:00,小时均值,52,58.4,mg/m3,N,有效,50,是\r\n")
                .contains("3,2026-11-03 10:00,小时均值,61.5,,mg/m3,N,有效,50,是\r\n")
                .contains("4,2026-11-03 11:00,小时均值,70,78.6,mg/m3,M,无效,50,—\r\n");

        // audited, scoped, validated
        assertThat(db.sql("SELECT count(*) FROM audit_log WHERE action = 'case.evidence.export' AND resource_id = :id")
                        .bind("id", caseId)
                        .map(r -> r.get(0, Long.class))
                        .one()
                        .block())
                .isEqualTo(3L);
        web.get()
                .uri("/api/v1/cases/" + caseId + "/monitoring-evidence?format=csv")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", "140200"))
                .exchange()
                .expectStatus()
                .isNotFound();
        web.get()
                .uri("/api/v1/cases/" + caseId + "/monitoring-evidence?format=csv")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("INSPECTOR", CITY))
                .exchange()
                .expectStatus()
                .isNotFound();
        web.get()
                .uri("/api/v1/cases/" + caseId + "/monitoring-evidence?format=pdf")
                .header(HttpHeaders.AUTHORIZATION, token)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("format");
    }

    @Test
    void unusableEventsGoToTheDeadLetterTopicAndStoreNothing(@Autowired EmbeddedKafkaBroker broker) {
        UUID notJson = UUID.randomUUID();
        UUID badCounty = UUID.randomUUID();
        UUID remoteRule = UUID.randomUUID();
        send(notJson, "{not json", UUID.randomUUID().toString());
        send(
                badCounty,
                json.writeValueAsString(alert(badCounty, "HOURLY_EXCEEDANCE", "OPEN", "14010X", series(), H08)),
                UUID.randomUUID().toString());
        send(
                remoteRule,
                json.writeValueAsString(alert(remoteRule, "CATEGORY_TOO_LOW", "OPEN", "140105", series(), H08)),
                UUID.randomUUID().toString());
        List<String> keys = List.of(notJson.toString(), badCounty.toString(), remoteRule.toString());
        var props = KafkaTestUtils.consumerProps(broker, "monitoring-dlt-reader", false);
        try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(
                        props, new StringDeserializer(), new StringDeserializer())
                .createConsumer()) {
            consumer.subscribe(List.of(Topics.dlt(MonitoringTopics.ALERTS)));
            List<ConsumerRecord<String, String>> dead = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                KafkaTestUtils.getRecords(consumer, Duration.ofMillis(500)).forEach(dead::add);
                return dead.stream().filter(r -> keys.contains(r.key())).count() == 3;
            });
        }
        for (String key : keys) {
            assertThat(row(UUID.fromString(key))).isNull();
        }
    }

    private WebTestClient.ResponseSpec review(UUID id, Map<String, Object> body, String token) {
        return web.post()
                .uri("/api/v1/alerts/" + id + "/review")
                .header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private void send(UUID key, String value, String eventId) {
        ProducerRecord<String, String> record = new ProducerRecord<>(MonitoringTopics.ALERTS, key.toString(), value);
        record.headers().add(CloudEventHeaders.SPEC_VERSION, bytes("1.0"));
        record.headers().add(CloudEventHeaders.ID, bytes(eventId));
        record.headers().add(CloudEventHeaders.TYPE, bytes(MonitoringAlertChanged.TYPE));
        record.headers().add(CloudEventHeaders.SOURCE, bytes("/permitwatch/monitoring-service"));
        record.headers().add(CloudEventHeaders.SUBJECT, bytes(key.toString()));
        record.headers().add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
        producer.send(record).join();
    }

    private void directoryUnit() {
        db.sql("""
                        INSERT INTO directory_unit (permit_number, unit_name, division_code, snapshot, source_event,
                                                    city_code, county_code, industry_code, key_industry, status, version)
                        VALUES (:p, '小店焦化测试厂', '140105', '{}'::jsonb, 'test', '140100', '140105', '2521', 'COKING',
                                'VALID', 1)
                        ON CONFLICT (permit_number) DO NOTHING""").bind("p", PERMIT).then().block();
    }

    private boolean processed(String eventId) {
        return db.sql("SELECT count(*) AS n FROM processed_event WHERE consumer = :c AND event_id = :e")
                        .bind("c", MonitoringAlerts.CONSUMER)
                        .bind("e", eventId)
                        .map(r -> r.get("n", Long.class))
                        .one()
                        .block()
                == 1L;
    }

    private Map<String, Object> row(UUID id) {
        return db.sql("SELECT * FROM remote_alert WHERE id = :id")
                .bind("id", id)
                .fetch()
                .one()
                .block();
    }

    private Map<String, Object> frozen(String caseId) {
        return db.sql(
                        "SELECT content, sha256, alert_id FROM case_monitoring_evidence WHERE case_id = CAST(:id AS uuid)")
                .bind("id", caseId)
                .fetch()
                .one()
                .block();
    }

    private List<String> published(UUID id) {
        return db.sql("SELECT payload ->> 'status' AS s FROM outbox_event WHERE topic = :t AND message_key = :k "
                        + "ORDER BY seq")
                .bind("t", EnforcementTopics.ALERTS)
                .bind("k", id.toString())
                .map(r -> r.get("s", String.class))
                .all()
                .collectList()
                .block();
    }

    private AlertChanged lastPublished(UUID id) {
        return db.sql("SELECT payload::text AS p FROM outbox_event WHERE topic = :t AND message_key = :k "
                        + "ORDER BY seq DESC LIMIT 1")
                .bind("t", EnforcementTopics.ALERTS)
                .bind("k", id.toString())
                .map(r -> json.readValue(r.get("p", String.class), AlertChanged.class))
                .one()
                .block();
    }

    private Long audits(UUID id) {
        return db.sql("SELECT count(*) FROM audit_log WHERE action = 'monitoring-alert.receive' AND resource_id = :id")
                .bind("id", id.toString())
                .map(r -> r.get(0, Long.class))
                .one()
                .block();
    }

    private static String sha256(String content) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
