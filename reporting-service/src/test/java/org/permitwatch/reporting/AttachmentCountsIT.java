package org.permitwatch.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.permitwatch.reporting.ReportingItSupport.awaitApplied;
import static org.permitwatch.reporting.ReportingItSupport.getJson;
import static org.permitwatch.reporting.ReportingItSupport.list;
import static org.permitwatch.reporting.ReportingItSupport.map;
import static org.permitwatch.reporting.ReportingItSupport.rowText;
import static org.permitwatch.reporting.ReportingItSupport.text;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.permitwatch.events.enforcement.AlertChanged;
import org.permitwatch.events.enforcement.CaseOpened;
import org.permitwatch.events.enforcement.CaseRef;
import org.permitwatch.events.enforcement.EnforcementTopics;
import org.permitwatch.events.enforcement.PenaltyDecided;
import org.permitwatch.events.enforcement.RectificationOrdered;
import org.permitwatch.events.inspection.FindingRecorded;
import org.permitwatch.events.inspection.InspectionSubmitted;
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.events.inspection.PlanPublished;
import org.permitwatch.testsupport.SettableClock;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 12 items 5 and 8 (附件3 half): what 附件1 counts and what 附件3 always shows, from a small June of 晋城 (six
 * counties) published as events to a real KRaft broker and read into real PostgreSQL. Every expected figure is
 * worked out by hand next to the events, never read back from the code under test. The clock is fixed at
 * 2027-06-30 23:30 UTC, which is 2027-07-01 07:30 in Beijing: the fill date is 1 July.
 *
 * <pre>
 * 阳城县 U1 火电  R1 6-03 F1 超标 (new)      → case C1 6-04, fine 200,000 (6-08), order 6-05 (deadline 6-12, open)
 *                 R2 6-15 F2 超标 continues C1 → NOT a new violation (持续违法 1)
 *                         F3 台账 (new)        daily continuous fine 150,000 (6-20)
 * 泽州县 U2 水泥  remote alert A2 → case C2 (origin ALERT) opened 6-10, 无证排污, fine 300,000 (6-18)
 *                 remote case C3 opened 7-01 00:30 Beijing (= 6-30 16:30 UTC): outside June
 * 高平市 U3 焦化  R3 6-20 F4 信息公开, published in the shape before continuesCaseId existed (counts as new)
 * 城区, 沁水县, 陵川县: nothing — still listed, zeros
 * </pre>
 */
@ReportingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AttachmentCountsIT {

    static final String JINCHENG = "140500";
    static final String YANGCHENG = "140522";
    static final String ZEZHOU = "140525";
    static final String GAOPING = "140581";
    static final String U1 = "91140500MA0000001X001P";
    static final String U2 = "91140500MA0000002X001P";
    static final String U3 = "91140500MA0000003X001P";

    /** 2027-06-30 23:30 UTC = 2027-07-01 07:30 Asia/Shanghai. */
    static final Instant NOW = Instant.parse("2027-06-30T23:30:00Z");

    @Autowired
    WebTestClient web;

    @Autowired
    SettableClock clock;

    @Autowired
    DatabaseClient db;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    JsonMapper json;

    EventPublisher events;

    @AfterAll
    void resetClock() {
        clock.reset();
    }

    @BeforeAll
    void publishScenario() {
        clock.set(NOW);
        events = new EventPublisher(broker, json);
        scenario();
        awaitApplied(db, events.sent());
    }

    @AfterAll
    void close() {
        events.close();
    }

    static OffsetDateTime at(String local) {
        return OffsetDateTime.parse(local + "+08:00");
    }

    private void scenario() {
        UUID r1 = UUID.randomUUID();
        UUID r2 = UUID.randomUUID();
        UUID r3 = UUID.randomUUID();
        UUID f1 = UUID.randomUUID();
        UUID c1 = UUID.randomUUID();

        // U1: the first inspection finds 超标 F1; C1 from it, fined, ordered to rectify on 6-05.
        inspection(r1, U1, YANGCHENG, "THERMAL_POWER", at("2027-06-03T10:00:00"), 9, 1);
        send(
                InspectionTopics.FINDINGS,
                f1.toString(),
                FindingRecorded.TYPE,
                finding(f1, r1, U1, YANGCHENG, "THERMAL_POWER", "EXCEEDING_LIMITS", at("2027-06-03T10:00:00"), null));
        send(
                EnforcementTopics.CASES,
                c1.toString(),
                CaseOpened.TYPE,
                new CaseOpened(
                        ref(c1, 1, U1, YANGCHENG, "THERMAL_POWER", "EXCEEDING_LIMITS"),
                        "FINDING",
                        f1,
                        null,
                        r1,
                        null,
                        "someone",
                        at("2027-06-04T09:00:00")));
        penalty(
                ref(c1, 2, U1, YANGCHENG, "THERMAL_POWER", "EXCEEDING_LIMITS"),
                "FINE",
                "200000",
                at("2027-06-08T10:00:00"));
        send(
                EnforcementTopics.CASES,
                c1.toString(),
                RectificationOrdered.TYPE,
                new RectificationOrdered(
                        ref(c1, 3, U1, YANGCHENG, "THERMAL_POWER", "EXCEEDING_LIMITS"),
                        UUID.randomUUID(),
                        LocalDate.of(2027, 6, 5),
                        LocalDate.of(2027, 6, 12),
                        "someone",
                        at("2027-06-05T09:00:00")));
        // The follow-up (6-15) still finds 超标: F2 continues C1. It also finds 台账 F3, a new violation.
        inspection(r2, U1, YANGCHENG, "THERMAL_POWER", at("2027-06-15T10:00:00"), 8, 2);
        UUID f2 = UUID.randomUUID();
        send(
                InspectionTopics.FINDINGS,
                f2.toString(),
                FindingRecorded.TYPE,
                finding(f2, r2, U1, YANGCHENG, "THERMAL_POWER", "EXCEEDING_LIMITS", at("2027-06-15T10:00:00"), c1));
        UUID f3 = UUID.randomUUID();
        send(
                InspectionTopics.FINDINGS,
                f3.toString(),
                FindingRecorded.TYPE,
                finding(f3, r2, U1, YANGCHENG, "THERMAL_POWER", "LEDGER_INCOMPLETE", at("2027-06-15T10:00:00"), null));
        penalty(
                ref(c1, 4, U1, YANGCHENG, "THERMAL_POWER", "EXCEEDING_LIMITS"),
                "DAILY_CONTINUOUS",
                "150000",
                at("2027-06-20T10:00:00"));

        // U2: a remote check (非现场监管) — alert A2 confirmed as case C2, no inspection, no finding.
        UUID a2 = UUID.randomUUID();
        UUID c2 = UUID.randomUUID();
        send(
                EnforcementTopics.ALERTS,
                a2.toString(),
                AlertChanged.TYPE,
                new AlertChanged(
                        a2,
                        "PERMIT_NOT_VALID_BUT_OPERATING",
                        "CASED",
                        U2,
                        "泽州水泥",
                        "140000",
                        JINCHENG,
                        ZEZHOU,
                        "CEMENT",
                        "UNPERMITTED_DISCHARGE",
                        null,
                        c2,
                        at("2027-06-09T02:00:00"),
                        at("2027-06-10T09:00:00"),
                        null, // published before issue 19: a remote check
                        null));
        send(
                EnforcementTopics.CASES,
                c2.toString(),
                CaseOpened.TYPE,
                new CaseOpened(
                        ref(c2, 1, U2, ZEZHOU, "CEMENT", "UNPERMITTED_DISCHARGE"),
                        "ALERT",
                        null,
                        a2,
                        null,
                        null,
                        "someone",
                        at("2027-06-10T09:00:00")));
        penalty(ref(c2, 2, U2, ZEZHOU, "CEMENT", "UNPERMITTED_DISCHARGE"), "FINE", "300000", at("2027-06-18T10:00:00"));
        // C3: a remote case opened 7-01 00:30 in Beijing — already July there, though still 6-30 in UTC.
        UUID c3 = UUID.randomUUID();
        send(
                EnforcementTopics.CASES,
                c3.toString(),
                CaseOpened.TYPE,
                new CaseOpened(
                        ref(c3, 1, U2, ZEZHOU, "CEMENT", "EXCEEDING_LIMITS"),
                        "ALERT",
                        null,
                        UUID.randomUUID(),
                        null,
                        null,
                        "someone",
                        at("2027-07-01T00:30:00")));

        // U3: a finding event as published before continuesCaseId existed (the field absent from the JSON).
        inspection(r3, U3, GAOPING, "COKING", at("2027-06-20T09:00:00"), 9, 1);
        UUID f4 = UUID.randomUUID();
        @SuppressWarnings("unchecked")
        Map<String, Object> old = json.convertValue(
                finding(f4, r3, U3, GAOPING, "COKING", "DISCLOSURE_NOT_IMPLEMENTED", at("2027-06-20T09:00:00"), null),
                Map.class);
        old.remove("continuesCaseId");
        assertThat(json.writeValueAsString(old)).doesNotContain("continuesCaseId");
        send(InspectionTopics.FINDINGS, f4.toString(), FindingRecorded.TYPE, old);

        // 晋城's plan for 2027: two 焦化 rows (two categories) and one row of an industry outside the seven.
        UUID plan = UUID.randomUUID();
        PlanPublished.Row cokingRandom = new PlanPublished.Row(
                1,
                "COKING",
                "DOUBLE_RANDOM",
                "SAMPLING",
                true,
                new BigDecimal("0.1"),
                "QUARTER",
                1,
                "许可证载明事项",
                "",
                "现场核查",
                List.of("市生态环境监测站"),
                20,
                2,
                List.of(new PlanPublished.Month(6, 1, 2)));
        PlanPublished.Row cokingRemote = new PlanPublished.Row(
                2,
                "COKING",
                "NON_SITE",
                "CENSUS",
                false,
                new BigDecimal("1"),
                "MONTH",
                1,
                "在线监测数据",
                "",
                "自动监控数据分析",
                List.of(),
                20,
                20,
                List.of());
        PlanPublished.Row chemical = new PlanPublished.Row(
                3,
                "CHEMICAL",
                "ON_SITE",
                "SPECIAL",
                false,
                new BigDecimal("0.5"),
                "YEAR",
                1,
                "",
                "化工专项",
                "现场检查",
                List.of(),
                4,
                2,
                List.of());
        send(
                InspectionTopics.PLANS,
                plan.toString(),
                PlanPublished.TYPE,
                new PlanPublished(
                        plan,
                        JINCHENG,
                        2027,
                        "晋城市2027年排污许可清单式执法检查计划",
                        6,
                        List.of(chemical, cokingRemote, cokingRandom),
                        "someone",
                        at("2027-05-20T09:00:00")));
    }

    // ---------------------------------------------------------------- 附件1

    @Test
    @Order(1)
    void cityTableCountsRemoteViolationsOnceAndContinuingOnesNotAgain() {
        Map<String, Object> table = getJson(
                web, json, "/api/v1/reports/summary?from=2027-06-01&to=2027-06-30", TestJwts.token("CITY", JINCHENG));
        assertThat(table).containsEntry("divisionName", "晋城市").containsEntry("fillDate", "2027-07-01");
        assertThat((String) table.get("countingUnit")).startsWith("计数单位：违法问题类型各列按“起”计");
        List<Map<String, Object>> rows = list(table.get("rows"));
        // All six counties of 晋城 in code order; three had nothing and show one row of zeros.
        assertThat(rows)
                .extracting(r -> r.get("region") + "/" + r.get("industryLabel"))
                .containsExactly("城区/—", "沁水县/—", "阳城县/火电", "陵川县/—", "泽州县/水泥", "高平市/焦化");
        for (int i : new int[] {0, 1, 3}) {
            assertRow(rows.get(i), i + 1, 0, Map.of(), 0, "0.0000", "无需整改", "—", "");
            assertThat(rows.get(i).get("industry")).isNull();
        }
        // 阳城县: R1, R2 = 2 inspections; 超标 F1 = 1 (F2 continues C1: not counted), 台账 F3 = 1; continuing 1;
        // fines 200,000 + 150,000 = 350,000 yuan = 35.0000 万元; C1's order of 6-05 is open: 应整改1家，已完成0家.
        assertRow(
                rows.get(2),
                3,
                2,
                Map.of("EXCEEDING_LIMITS", 1, "LEDGER_INCOMPLETE", 1),
                1,
                "35.0000",
                "应整改1家，已完成0家",
                "否",
                "持续违法1起（复查发现，未重复计入）");
        // 泽州县: no inspection; 无证排污 1 from the remote case C2 (C3 is July in Beijing); 300,000 yuan = 30.0000.
        assertRow(rows.get(4), 5, 0, Map.of("UNPERMITTED_DISCHARGE", 1), 0, "30.0000", "无需整改", "—", "");
        // 高平市: R3 with 信息公开 F4, an event without continuesCaseId: a new violation.
        assertRow(rows.get(5), 6, 1, Map.of("DISCLOSURE_NOT_IMPLEMENTED", 1), 0, "0.0000", "无需整改", "—", "");
        // 合计: 2 + 0 + 1 = 3 inspections; 1 + 1 + 1 + 1 = 4 violations; 350,000 + 300,000 = 650,000 yuan = 65.0000.
        Map<String, Object> total = map(table.get("total"));
        assertRow(
                total,
                null,
                3,
                Map.of(
                        "UNPERMITTED_DISCHARGE",
                        1,
                        "EXCEEDING_LIMITS",
                        1,
                        "LEDGER_INCOMPLETE",
                        1,
                        "DISCLOSURE_NOT_IMPLEMENTED",
                        1),
                1,
                "65.0000",
                "应整改1家，已完成0家",
                "否",
                "持续违法1起（复查发现，未重复计入）");
    }

    @Test
    @Order(2)
    void provinceTableListsEveryCityWithZeros() {
        Map<String, Object> table = getJson(
                web,
                json,
                "/api/v1/reports/summary?from=2027-06-01&to=2027-06-30",
                TestJwts.token("PROVINCE", "140000"));
        List<Map<String, Object>> rows = list(table.get("rows"));
        // 11 cities; 晋城 has three industry rows (火电, 焦化, 水泥 in plan-table order), the other ten one zero row:
        // 10 + 3 = 13 rows.
        assertThat(rows)
                .extracting(r -> r.get("region") + "/" + r.get("industryLabel"))
                .containsExactly(
                        "太原市/—", "大同市/—", "阳泉市/—", "长治市/—", "晋城市/火电", "晋城市/焦化", "晋城市/水泥", "朔州市/—", "晋中市/—", "运城市/—",
                        "忻州市/—", "临汾市/—", "吕梁市/—");
        assertThat(rows.stream().map(r -> r.get("regionCode")).distinct()).hasSize(11);
        assertRow(rows.get(0), 1, 0, Map.of(), 0, "0.0000", "无需整改", "—", "");
        assertRow(rows.get(12), 13, 0, Map.of(), 0, "0.0000", "无需整改", "—", "");
        assertRow(rows.get(6), 7, 0, Map.of("UNPERMITTED_DISCHARGE", 1), 0, "30.0000", "无需整改", "—", "");
        assertThat(map(table.get("total"))).containsEntry("violationTotal", 4).containsEntry("continuingViolations", 1);
    }

    @Test
    @Order(3)
    void fillDateIsTheBureausDayNotUtc() {
        // 23:30 UTC on 30 June is 07:30 on 1 July in Beijing (UTC+8).
        assertThat(getJson(
                        web,
                        json,
                        "/api/v1/reports/summary?from=2027-06-01&to=2027-06-30&division=" + ZEZHOU,
                        TestJwts.token("CITY", JINCHENG)))
                .containsEntry("fillDate", "2027-07-01")
                .containsEntry("divisionName", "泽州县");
    }

    @Test
    @Order(4)
    void xlsxAndCsvPrintFillDateUnitAndNote() throws Exception {
        byte[] bytes = web.get()
                .uri("/api/v1/reports/summary?from=2027-06-01&to=2027-06-30&format=xlsx")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", JINCHENG))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet sheet = wb.getSheetAt(0);
            DataFormatter fmt = new DataFormatter();
            assertThat(text(sheet, 1, 0)).isEqualTo("填报单位：晋城市");
            assertThat(text(sheet, 1, 13)).isEqualTo("填报日期：2027年7月1日");
            assertThat(text(sheet, 2, 0)).isEqualTo("时间：2027年6月1日至2027年6月30日");
            // six county rows (Excel 6–11), 合计 on 12, the note on 13
            assertThat(rowText(sheet.getRow(5), fmt))
                    .containsExactly(
                            "1", "城区", "—", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0.0000", "无需整改", "—",
                            "");
            assertThat(rowText(sheet.getRow(7), fmt))
                    .containsExactly(
                            "3",
                            "阳城县",
                            "火电",
                            "0",
                            "0",
                            "1",
                            "0",
                            "0",
                            "0",
                            "0",
                            "1",
                            "0",
                            "0",
                            "35.0000",
                            "应整改1家，已完成0家",
                            "否",
                            "持续违法1起（复查发现，未重复计入）");
            assertThat(rowText(sheet.getRow(9), fmt))
                    .containsExactly(
                            "5", "泽州县", "水泥", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "30.0000", "无需整改", "—",
                            "");
            assertThat(rowText(sheet.getRow(11), fmt))
                    .containsExactly(
                            "",
                            "合计",
                            "",
                            "1",
                            "0",
                            "1",
                            "0",
                            "0",
                            "0",
                            "0",
                            "1",
                            "0",
                            "1",
                            "65.0000",
                            "应整改1家，已完成0家",
                            "否",
                            "持续违法1起（复查发现，未重复计入）");
            assertThat(text(sheet, 12, 0)).startsWith("注：计数单位：违法问题类型各列按“起”计");
            assertThat(sheet.getMergedRegions())
                    .extracting(CellRangeAddress::formatAsString)
                    .contains("A2:M2", "N2:Q2", "A13:Q13");
            assertThat(sheet.getRow(13)).isNull();
        }

        byte[] csv = web.get()
                .uri("/api/v1/reports/summary?from=2027-06-01&to=2027-06-30&format=csv")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", JINCHENG))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        String[] lines = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).split("\r\n");
        // header + 6 rows + 合计 + note + 填报单位/时间/填报日期 = 10 lines
        assertThat(lines).hasSize(10);
        assertThat(lines[5]).isEqualTo("5,泽州县,水泥,1,0,0,0,0,0,0,0,0,0,30.0000,无需整改,—,");
        assertThat(lines[8]).startsWith("注：计数单位：");
        assertThat(lines[9]).isEqualTo("填报单位：晋城市,时间：2027年6月1日至2027年6月30日,填报日期：2027年7月1日");
    }

    // ---------------------------------------------------------------- 附件3

    @Test
    @Order(5)
    void planTableAlwaysHasTheSeedsSevenIndustriesAndOther() throws Exception {
        Map<String, Object> plan =
                getJson(web, json, "/api/v1/reports/plans?year=2027", TestJwts.token("CITY", JINCHENG));
        List<Map<String, Object>> rows = list(plan.get("rows"));
        // The seed's 附件3 rows 1–7 (造纸 钢铁 火电 焦化 水泥 污水处理 再生利用) then 其他; 焦化 has two rows (rowNo 1, 2).
        assertThat(rows)
                .extracting(r -> r.get("no") + " " + r.get("industryLabel"))
                .containsExactly("1 造纸", "2 钢铁", "3 火电", "4 焦化", "4 焦化", "5 水泥", "6 污水处理", "7 再生利用", "8 其他");
        assertThat(rows)
                .extracting(r -> r.get("planned"))
                .containsExactly(false, false, false, true, true, false, false, false, true);
        assertThat(rows.get(0))
                .containsEntry("category", "未列入计划")
                .containsEntry("ratio", "0%")
                .containsEntry("denominator", 0)
                .containsEntry("unitsPerRound", 0)
                .containsEntry("months", List.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(rows.get(3)).containsEntry("category", "“双随机、一公开”检查").containsEntry("ratio", "10%");
        assertThat(rows.get(4)).containsEntry("category", "非现场监管").containsEntry("ratio", "100%");
        // CHEMICAL is none of the seven: it falls into 其他
        assertThat(rows.get(8))
                .containsEntry("industry", "OTHER")
                .containsEntry("contentSpecial", "化工专项")
                .containsEntry("ratio", "50%");

        byte[] bytes = web.get()
                .uri("/api/v1/reports/plans?year=2027&format=xlsx")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", JINCHENG))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet sheet = wb.getSheetAt(0);
            DataFormatter fmt = new DataFormatter();
            List<String> industries = new ArrayList<>();
            for (int r = 4; r <= 12; r++) {
                industries.add(fmt.formatCellValue(sheet.getRow(r).getCell(0)) + " " + text(sheet, r, 1));
            }
            assertThat(industries)
                    .containsExactly("1 造纸", "2 钢铁", "3 火电", "4 焦化", "4 焦化", "5 水泥", "6 污水处理", "7 再生利用", "8 其他");
            assertThat(text(sheet, 4, 2)).isEqualTo("未列入计划");
            assertThat(text(sheet, 4, 5)).isEqualTo("0%");
            // 焦化's two rows (Excel 8 and 9) share one 序号 and one 行业类别 cell
            assertThat(sheet.getMergedRegions())
                    .extracting(CellRangeAddress::formatAsString)
                    .contains("A8:A9", "B8:B9");
            assertThat(sheet.getRow(13)).isNull();
        }
    }

    // ---------------------------------------------------------------- replay

    @Test
    @Order(20)
    void rebuildGivesTheSameTables() {
        String province = TestJwts.token("PROVINCE", "140000");
        String city = TestJwts.token("CITY", JINCHENG);
        Map<String, Object> provinceBefore =
                getJson(web, json, "/api/v1/reports/summary?from=2027-06-01&to=2027-06-30", province);
        Map<String, Object> cityBefore =
                getJson(web, json, "/api/v1/reports/summary?from=2027-06-01&to=2027-06-30", city);
        Map<String, Object> planBefore = getJson(web, json, "/api/v1/reports/plans?year=2027", city);
        web.post()
                .uri("/api/v1/reports/rebuild")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + province)
                .exchange()
                .expectStatus()
                .isAccepted();
        awaitApplied(db, events.sent());
        assertThat(getJson(web, json, "/api/v1/reports/summary?from=2027-06-01&to=2027-06-30", province))
                .isEqualTo(provinceBefore);
        assertThat(getJson(web, json, "/api/v1/reports/summary?from=2027-06-01&to=2027-06-30", city))
                .isEqualTo(cityBefore);
        assertThat(getJson(web, json, "/api/v1/reports/plans?year=2027", city)).isEqualTo(planBefore);
        assertThat(db.sql("SELECT count(*) AS n FROM rm_finding WHERE continues_case_id IS NOT NULL")
                        .map(r -> r.get("n", Long.class))
                        .one()
                        .block())
                .isEqualTo(1L);
    }

    // ---------------------------------------------------------------- helpers

    private void assertRow(
            Map<String, Object> row,
            Integer no,
            int inspections,
            Map<String, Integer> violations,
            int continuing,
            String fine,
            String status,
            String complete,
            String remarks) {
        assertThat(row.get("no")).isEqualTo(no);
        assertThat(row).containsEntry("inspections", inspections);
        Map<String, Object> counts = map(row.get("violations"));
        assertThat(counts).hasSize(10);
        counts.forEach((type, n) -> assertThat(n).as(type).isEqualTo(violations.getOrDefault(type, 0)));
        assertThat(row)
                .containsEntry(
                        "violationTotal",
                        violations.values().stream().mapToInt(Integer::intValue).sum())
                .containsEntry("continuingViolations", continuing);
        assertThat(new BigDecimal(String.valueOf(row.get("fineWanYuan")))).isEqualByComparingTo(fine);
        assertThat(row)
                .containsEntry("rectificationStatus", status)
                .containsEntry("rectificationComplete", complete)
                .containsEntry("remarks", remarks);
    }

    private void send(String topic, String key, String type, Object payload) {
        events.send(topic, key, type, payload);
    }

    private void inspection(
            UUID id,
            String permit,
            String county,
            String industry,
            OffsetDateTime inspectedAt,
            int compliant,
            int nonCompliant) {
        send(
                InspectionTopics.INSPECTIONS,
                id.toString(),
                InspectionSubmitted.TYPE,
                new InspectionSubmitted(
                        id,
                        1,
                        null,
                        null,
                        permit,
                        "单位" + permit.substring(14, 15),
                        "140000",
                        JINCHENG,
                        county,
                        industry,
                        UUID.randomUUID(),
                        inspectedAt,
                        inspectedAt.plusHours(2),
                        "someone",
                        compliant,
                        nonCompliant,
                        0,
                        0,
                        0,
                        List.of()));
    }

    private static FindingRecorded finding(
            UUID id,
            UUID record,
            String permit,
            String county,
            String industry,
            String type,
            OffsetDateTime inspectedAt,
            UUID continuesCase) {
        return new FindingRecorded(
                id,
                "ACTIVE",
                null,
                null,
                record,
                1,
                permit,
                "单位" + permit.substring(14, 15),
                "140000",
                JINCHENG,
                county,
                industry,
                "ITEM",
                3,
                type,
                "34",
                inspectedAt,
                inspectedAt.plusHours(1),
                continuesCase);
    }

    private static CaseRef ref(UUID caseId, long version, String permit, String county, String industry, String type) {
        return new CaseRef(
                caseId,
                "晋城环罚〔2027〕" + caseId.toString().substring(0, 4) + "号",
                version,
                permit,
                "单位" + permit.substring(14, 15),
                "140000",
                JINCHENG,
                county,
                industry,
                type,
                "34");
    }

    private void penalty(CaseRef ref, String kind, String amount, OffsetDateTime at) {
        send(
                EnforcementTopics.CASES,
                ref.caseId().toString(),
                PenaltyDecided.TYPE,
                new PenaltyDecided(
                        ref,
                        UUID.randomUUID(),
                        kind,
                        null,
                        new BigDecimal(amount),
                        new BigDecimal(amount),
                        false,
                        "2027-v1",
                        "DAILY_CONTINUOUS".equals(kind) ? 5 : null,
                        null,
                        null,
                        "someone",
                        at));
    }
}
