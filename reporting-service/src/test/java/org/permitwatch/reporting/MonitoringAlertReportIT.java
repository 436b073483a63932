package org.permitwatch.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.permitwatch.reporting.ReportingItSupport.awaitApplied;
import static org.permitwatch.reporting.ReportingItSupport.getJson;
import static org.permitwatch.reporting.ReportingItSupport.list;
import static org.permitwatch.reporting.ReportingItSupport.map;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.permitwatch.events.enforcement.AlertChanged;
import org.permitwatch.events.enforcement.CaseOpened;
import org.permitwatch.events.enforcement.CaseRef;
import org.permitwatch.events.enforcement.EnforcementTopics;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 19, reporting: monitoring alerts (AlertChanged with source MONITORING, as inspection-service republishes them)
 * per region and industry with their handling times, and the case opened from one counted in 附件1 as non-site
 * supervision like any remote case. Events published to a real broker; every figure computed by hand below.
 *
 * <pre>
 * June 2027, times in Beijing:
 * A1 小店 140105 焦化 HOURLY_EXCEEDANCE raised 6-02 10:00, CASED     6-02 14:30 →  4.5 h (case C1 opened 6-02 14:30)
 * A2 小店 140105 焦化 DAILY_EXCEEDANCE  raised 6-05 00:00, TASKED    6-06 00:00 → 24.0 h
 * A3 小店 140105 焦化 DATA_MISSING      raised 6-10 08:00, OPEN
 * A4 迎泽 140106 钢铁 HOURLY_EXCEEDANCE raised 6-12 09:00, DISMISSED 6-12 10:00 →  1.0 h (its OPEN arrives last: older)
 * A5 迎泽 140106 钢铁 CONSTANT_VALUE    raised 6-20 08:00, RESOLVED by monitoring 6-21, never reviewed
 * A6 小店 140105 焦化 HOURLY_EXCEEDANCE raised 7-01 00:30 (= 6-30 16:30 UTC): July, outside
 * A7 云冈 140214 水泥 HOURLY_EXCEEDANCE raised 6-03 08:00, CASED     6-03 10:00 →  2.0 h
 * R1 小店 140105 焦化 remote check (no source: published before issue 19) raised 6-03: not a monitoring alert
 * </pre>
 */
@ReportingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringAlertReportIT {

    static final String TAIYUAN = "140100";
    static final String XIAODIAN = "140105";
    static final String YINGZE = "140106";
    static final String YUNGANG = "140214";
    static final String P1 = "91140100MA0MON0001001P";

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    JsonMapper json;

    EventPublisher events;

    static OffsetDateTime at(String local) {
        return OffsetDateTime.parse(local + "+08:00");
    }

    @BeforeAll
    void publish() {
        events = new EventPublisher(broker, json);
        UUID c1 = UUID.randomUUID();
        UUID a1 = UUID.randomUUID();
        alert(a1, "HOURLY_EXCEEDANCE", "CASED", XIAODIAN, "COKING", "2027-06-02T10:00:00", "2027-06-02T14:30:00", c1);
        events.send(
                EnforcementTopics.CASES,
                c1.toString(),
                CaseOpened.TYPE,
                new CaseOpened(
                        new CaseRef(
                                c1,
                                "140100-2027-0001",
                                1,
                                P1,
                                "小店焦化",
                                "140000",
                                TAIYUAN,
                                XIAODIAN,
                                "COKING",
                                "EXCEEDING_LIMITS",
                                "34(1)"),
                        "ALERT",
                        null,
                        a1,
                        null,
                        null,
                        "someone",
                        at("2027-06-02T14:30:00")));
        alert(
                UUID.randomUUID(),
                "DAILY_EXCEEDANCE",
                "TASKED",
                XIAODIAN,
                "COKING",
                "2027-06-05T00:00:00",
                "2027-06-06T00:00:00",
                null);
        alert(
                UUID.randomUUID(),
                "DATA_MISSING",
                "OPEN",
                XIAODIAN,
                "COKING",
                "2027-06-10T08:00:00",
                "2027-06-10T08:00:00",
                null);
        UUID a4 = UUID.randomUUID();
        alert(
                a4,
                "HOURLY_EXCEEDANCE",
                "DISMISSED",
                YINGZE,
                "STEEL",
                "2027-06-12T09:00:00",
                "2027-06-12T10:00:00",
                null);
        alert(a4, "HOURLY_EXCEEDANCE", "OPEN", YINGZE, "STEEL", "2027-06-12T09:00:00", "2027-06-12T09:00:00", null);
        alert(
                UUID.randomUUID(),
                "CONSTANT_VALUE",
                "RESOLVED",
                YINGZE,
                "STEEL",
                "2027-06-20T08:00:00",
                "2027-06-21T08:00:00",
                null);
        alert(
                UUID.randomUUID(),
                "HOURLY_EXCEEDANCE",
                "OPEN",
                XIAODIAN,
                "COKING",
                "2027-07-01T00:30:00",
                "2027-07-01T00:30:00",
                null);
        alert(
                UUID.randomUUID(),
                "HOURLY_EXCEEDANCE",
                "CASED",
                YUNGANG,
                "CEMENT",
                "2027-06-03T08:00:00",
                "2027-06-03T10:00:00",
                UUID.randomUUID());
        UUID r1 = UUID.randomUUID();
        events.send(
                EnforcementTopics.ALERTS,
                r1.toString(),
                AlertChanged.TYPE,
                new AlertChanged(
                        r1,
                        "CATEGORY_TOO_LOW",
                        "OPEN",
                        P1,
                        "小店焦化",
                        "140000",
                        TAIYUAN,
                        XIAODIAN,
                        "COKING",
                        "UNPERMITTED_DISCHARGE",
                        null,
                        null,
                        at("2027-06-03T08:00:00"),
                        at("2027-06-03T08:00:00"),
                        null,
                        null));
        awaitApplied(db, events.sent());
    }

    @AfterAll
    void close() {
        events.close();
    }

    private void alert(
            UUID id,
            String rule,
            String status,
            String county,
            String industry,
            String raised,
            String changed,
            UUID caseId) {
        events.send(
                EnforcementTopics.ALERTS,
                id.toString(),
                AlertChanged.TYPE,
                new AlertChanged(
                        id,
                        rule,
                        status,
                        P1,
                        "单位",
                        "140000",
                        county.substring(0, 4) + "00",
                        county,
                        industry,
                        "EXCEEDING_LIMITS",
                        null,
                        caseId,
                        at(raised),
                        at(changed),
                        AlertChanged.MONITORING,
                        "a21026"));
    }

    @Test
    void theProvinceSeesEveryCityWithExceedancesAndHandlingTimesComputedByHand() {
        Map<String, Object> report = getJson(
                web,
                json,
                "/api/v1/reports/monitoring-alerts?from=2027-06-01&to=2027-06-30",
                TestJwts.token("PROVINCE", "140000"));
        List<Map<String, Object>> rows = list(report.get("rows"));
        // 11 cities; 太原 has two industry rows, so 12 rows
        assertThat(rows).hasSize(12);
        assertThat(rows.get(0)).containsEntry("regionName", "太原市").containsEntry("industry", "COKING");
        // 太原 焦化: A1, A2, A3 (A6 is July) = 3; exceedances A1, A2 = 2; reviewed A1 (cased), A2 (tasked) = 2; open A3;
        // handling (4.5 + 24.0) / 2 = 14.25 → 14.3 (HALF_UP); max 24.0
        assertRow(rows.get(0), 3, 2, 2, 1, 1, 0, 1, 0, "14.3", "24.0");
        // 太原 钢铁: A4, A5 = 2; exceedance A4 = 1; A4 dismissed after 1.0 h (its older OPEN did not undo that); A5
        // resolved by monitoring, unreviewed
        assertThat(rows.get(1)).containsEntry("industry", "STEEL");
        assertRow(rows.get(1), 2, 1, 1, 0, 0, 1, 0, 1, "1.0", "1.0");
        // 大同 水泥: A7, cased after 2.0 h
        assertThat(rows.get(2)).containsEntry("regionName", "大同市").containsEntry("industry", "CEMENT");
        assertRow(rows.get(2), 1, 1, 1, 0, 1, 0, 0, 0, "2.0", "2.0");
        // 阳泉: nothing — a row of zeros
        assertThat(rows.get(3)).containsEntry("regionName", "阳泉市").containsEntry("industryLabel", "—");
        assertRow(rows.get(3), 0, 0, 0, 0, 0, 0, 0, 0, null, null);
        // 合计: 3 + 2 + 1 = 6 alerts; 2 + 1 + 1 = 4 exceedances; 2 + 1 + 1 = 4 reviewed (1 tasked, 2 cased,
        // 1 dismissed); 1 open; 1 resolved unreviewed; (4.5 + 24 + 1 + 2) / 4 = 7.875 → 7.9 h; max 24.0
        assertRow(map(report.get("total")), 6, 4, 4, 1, 2, 1, 1, 1, "7.9", "24.0");
    }

    @Test
    void aCitySeesItsCountiesOnlyAndAnotherCityOrAnInspectorNothing() {
        Map<String, Object> report = getJson(
                web,
                json,
                "/api/v1/reports/monitoring-alerts?from=2027-06-01&to=2027-06-30",
                TestJwts.token("CITY", TAIYUAN));
        List<Map<String, Object>> rows = list(report.get("rows"));
        assertThat(rows)
                .filteredOn(r -> r.get("industry") != null)
                .extracting(r -> r.get("regionName") + "/" + r.get("industryLabel"))
                .containsExactly("小店区/焦化", "迎泽区/钢铁");
        // 合计 of 太原: 3 + 2 = 5 alerts; 2 + 1 = 3 exceedances; 3 reviewed; (4.5 + 24 + 1) / 3 = 9.833… → 9.8 h
        assertRow(map(report.get("total")), 5, 3, 3, 1, 1, 1, 1, 1, "9.8", "24.0");

        web.get()
                .uri("/api/v1/reports/monitoring-alerts?from=2027-06-01&to=2027-06-30&division=" + TAIYUAN)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", "140200"))
                .exchange()
                .expectStatus()
                .isForbidden();
        web.get()
                .uri("/api/v1/reports/monitoring-alerts?from=2027-06-01&to=2027-06-30")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("INSPECTOR", TAIYUAN))
                .exchange()
                .expectStatus()
                .isForbidden();
        web.get()
                .uri("/api/v1/reports/monitoring-alerts?from=2027-06-30&to=2027-06-01")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", TAIYUAN))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("to");
    }

    /** The case from monitoring alert A1 is a violation found by non-site supervision: 超标排放 1 in 小店's 焦化 row. */
    @Test
    void theCaseFromAMonitoringAlertCountsInAnnex1LikeEveryRemoteCase() {
        Map<String, Object> table = getJson(
                web, json, "/api/v1/reports/summary?from=2027-06-01&to=2027-06-30", TestJwts.token("CITY", TAIYUAN));
        Map<String, Object> xiaodian = list(table.get("rows")).stream()
                .filter(r -> "小店区".equals(r.get("region")))
                .findFirst()
                .orElseThrow();
        assertThat(xiaodian).containsEntry("industryLabel", "焦化").containsEntry("violationTotal", 1);
        assertThat(map(xiaodian.get("violations"))).containsEntry("EXCEEDING_LIMITS", 1);
        // the alerts themselves are not violations: only the case is (A2 became a task, its finding would count)
        assertThat(map(table.get("total"))).containsEntry("violationTotal", 1);
    }

    private static void assertRow(
            Map<String, Object> row,
            int alerts,
            int exceedances,
            int reviewed,
            int tasked,
            int cased,
            int dismissed,
            int open,
            int resolvedUnreviewed,
            String average,
            String max) {
        assertThat(row)
                .containsEntry("alerts", alerts)
                .containsEntry("exceedances", exceedances)
                .containsEntry("reviewed", reviewed)
                .containsEntry("tasked", tasked)
                .containsEntry("cased", cased)
                .containsEntry("dismissed", dismissed)
                .containsEntry("open", open)
                .containsEntry("resolvedUnreviewed", resolvedUnreviewed);
        if (average == null) {
            assertThat(row.get("averageHandlingHours")).isNull();
            assertThat(row.get("maxHandlingHours")).isNull();
        } else {
            assertThat(new BigDecimal(String.valueOf(row.get("averageHandlingHours"))))
                    .isEqualByComparingTo(average);
            assertThat(new BigDecimal(String.valueOf(row.get("maxHandlingHours"))))
                    .isEqualByComparingTo(max);
        }
    }
}
