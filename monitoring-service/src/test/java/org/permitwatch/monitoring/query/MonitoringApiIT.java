package org.permitwatch.monitoring.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.permitwatch.monitoring.Hj212Client;
import org.permitwatch.monitoring.MonitoringIntegrationTest;
import org.permitwatch.monitoring.MonitoringTestData;
import org.permitwatch.monitoring.receiver.Hj212Server;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Points, unmonitored outlets, series, latest values and coverage through the API, from data sent over TCP.
 *
 * <p>The directory (all permits in 太原 140100):
 *
 * <ul>
 *   <li>API-A, 小店 140105, KEY, VALID: DA001 主要排放口 (a21026, a21002), DA002 主要排放口, DA003 一般排放口
 *   <li>API-B, 迎泽 140106, KEY, VALID, 焦化 (COKING; every other unit is 火电, THERMAL_POWER): DA001 主要排放口
 *   <li>API-C, 小店 140105, SIMPLIFIED: DA001 主要排放口 (not required: 简化管理)
 * </ul>
 *
 * Points: APIP1 on A/DA001 (a21026, a21002), APIP2 on A/DA009 (the permit has no DA009), APIP3 on B/DA001 (a21026).
 * Day 2026-07-10 (Beijing): APIP1 sends 24 hourly values; a21026 flag N except hours 3 and 4 (M) → 22 valid, a21002 N
 * for hours 0–11 and F for 12–23 → 12 valid; plus one N value each at 2026-07-09 23:00 and 2026-07-11 00:00, outside
 * the day. APIP2 sends 5 N values (not on a required outlet: counts nowhere). APIP3 sends nothing.
 */
@MonitoringIntegrationTest
class MonitoringApiIT {

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @BeforeAll
    static void data(
            @Autowired KafkaTemplate<String, String> kafka,
            @Autowired JsonMapper json,
            @Autowired DatabaseClient db,
            @Autowired WebTestClient web,
            @Autowired Hj212Server server) {
        MonitoringTestData.publish(
                kafka,
                json,
                db,
                MonitoringTestData.unit(
                        "API-A",
                        "140105",
                        "KEY",
                        "VALID",
                        MonitoringTestData.outlet("DA001", "主要排放口", "a21026", "a21002"),
                        MonitoringTestData.outlet("DA002", "主要排放口", "a21026"),
                        MonitoringTestData.outlet("DA003", "一般排放口", "a34013")),
                MonitoringTestData.inIndustry(
                        MonitoringTestData.unit(
                                "API-B",
                                "140106",
                                "KEY",
                                "VALID",
                                MonitoringTestData.outlet("DA001", "主要排放口", "a21026")),
                        "2521",
                        "炼焦",
                        "COKING"),
                MonitoringTestData.unit(
                        "API-C",
                        "140105",
                        "SIMPLIFIED",
                        "VALID",
                        MonitoringTestData.outlet("DA001", "主要排放口", "a21026")),
                // 140107: permits whose snapshots carry their 自行监测 table (API-A … API-C above predate it).
                MonitoringTestData.withSelfMonitoring(
                        MonitoringTestData.unit(
                                "API-D",
                                "140107",
                                "KEY",
                                "VALID",
                                MonitoringTestData.outlet("DA001", "主要排放口", "a21026", "a21002", "a34013"),
                                MonitoringTestData.outlet("DA002", "一般排放口", "a21026"),
                                MonitoringTestData.outlet("DA003", "主要排放口", "a21026")),
                        MonitoringTestData.automatic("DA001", "a21026"),
                        MonitoringTestData.automatic("DA001", "a21002"),
                        MonitoringTestData.manual("DA001", "a34013"),
                        MonitoringTestData.automatic("DA002", "a21026"),
                        MonitoringTestData.manual("DA003", "a21026")),
                MonitoringTestData.withSelfMonitoring(
                        MonitoringTestData.unit(
                                "API-E",
                                "140107",
                                "SIMPLIFIED",
                                "VALID",
                                MonitoringTestData.outlet("DA001", "一般排放口", "a21026")),
                        MonitoringTestData.automatic("DA001", "a21026")),
                MonitoringTestData.withSelfMonitoring(
                        MonitoringTestData.unit(
                                "API-F",
                                "140107",
                                "KEY",
                                "REVOKED",
                                MonitoringTestData.outlet("DA001", "主要排放口", "a21026")),
                        MonitoringTestData.automatic("DA001", "a21026")),
                MonitoringTestData.withSelfMonitoring(MonitoringTestData.unit(
                        "API-G", "140107", "KEY", "VALID", MonitoringTestData.outlet("DA001", "主要排放口", "a21026"))));
        MonitoringTestData.register(web, "APIP1", "p1", "API-A", "DA001", "a21026", "a21002");
        MonitoringTestData.register(web, "APIP2", "p2", "API-A", "DA009", "a21026", "a99999");
        MonitoringTestData.register(web, "APIP3", "p3", "API-B", "DA001", "a21026");
        try (Hj212Client unit = new Hj212Client(server.port())) {
            int sent = 0;
            for (int h = 0; h < 24; h++) {
                String so2Flag = h == 3 || h == 4 ? "M" : "N";
                String noxFlag = h < 12 ? "N" : "F";
                unit.send(hourly("APIP1", "p1", String.format("20260710%02d0000", h), h, so2Flag, noxFlag));
                sent++;
            }
            unit.send(hourly("APIP1", "p1", "20260709230000", 1, "N", "N"));
            unit.send(hourly("APIP1", "p1", "20260711000000", 1, "N", "N"));
            sent += 2;
            for (int h = 0; h < 5; h++) {
                unit.send("QN=x" + h + ";ST=31;CN=2061;PW=p2;MN=APIP2;Flag=5;CP=&&DataTime="
                        + String.format("20260710%02d0000", h) + ";a21026-Avg=1,a21026-Flag=N&&");
                sent++;
            }
            // minute values of APIP1 for the series' minute resolution: 10:00 … 10:04
            for (int m = 0; m < 5; m++) {
                unit.send("QN=m" + m + ";ST=31;CN=2051;PW=p1;MN=APIP1;Flag=5;CP=&&DataTime="
                        + String.format("202607101%d0000", 0).substring(0, 10) + String.format("%02d00", m)
                        + ";a21026-Min=1,a21026-Avg=" + (m + 1) + ",a21026-Max=9,a21026-Flag=N&&");
                sent++;
            }
            for (int i = 0; i < sent; i++) {
                assertThat(unit.answer()).contains("CN=9014");
            }
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> db.sql("SELECT (SELECT count(*) FROM hourly_value WHERE mn IN ('APIP1','APIP2'))"
                                        + " + (SELECT count(*) FROM minute_value WHERE mn = 'APIP1')")
                                .map(r -> r.get(0, Long.class))
                                .one()
                                .block()
                        == 26 * 2 + 5 + 5);

        // API-D DA001 has two points: APIP4 (the unit being replaced: a21026 and the manual a34013, hours 0–11), then
        // APIP5 (the new one: a21026 hours 10–23, a21002 hours 0–23 with flag D at 05:00), stored after APIP4's.
        MonitoringTestData.register(web, "APIP4", "p4", "API-D", "DA001", "a21026", "a34013");
        MonitoringTestData.register(web, "APIP5", "p5", "API-D", "DA001", "a21026", "a21002");
        try (Hj212Client unit = new Hj212Client(server.port())) {
            for (int h = 0; h < 12; h++) {
                unit.send("QN=d4" + h + ";ST=31;CN=2061;PW=p4;MN=APIP4;Flag=5;CP=&&DataTime="
                        + String.format("20260710%02d0000", h) + ";a21026-Avg=" + h + ",a21026-Flag=N;a34013-Avg=1,"
                        + "a34013-Flag=N&&");
                assertThat(unit.answer()).contains("CN=9014");
            }
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> MonitoringTestData.count(db, "SELECT count(*) FROM hourly_value WHERE mn = :mn", "APIP4")
                        == 12 * 2);
        try (Hj212Client unit = new Hj212Client(server.port())) {
            for (int h = 0; h < 24; h++) {
                unit.send("QN=d5" + h + ";ST=31;CN=2061;PW=p5;MN=APIP5;Flag=5;CP=&&DataTime="
                        + String.format("20260710%02d0000", h) + ";a21002-Avg=" + (100 + h) + ",a21002-Flag="
                        + (h == 5 ? "D" : "N") + (h >= 10 ? ";a21026-Avg=" + (50 + h) + ",a21026-Flag=N" : "")
                        + "&&");
                assertThat(unit.answer()).contains("CN=9014");
            }
        }
        // APIP5: 24 a21002 + 14 a21026 (10–23) = 38.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> MonitoringTestData.count(db, "SELECT count(*) FROM hourly_value WHERE mn = :mn", "APIP5")
                        == 24 + 14);
    }

    static String hourly(String mn, String pw, String time, int value, String so2Flag, String noxFlag) {
        return "QN=" + mn + time + ";ST=31;CN=2061;PW=" + pw + ";MN=" + mn + ";Flag=5;CP=&&DataTime=" + time
                + ";a21026-Min=0,a21026-Avg=" + value + ",a21026-Max=50,a21026-Flag=" + so2Flag + ";a21002-Avg="
                + (value * 2) + ",a21002-Flag=" + noxFlag + "&&";
    }

    private WebTestClient.ResponseSpec post(String uri, String role, String division) {
        return web.post()
                .uri(uri)
                .header("Authorization", TestJwts.bearer(role, division))
                .exchange();
    }

    private WebTestClient.ResponseSpec get(String uri, String role, String division) {
        return web.get()
                .uri(uri)
                .header("Authorization", TestJwts.bearer(role, division))
                .exchange();
    }

    @Test
    @SuppressWarnings("unchecked")
    void coverageIsFiguredPerCountyAsByHand() {
        Map<String, Object> page = get("/api/v1/monitoring/coverage?day=2026-07-10", "CITY", "140100")
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        List<Map<String, Object>> rows = (List<Map<String, Object>>) page.get("items");
        assertThat(page.get("total")).isEqualTo(3);
        Map<String, Object> xiaodian = rows.get(0);
        assertThat(xiaodian.get("divisionCode")).isEqualTo("140105");
        // Required in 140105: API-A DA001 and DA002 (主要排放口, KEY, VALID); API-C is SIMPLIFIED, DA003 一般排放口.
        assertThat(xiaodian.get("requiredOutlets")).isEqualTo(2);
        // Online: DA001 (APIP1 sent hourly values that day); DA002 has no point. 联网率 = 1 / 2 = 0.5000.
        assertThat(xiaodian.get("onlineOutlets")).isEqualTo(1);
        assertThat(((Number) xiaodian.get("networkingRate")).doubleValue()).isEqualTo(0.5);
        // Expected: APIP1's 2 pollutants × 24 hours = 48; valid: a21026 24 − 2 (M at 3, 4) = 22, a21002 12 (N 0–11)
        // → 34; the 23:00 of the day before and 00:00 of the day after are outside. 传输有效率 = 34 / 48 = 0.70833 → 0.7083.
        assertThat(xiaodian.get("expectedValues")).isEqualTo(48);
        assertThat(xiaodian.get("validValues")).isEqualTo(34);
        assertThat(((Number) xiaodian.get("validTransmissionRate")).doubleValue())
                .isEqualTo(0.7083);
        Map<String, Object> yingze = rows.get(1);
        // 140106: API-B DA001 with APIP3, which sent nothing: 0 / 1 online, 0 of 24 × 1 expected values.
        assertThat(yingze.get("divisionCode")).isEqualTo("140106");
        assertThat(yingze.get("requiredOutlets")).isEqualTo(1);
        assertThat(yingze.get("onlineOutlets")).isEqualTo(0);
        assertThat(((Number) yingze.get("networkingRate")).doubleValue()).isEqualTo(0.0);
        assertThat(yingze.get("expectedValues")).isEqualTo(24);
        assertThat(yingze.get("validValues")).isEqualTo(0);

        // 140107, from the permits' own 自行监测 tables (method 自动, VALID permits, any category or outlet type):
        // required: API-D DA001 (a21026, a21002 自动; a34013 手工), API-D DA002 (一般排放口, a21026 自动),
        // API-E DA001 (简化管理, a21026 自动) = 3 outlets. Not required: API-D DA003 (主要排放口 but 手工 only),
        // API-F (REVOKED), API-G (主要排放口 of a KEY permit whose table lists nothing).
        Map<String, Object> xinghualing = rows.get(2);
        assertThat(xinghualing.get("divisionCode")).isEqualTo("140107");
        assertThat(xinghualing.get("requiredOutlets")).isEqualTo(3);
        // Online: API-D DA001 only (APIP4, APIP5). 联网率 = 1 / 3 = 0.33333 → 0.3333.
        assertThat(xinghualing.get("onlineOutlets")).isEqualTo(1);
        assertThat(((Number) xinghualing.get("networkingRate")).doubleValue()).isEqualTo(0.3333);
        // Expected: API-D DA001's 2 automatic pollutants × 24 hours = 48 (a34013 is manual: not counted, though
        // APIP4 registers and sends it; DA002 and API-E have no point: 0).
        // Valid: a21026 hours with flag N from either point: APIP4 0–11 ∪ APIP5 10–23 = 0–23 = 24 (10 and 11 once);
        // a21002 (APIP5): 24 − 1 (D at 05:00) = 23. 24 + 23 = 47. 传输有效率 = 47 / 48 = 0.979166… → 0.9792.
        assertThat(xinghualing.get("expectedValues")).isEqualTo(48);
        assertThat(xinghualing.get("validValues")).isEqualTo(47);
        assertThat(((Number) xinghualing.get("validTransmissionRate")).doubleValue())
                .isEqualTo(0.9792);

        // A county sees itself only.
        get("/api/v1/monitoring/coverage?day=2026-07-10", "COUNTY", "140106")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].divisionCode")
                .isEqualTo("140106");
    }

    @Test
    @SuppressWarnings("unchecked")
    void coverageIsFiguredPerCityAndPerIndustryAsByHand() {
        // The three counties above added up for 太原 140100: required 2 + 1 + 3 = 6 outlets, online 1 + 0 + 1 = 2
        // (联网率 2 / 6 = 0.33333 → 0.3333); expected 48 + 24 + 48 = 120, valid 34 + 0 + 47 = 81
        // (传输有效率 81 / 120 = 0.675 → 0.6750).
        get("/api/v1/monitoring/coverage?day=2026-07-10&by=city", "PROVINCE", "140000")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].divisionCode")
                .isEqualTo("140100")
                .jsonPath("$.items[0].requiredOutlets")
                .isEqualTo(6)
                .jsonPath("$.items[0].onlineOutlets")
                .isEqualTo(2)
                .jsonPath("$.items[0].networkingRate")
                .isEqualTo(0.3333)
                .jsonPath("$.items[0].expectedValues")
                .isEqualTo(120)
                .jsonPath("$.items[0].validValues")
                .isEqualTo(81)
                .jsonPath("$.items[0].validTransmissionRate")
                .isEqualTo(0.675)
                .jsonPath("$.items[0].keyIndustry")
                .doesNotExist();

        Map<String, Object> page = get("/api/v1/monitoring/coverage?day=2026-07-10&by=industry", "CITY", "140100")
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        List<Map<String, Object>> rows = (List<Map<String, Object>>) page.get("items");
        // The plan table's order: 火电 (THERMAL_POWER) before 焦化 (COKING).
        assertThat(rows).extracting(r -> r.get("keyIndustry")).containsExactly("THERMAL_POWER", "COKING");
        Map<String, Object> power = rows.get(0);
        // 火电: API-A (2 required, 1 online; 48 expected, 34 valid) + API-D/API-E (3, 1; 48, 47):
        // 联网率 2 / 5 = 0.4000; 传输有效率 81 / 96 = 0.84375 → 0.8438 (half up).
        assertThat(power.get("keyIndustryLabel")).isEqualTo("火电");
        assertThat(power.get("divisionCode")).isNull();
        assertThat(power.get("requiredOutlets")).isEqualTo(5);
        assertThat(power.get("onlineOutlets")).isEqualTo(2);
        assertThat(((Number) power.get("networkingRate")).doubleValue()).isEqualTo(0.4);
        assertThat(power.get("expectedValues")).isEqualTo(96);
        assertThat(power.get("validValues")).isEqualTo(81);
        assertThat(((Number) power.get("validTransmissionRate")).doubleValue()).isEqualTo(0.8438);
        // 焦化: API-B alone, whose point APIP3 sent nothing: 0 / 1, 0 of 24.
        Map<String, Object> coking = rows.get(1);
        assertThat(coking.get("keyIndustryLabel")).isEqualTo("焦化");
        assertThat(coking.get("requiredOutlets")).isEqualTo(1);
        assertThat(coking.get("onlineOutlets")).isEqualTo(0);
        assertThat(((Number) coking.get("networkingRate")).doubleValue()).isEqualTo(0.0);
        assertThat(coking.get("expectedValues")).isEqualTo(24);
        assertThat(coking.get("validValues")).isEqualTo(0);

        // A county sees its own industry rows only: 迎泽 140106 has API-B alone.
        get("/api/v1/monitoring/coverage?day=2026-07-10&by=industry", "COUNTY", "140106")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].keyIndustry")
                .isEqualTo("COKING");

        // Anything else is refused, naming the field.
        get("/api/v1/monitoring/coverage?day=2026-07-10&by=county;drop", "CITY", "140100")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("by");
    }

    @Test
    void aRebuildOfTheDirectoryProjectionRestoresWhatAnOlderVersionDidNotKeep() {
        // A row projected before V9 has no industry: it counts under OTHER until the projection is rebuilt.
        db.sql("UPDATE directory_unit SET industry_code = NULL, industry_name = NULL, key_industry = NULL "
                        + "WHERE permit_no = 'API-B'")
                .fetch()
                .rowsUpdated()
                .block();
        post("/api/v1/monitoring/directory/rebuild", "CITY", "140100")
                .expectStatus()
                .isForbidden();
        post("/api/v1/monitoring/directory/rebuild", "PROVINCE", "140000")
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("replaying");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .until(
                        () -> db.sql("SELECT key_industry FROM directory_unit WHERE permit_no = 'API-B'")
                                .map(r -> java.util.Optional.ofNullable(r.get(0, String.class)))
                                .one()
                                .block(),
                        v -> v.filter("COKING"::equals).isPresent());
        assertThat(db.sql("SELECT count(*) FROM audit_log WHERE action = 'monitoring.directory-projection.rebuild'")
                        .map(r -> r.get(0, Long.class))
                        .one()
                        .block())
                .isPositive();
    }

    @Test
    void aPointOnAnOutletThePermitLacksAndARequiredOutletWithoutPointAreVisible() {
        get("/api/v1/monitoring/points?outletOnPermit=false", "CITY", "140100")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].mn")
                .isEqualTo("APIP2")
                .jsonPath("$.items[0].outletOnPermit")
                .isEqualTo(false)
                .jsonPath("$.items[0].unpermittedPollutants.length()")
                .isEqualTo(2)
                .jsonPath("$.items[0].password")
                .doesNotExist();
        get("/api/v1/monitoring/points/APIP1", "CITY", "140100")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.outletOnPermit")
                .isEqualTo(true)
                .jsonPath("$.outletName")
                .isEqualTo("DA001 排放口")
                .jsonPath("$.unpermittedPollutants.length()")
                .isEqualTo(0);
        // Required without a point: API-A DA002 (API-B DA001 has APIP3; API-C is not required), and from the 自行监测
        // tables of 140107 API-D DA002 (一般排放口 with an automatic row) and API-E DA001 (简化管理) — not API-D DA003
        // (manual only), API-F (revoked) or API-G (its table lists nothing). Ordered by county, permit, outlet.
        get("/api/v1/monitoring/unmonitored-outlets", "CITY", "140100")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(3)
                .jsonPath("$.items[0].permitNo")
                .isEqualTo("API-A")
                .jsonPath("$.items[0].outletCode")
                .isEqualTo("DA002")
                .jsonPath("$.items[1].permitNo")
                .isEqualTo("API-D")
                .jsonPath("$.items[1].outletCode")
                .isEqualTo("DA002")
                .jsonPath("$.items[1].outletName")
                .isEqualTo("DA002 排放口")
                .jsonPath("$.items[2].permitNo")
                .isEqualTo("API-E")
                .jsonPath("$.items[2].outletCode")
                .isEqualTo("DA001");
        // Another county does not see 小店's point.
        get("/api/v1/monitoring/points/APIP1", "COUNTY", "140106")
                .expectStatus()
                .isNotFound();
    }

    @Test
    void registrationIsValidatedScopedAuditedAndUnique() {
        web.post()
                .uri("/api/v1/monitoring/points")
                .header("Authorization", TestJwts.bearer("CITY", "140100"))
                .bodyValue(Map.of(
                        "mn",
                        "bad mn!",
                        "password",
                        "a;b",
                        "permitNo",
                        "API-A",
                        "outletCode",
                        "DA001",
                        "pollutants",
                        List.of()))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'mn')]")
                .exists()
                .jsonPath("$.errors[?(@.field == 'password')]")
                .exists()
                .jsonPath("$.errors[?(@.field == 'pollutants')]")
                .exists();
        // A permit outside the caller's division (140106 caller, 140105 permit) is named as unknown.
        web.post()
                .uri("/api/v1/monitoring/points")
                .header("Authorization", TestJwts.bearer("CITY", "140200"))
                .bodyValue(Map.of(
                        "mn",
                        "APIP9",
                        "password",
                        "x",
                        "permitNo",
                        "API-A",
                        "outletCode",
                        "DA002",
                        "pollutants",
                        List.of("a21026")))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("permitNo");
        web.post()
                .uri("/api/v1/monitoring/points")
                .header("Authorization", TestJwts.bearer("INSPECTOR", "140105"))
                .bodyValue(Map.of(
                        "mn",
                        "APIP9",
                        "password",
                        "x",
                        "permitNo",
                        "API-A",
                        "outletCode",
                        "DA002",
                        "pollutants",
                        List.of("a21026")))
                .exchange()
                .expectStatus()
                .isForbidden();
        web.post()
                .uri("/api/v1/monitoring/points")
                .header("Authorization", TestJwts.bearer("CITY", "140100"))
                .bodyValue(Map.of(
                        "mn",
                        "APIP1",
                        "password",
                        "x",
                        "permitNo",
                        "API-A",
                        "outletCode",
                        "DA002",
                        "pollutants",
                        List.of("a21026")))
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        assertThat(db.sql("SELECT count(*) FROM monitoring_point WHERE mn = 'APIP9'")
                        .map(r -> r.get(0, Long.class))
                        .one()
                        .block())
                .isZero();
        // The three registrations of this class, each audited.
        assertThat(db.sql("SELECT count(*) FROM audit_log WHERE action = 'monitoring.point.registered'"
                                + " AND resource_id IN ('APIP1', 'APIP2', 'APIP3')")
                        .map(r -> r.get(0, Long.class))
                        .one()
                        .block())
                .isEqualTo(3);
    }

    @Test
    void seriesResolutionFollowsTheRange() {
        // One hour (10:00–11:00 Beijing = 02:00–03:00 UTC) → minute values: 10:00 … 10:04 with Avg 1 … 5.
        get(
                        "/api/v1/monitoring/series?permitNo=API-A&outletCode=DA001&pollutant=a21026"
                                + "&from=2026-07-10T02:00:00Z&to=2026-07-10T03:00:00Z",
                        "CITY",
                        "140100")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.resolution")
                .isEqualTo("MINUTE")
                .jsonPath("$.mn")
                .isEqualTo("APIP1")
                .jsonPath("$.points.length()")
                .isEqualTo(5)
                .jsonPath("$.points[4].avg")
                .isEqualTo(5);
        // Two days → hourly values: the day's 24 plus 23:00 before and 00:00 after = 26; hour 3 carries flag M.
        get(
                        "/api/v1/monitoring/series?permitNo=API-A&outletCode=DA001&pollutant=a21026"
                                + "&from=2026-07-09T04:00:00Z&to=2026-07-11T04:00:00Z",
                        "CITY",
                        "140100")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.resolution")
                .isEqualTo("HOURLY")
                .jsonPath("$.points.length()")
                .isEqualTo(26)
                .jsonPath("$.points[4].flag")
                .isEqualTo("M")
                .jsonPath("$.points[4].time")
                .isEqualTo("2026-07-10T03:00:00+08:00");
        get(
                        "/api/v1/monitoring/series?permitNo=API-A&outletCode=DA001&pollutant=a21026"
                                + "&from=2025-12-31T16:00:00Z&to=2026-12-30T16:00:00Z",
                        "CITY",
                        "140100")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.resolution")
                .isEqualTo("DAILY");
        get(
                        "/api/v1/monitoring/series?permitNo=API-A&outletCode=DA001&pollutant=a21026"
                                + "&from=2026-07-10T16:00:00Z&to=2026-07-09T16:00:00Z",
                        "CITY",
                        "140100")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("to");
    }

    @Test
    void anOutletWithTwoPointsServesTheNewestByDefaultAndTheNamedOneOnRequest() {
        String range = "/api/v1/monitoring/series?permitNo=API-D&outletCode=DA001&pollutant=a21026"
                + "&from=2026-07-09T16:00:00Z&to=2026-07-11T16:00:00Z";
        // Default: APIP5, whose data arrived after APIP4's; its a21026 hours 10–23 = 14 values, 10:00 with Avg 50 + 10.
        get(range, "CITY", "140100")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.mn")
                .isEqualTo("APIP5")
                .jsonPath("$.resolution")
                .isEqualTo("HOURLY")
                .jsonPath("$.points.length()")
                .isEqualTo(14)
                .jsonPath("$.points[0].avg")
                .isEqualTo(60)
                .jsonPath("$.points[0].time")
                .isEqualTo("2026-07-10T10:00:00+08:00");
        // Named: APIP4, hours 0–11 = 12 values, the last with Avg 11.
        get(range + "&mn=APIP4", "CITY", "140100")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.mn")
                .isEqualTo("APIP4")
                .jsonPath("$.points.length()")
                .isEqualTo(12)
                .jsonPath("$.points[11].avg")
                .isEqualTo(11);
        // An MN of another outlet (APIP1 is API-A DA001's) or of none: 400 naming mn, never another outlet's series.
        for (String other : List.of("APIP1", "NOSUCHMN")) {
            get(range + "&mn=" + other, "CITY", "140100")
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("mn");
        }
    }

    @Test
    void latestValuesOfAUnit() {
        // APIP1's newest hourly value is 2026-07-11 00:00 (Avg 1, a21002 Avg 2); the minute values of 10:0x are older.
        get("/api/v1/monitoring/units/API-A/latest", "CITY", "140100")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.mn == 'APIP1' && @.pollutant == 'a21002')].value")
                .isEqualTo(List.of(2))
                .jsonPath("$[?(@.mn == 'APIP1' && @.pollutant == 'a21026')].dataTime")
                .isEqualTo(List.of("2026-07-11T00:00:00+08:00"));
        get("/api/v1/monitoring/units/API-A/latest", "COUNTY", "140106")
                .expectStatus()
                .isNotFound();
    }
}
