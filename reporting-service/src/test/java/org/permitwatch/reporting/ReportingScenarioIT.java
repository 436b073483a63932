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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.permitwatch.events.Topics;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.events.enforcement.CaseOpened;
import org.permitwatch.events.enforcement.CaseRef;
import org.permitwatch.events.enforcement.EnforcementTopics;
import org.permitwatch.events.enforcement.PenaltyDecided;
import org.permitwatch.events.enforcement.RectificationCompleted;
import org.permitwatch.events.enforcement.RectificationOrdered;
import org.permitwatch.events.enforcement.RectificationOverdue;
import org.permitwatch.events.inspection.DrawCompleted;
import org.permitwatch.events.inspection.DrawPublished;
import org.permitwatch.events.inspection.FindingRecorded;
import org.permitwatch.events.inspection.InspectionSubmitted;
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.events.inspection.PlanPublished;
import org.permitwatch.events.inspection.TaskAssigned;
import org.permitwatch.events.liaison.LiaisonTopics;
import org.permitwatch.events.liaison.SubmissionRecorded;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A month of inspections and cases in 太原 (three counties × three industries) plus one in 大同, published as events to
 * a real KRaft broker, read into real PostgreSQL. Every expected number below is worked out by hand from the scenario
 * (see the comments next to each event), never read back from the code under test.
 */
@ReportingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportingScenarioIT {

    static final String TAIYUAN = "140100";
    static final String XIAODIAN = "140105";
    static final String YINGZE = "140106";
    static final String XINGHUALING = "140107";
    static final String DATONG = "140200";
    static final String PINGCHENG = "140213";
    static final String SUBMITTER = "inspector-zhang-san";
    static final String DECIDER = "张三科长";
    static final UUID INSPECTOR = UUID.fromString("11111111-2222-3333-4444-555555555555");
    /** R1's submission and its correction, two requests of the field app: W3C ids (Trace Context's examples). */
    static final String SUBMIT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    static final String SUBMIT_TRACEPARENT = "00-" + SUBMIT_TRACE + "-00f067aa0ba902b7-01";
    static final String CORRECTION_TRACE = "0af7651916cd43dd8448eb211c80319c";
    static final String CORRECTION_TRACEPARENT = "00-" + CORRECTION_TRACE + "-b7ad6b7169203331-01";

    static final String P1 = "91140100MA0000001X001P"; // 小店区 焦化
    static final String P2 = "91140100MA0000002X001P"; // 小店区 水泥
    static final String P3 = "91140100MA0000003X001P"; // 迎泽区 焦化
    static final String P4 = "91140100MA0000004X001P"; // 杏花岭区 火电
    static final String P5 = "91140100MA0000005X001P"; // 杏花岭区 火电
    static final String P6 = "91140200MA0000006X001P"; // 大同 平城区 焦化
    static final String P7 = "91140100MA0000007X001P"; // 小店区, tasked, never inspected

    /** The ten column titles of 附件1, copied from the seed in its order. */
    static final List<String> SEED_TYPES = List.of(
            "无证排污",
            "未按许可的排放口排放",
            "超标排放",
            "污染防治设施不正常运行",
            "无组织排放",
            "未落实减排要求",
            "自行监测数据作假",
            "环境管理台账记录不全",
            "排污许可证执行报告不规范",
            "信息公开不落实");

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    JsonMapper json;

    EventPublisher events;
    /** The traceparent the next events carry (the request that produced them), null for none. */
    private String traceparent;

    final UUID r1 = UUID.randomUUID();
    final UUID r3 = UUID.randomUUID();
    final UUID t1 = UUID.randomUUID();

    @BeforeAll
    void publishScenario() {
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
        unit(P1, "太原煤气化焦化有限公司", XIAODIAN, "COKING");
        unit(P3, "迎泽焦化厂", YINGZE, "COKING");

        UUID r2 = UUID.randomUUID();
        UUID r2b = UUID.randomUUID();
        UUID r4 = UUID.randomUUID();
        UUID r5 = UUID.randomUUID();
        UUID r6 = UUID.randomUUID();
        UUID t2 = UUID.randomUUID();
        UUID t3 = UUID.randomUUID();
        UUID t4 = UUID.randomUUID();
        UUID t6 = UUID.randomUUID();
        UUID t7 = UUID.randomUUID();
        UUID draw = UUID.randomUUID();

        // Tasks of June: 太原 T1,T2,T3,T4,T7 (T1 re-sent as a merge: still one task), 大同 T6.
        task(t1, P1, XIAODIAN, TAIYUAN, draw, List.of("ENFORCEMENT"));
        task(t2, P2, XIAODIAN, TAIYUAN, draw, List.of("ENFORCEMENT"));
        task(t3, P3, YINGZE, TAIYUAN, draw, List.of("ENFORCEMENT"));
        task(t4, P4, XINGHUALING, TAIYUAN, null, List.of("ENFORCEMENT"));
        task(t7, P7, XIAODIAN, TAIYUAN, null, List.of("ENFORCEMENT"));
        task(t6, P6, PINGCHENG, DATONG, null, List.of("ENFORCEMENT"));
        task(t1, P1, XIAODIAN, TAIYUAN, draw, List.of("ENFORCEMENT", "MONITORING"));

        // R1 (P1, 6-05): v1 found 超标 F1 and 台账 F2; the correction v2 keeps 超标 as F1b and clears 台账.
        // The correction is published before v1 to prove the version guard.
        UUID f1 = UUID.randomUUID();
        UUID f2 = UUID.randomUUID();
        UUID f1b = UUID.randomUUID();
        // R1's events carry the trace of the request that produced them (ADR 0043): the submission's (v1, F1 and F2
        // recorded) and the correction's (v2, F1b recorded, F1 and F2 superseded).
        traceparent = CORRECTION_TRACEPARENT;
        inspection(r1, 2, t1, P1, "太原煤气化焦化有限公司", XIAODIAN, "COKING", at("2027-06-05T10:00:00"), 9, 1, List.of(f1b));
        traceparent = SUBMIT_TRACEPARENT;
        inspection(r1, 1, t1, P1, "太原煤气化焦化有限公司", XIAODIAN, "COKING", at("2027-06-05T10:00:00"), 8, 2, List.of(f1, f2));
        finding(
                f1,
                "ACTIVE",
                r1,
                1,
                P1,
                XIAODIAN,
                "COKING",
                3,
                "EXCEEDING_LIMITS",
                at("2027-06-05T10:00:00"),
                at("2027-06-05T12:00:00"));
        finding(
                f2,
                "ACTIVE",
                r1,
                1,
                P1,
                XIAODIAN,
                "COKING",
                8,
                "LEDGER_INCOMPLETE",
                at("2027-06-05T10:00:00"),
                at("2027-06-05T12:00:00"));
        traceparent = CORRECTION_TRACEPARENT;
        finding(
                f1b,
                "ACTIVE",
                r1,
                2,
                P1,
                XIAODIAN,
                "COKING",
                3,
                "EXCEEDING_LIMITS",
                at("2027-06-05T10:00:00"),
                at("2027-06-06T09:00:00"));
        finding(
                f1,
                "SUPERSEDED",
                r1,
                1,
                P1,
                XIAODIAN,
                "COKING",
                3,
                "EXCEEDING_LIMITS",
                at("2027-06-05T10:00:00"),
                at("2027-06-05T12:00:00"));
        finding(
                f2,
                "SUPERSEDED",
                r1,
                1,
                P1,
                XIAODIAN,
                "COKING",
                8,
                "LEDGER_INCOMPLETE",
                at("2027-06-05T10:00:00"),
                at("2027-06-05T12:00:00"));
        // A redelivered ACTIVE after SUPERSEDED must not revive F1 (nor bring back the submission's trace).
        traceparent = SUBMIT_TRACEPARENT;
        finding(
                f1,
                "ACTIVE",
                r1,
                1,
                P1,
                XIAODIAN,
                "COKING",
                3,
                "EXCEEDING_LIMITS",
                at("2027-06-05T10:00:00"),
                at("2027-06-05T12:00:00"));

        traceparent = null; // the other events carry no trace: their rows keep none

        // R2 (P2 水泥, 6-30 23:30 Beijing = inside June), R2b (7-01 00:30 Beijing = 6-30 UTC, outside June): compliant.
        inspection(r2, 1, t2, P2, "小店水泥厂", XIAODIAN, "CEMENT", at("2027-06-30T23:30:00"), 10, 0, List.of());
        inspection(r2b, 1, null, P2, "小店水泥厂", XIAODIAN, "CEMENT", at("2027-07-01T00:30:00"), 10, 0, List.of());

        // R3 (P3, 6-09): 台账 F4 and 信息公开 F5.
        inspection(r3, 1, t3, P3, "迎泽焦化厂", YINGZE, "COKING", at("2027-06-09T09:00:00"), 8, 2, List.of());
        finding(
                UUID.randomUUID(),
                "ACTIVE",
                r3,
                1,
                P3,
                YINGZE,
                "COKING",
                8,
                "LEDGER_INCOMPLETE",
                at("2027-06-09T09:00:00"),
                at("2027-06-09T11:00:00"));
        finding(
                UUID.randomUUID(),
                "ACTIVE",
                r3,
                1,
                P3,
                YINGZE,
                "COKING",
                10,
                "DISCLOSURE_NOT_IMPLEMENTED",
                at("2027-06-09T09:00:00"),
                at("2027-06-09T11:00:00"));

        // R4 (P4 火电, 6-20): 排放口 F6.  R5 (P5 火电, 5-28): 超标 F7, outside June.
        inspection(r4, 1, t4, P4, "杏花岭热电厂", XINGHUALING, "THERMAL_POWER", at("2027-06-20T14:00:00"), 9, 1, List.of());
        UUID f6 = UUID.randomUUID();
        finding(
                f6,
                "ACTIVE",
                r4,
                1,
                P4,
                XINGHUALING,
                "THERMAL_POWER",
                2,
                "UNPERMITTED_OUTLET",
                at("2027-06-20T14:00:00"),
                at("2027-06-20T16:00:00"));
        inspection(
                r5, 1, null, P5, "杏花岭第二热电厂", XINGHUALING, "THERMAL_POWER", at("2027-05-28T10:00:00"), 9, 1, List.of());
        finding(
                UUID.randomUUID(),
                "ACTIVE",
                r5,
                1,
                P5,
                XINGHUALING,
                "THERMAL_POWER",
                3,
                "EXCEEDING_LIMITS",
                at("2027-05-28T10:00:00"),
                at("2027-05-28T12:00:00"));

        // 大同 R6 (P6, 6-15): 超标 F8; fine 300,000 on 6-16.
        inspection(r6, 1, t6, P6, "平城焦化", PINGCHENG, "COKING", at("2027-06-15T10:00:00"), 9, 1, List.of());
        UUID f8 = UUID.randomUUID();
        finding(
                f8,
                "ACTIVE",
                r6,
                1,
                P6,
                PINGCHENG,
                "COKING",
                3,
                "EXCEEDING_LIMITS",
                at("2027-06-15T10:00:00"),
                at("2027-06-15T11:00:00"));

        // C1 (P1 超标): fine 200,000 (6-12) + daily continuous 150,000.50 (6-28) = 350,000.50 yuan; RC1 ordered 6-12,
        // completed on time 6-18.
        UUID c1 = UUID.randomUUID();
        caseOpened(ref(c1, 1, P1, XIAODIAN, "COKING", "EXCEEDING_LIMITS"), f1b, r1, at("2027-06-10T09:00:00"));
        penalty(
                ref(c1, 2, P1, XIAODIAN, "COKING", "EXCEEDING_LIMITS"),
                "FINE",
                null,
                "200000.00",
                null,
                at("2027-06-12T10:00:00"));
        UUID rc1 = UUID.randomUUID();
        rectOrdered(
                ref(c1, 3, P1, XIAODIAN, "COKING", "EXCEEDING_LIMITS"),
                rc1,
                LocalDate.of(2027, 6, 12),
                LocalDate.of(2027, 6, 19));
        // Completion published before a later-numbered penalty: per-event columns make the order irrelevant.
        rectCompleted(
                ref(c1, 5, P1, XIAODIAN, "COKING", "EXCEEDING_LIMITS"),
                rc1,
                LocalDate.of(2027, 6, 19),
                at("2027-06-18T15:00:00"));
        penalty(
                ref(c1, 4, P1, XIAODIAN, "COKING", "EXCEEDING_LIMITS"),
                "DAILY_CONTINUOUS",
                null,
                "150000.50",
                3,
                at("2027-06-28T10:00:00"));

        // C3 (P3 台账): first minor violation, no penalty (6-11); RC3 ordered 6-11, deadline 6-16, overdue 6-17.
        UUID c3 = UUID.randomUUID();
        caseOpened(ref(c3, 1, P3, YINGZE, "COKING", "LEDGER_INCOMPLETE"), null, r3, at("2027-06-11T09:00:00"));
        penalty(
                ref(c3, 2, P3, YINGZE, "COKING", "LEDGER_INCOMPLETE"),
                "NO_PENALTY",
                "FIRST_MINOR_LEDGER",
                "0",
                null,
                at("2027-06-11T10:00:00"));
        UUID rc3 = UUID.randomUUID();
        rectOrdered(
                ref(c3, 3, P3, YINGZE, "COKING", "LEDGER_INCOMPLETE"),
                rc3,
                LocalDate.of(2027, 6, 11),
                LocalDate.of(2027, 6, 16));
        send(
                EnforcementTopics.CASES,
                c3.toString(),
                RectificationOverdue.TYPE,
                new RectificationOverdue(
                        ref(c3, 4, P3, YINGZE, "COKING", "LEDGER_INCOMPLETE"),
                        rc3,
                        LocalDate.of(2027, 6, 16),
                        TAIYUAN,
                        at("2027-06-17T01:00:00")));

        // C4 (P4 排放口): fine 50,000 (6-25); RC4 ordered 6-25, still open.
        UUID c4 = UUID.randomUUID();
        caseOpened(
                ref(c4, 1, P4, XINGHUALING, "THERMAL_POWER", "UNPERMITTED_OUTLET"), f6, r4, at("2027-06-21T09:00:00"));
        penalty(
                ref(c4, 2, P4, XINGHUALING, "THERMAL_POWER", "UNPERMITTED_OUTLET"),
                "FINE",
                null,
                "50000",
                null,
                at("2027-06-25T10:00:00"));
        rectOrdered(
                ref(c4, 3, P4, XINGHUALING, "THERMAL_POWER", "UNPERMITTED_OUTLET"),
                UUID.randomUUID(),
                LocalDate.of(2027, 6, 25),
                LocalDate.of(2027, 7, 2));

        // C5 (P5, the May inspection): opened 5-31, rectification ordered 5-30 (outside), fine 100,000 decided 6-02
        // (inside).
        UUID c5 = UUID.randomUUID();
        caseOpened(
                ref(c5, 1, P5, XINGHUALING, "THERMAL_POWER", "EXCEEDING_LIMITS"), null, r5, at("2027-05-31T09:00:00"));
        rectOrdered(
                ref(c5, 2, P5, XINGHUALING, "THERMAL_POWER", "EXCEEDING_LIMITS"),
                UUID.randomUUID(),
                LocalDate.of(2027, 5, 30),
                LocalDate.of(2027, 6, 6));
        penalty(
                ref(c5, 3, P5, XINGHUALING, "THERMAL_POWER", "EXCEEDING_LIMITS"),
                "FINE",
                null,
                "100000",
                null,
                at("2027-06-02T10:00:00"));

        // C6 大同: opened 6-16, fine 300,000.
        UUID c6 = UUID.randomUUID();
        caseOpened(ref(c6, 1, P6, PINGCHENG, "COKING", "EXCEEDING_LIMITS"), f8, r6, at("2027-06-16T09:00:00"));
        penalty(
                ref(c6, 2, P6, PINGCHENG, "COKING", "EXCEEDING_LIMITS"),
                "FINE",
                null,
                "300000",
                null,
                at("2027-06-16T10:00:00"));

        // Draws: the June 太原 draw (P1, P3) completed and published; a second draw only completed (stays confidential).
        send(
                InspectionTopics.DRAWS,
                draw.toString(),
                DrawCompleted.TYPE,
                new DrawCompleted(
                        draw,
                        null,
                        null,
                        TAIYUAN,
                        "2027-06",
                        "hash",
                        "seed",
                        "fp",
                        Map.of("KEY", 2),
                        2,
                        at("2027-06-01T09:00:00")));
        send(
                InspectionTopics.DRAWS,
                draw.toString(),
                DrawPublished.TYPE,
                new DrawPublished(
                        draw,
                        null,
                        TAIYUAN,
                        "2027-06",
                        "COKING",
                        "hash",
                        "seed",
                        List.of(
                                new DrawPublished.Unit(P1, "太原煤气化焦化有限公司", XIAODIAN, "KEY"),
                                new DrawPublished.Unit(P3, "迎泽焦化厂", YINGZE, "KEY")),
                        at("2027-06-25T09:00:00")));
        UUID hidden = UUID.randomUUID();
        send(
                InspectionTopics.DRAWS,
                hidden.toString(),
                DrawCompleted.TYPE,
                new DrawCompleted(
                        hidden,
                        null,
                        null,
                        TAIYUAN,
                        "2027-06",
                        "hash2",
                        "seed2",
                        "fp2",
                        Map.of("KEY", 1),
                        1,
                        at("2027-06-02T09:00:00")));

        // Monthly dispatch submissions for 2027-06: 太原 ON_TIME then a LATE resubmission (latest wins), 大同 ON_TIME.
        UUID obligation = UUID.randomUUID();
        submission(obligation, TAIYUAN, "ON_TIME", at("2027-06-20T10:00:00"));
        submission(obligation, TAIYUAN, "LATE", at("2027-07-02T10:00:00"));
        submission(obligation, DATONG, "ON_TIME", at("2027-06-28T10:00:00"));

        // 太原's plan for 2027: 焦化 double-random 5% per quarter, 造纸 census; published twice, the later wins.
        UUID plan = UUID.randomUUID();
        PlanPublished.Row coking = new PlanPublished.Row(
                2,
                "COKING",
                "DOUBLE_RANDOM",
                "SAMPLING",
                true,
                new BigDecimal("0.05"),
                "QUARTER",
                1,
                "许可证载明事项",
                "超标排放专项",
                "现场核查台账与在线监测数据",
                List.of("市生态环境监测站", "行政审批服务管理局"),
                40,
                2,
                List.of(new PlanPublished.Month(6, 1, 2)));
        PlanPublished.Row paper = new PlanPublished.Row(
                1,
                "PAPER",
                "ON_SITE",
                "CENSUS",
                false,
                new BigDecimal("1"),
                "YEAR",
                1,
                "日常检查",
                "",
                "全面检查",
                List.of(),
                3,
                3,
                List.of());
        send(
                InspectionTopics.PLANS,
                plan.toString(),
                PlanPublished.TYPE,
                new PlanPublished(plan, TAIYUAN, 2027, "旧版", 6, List.of(paper), "someone", at("2027-05-01T09:00:00")));
        send(
                InspectionTopics.PLANS,
                plan.toString(),
                PlanPublished.TYPE,
                new PlanPublished(
                        plan,
                        TAIYUAN,
                        2027,
                        "太原市2027年排污许可清单式执法检查计划",
                        6,
                        List.of(coking, paper),
                        "someone",
                        at("2027-05-20T09:00:00")));
        // 小店区's county plan inside it (ADR 0013), published later: 附件3 is the city's table, so it must not replace it
        send(
                InspectionTopics.PLANS,
                UUID.randomUUID().toString(),
                PlanPublished.TYPE,
                new PlanPublished(
                        UUID.randomUUID(),
                        TAIYUAN,
                        2027,
                        "小店区2027年县级计划",
                        6,
                        List.of(coking),
                        "county",
                        at("2027-05-25T09:00:00"),
                        "COUNTY",
                        XIAODIAN,
                        plan));
    }

    // ---------------------------------------------------------------- the summary table (附件1)

    @Test
    @Order(1)
    void citySummaryHasEveryCellRight() {
        Map<String, Object> table = getJson(
                web, json, "/api/v1/reports/summary?from=2027-06-01&to=2027-06-30", TestJwts.token("CITY", TAIYUAN));
        assertThat(table)
                .containsEntry("divisionName", "太原市")
                .containsEntry("period", "2027年6月1日至2027年6月30日")
                .containsEntry("title", "山西省排污许可执法检查情况汇总表");
        List<Map<String, Object>> rows = list(table.get("rows"));
        // every county of 太原 (issue 12.5): the seven without activity as one row of zeros each
        assertThat(rows)
                .extracting(r -> r.get("region") + "/" + r.get("industryLabel"))
                .containsExactly(
                        "小店区/焦化", "小店区/水泥", "迎泽区/焦化", "杏花岭区/火电", "尖草坪区/—", "万柏林区/—", "晋源区/—", "清徐县/—", "阳曲县/—", "娄烦县/—",
                        "古交市/—");
        assertRow(rows.get(10), 11, 0, Map.of(), "0.0000", "无需整改", "—", "");

        assertRow(rows.get(0), 1, 1, Map.of("EXCEEDING_LIMITS", 1), "35.0001", "应整改1家，已完成1家", "是", "");
        assertRow(rows.get(1), 2, 1, Map.of(), "0.0000", "无需整改", "—", "");
        assertRow(
                rows.get(2),
                3,
                1,
                Map.of("LEDGER_INCOMPLETE", 1, "DISCLOSURE_NOT_IMPLEMENTED", 1),
                "0.0000",
                "应整改1家，已完成0家",
                "否",
                "逾期未整改1家；依法不予处罚1件");
        assertRow(rows.get(3), 4, 1, Map.of("UNPERMITTED_OUTLET", 1), "15.0000", "应整改1家，已完成0家", "否", "");
        // 350,000.50 + 150,000 = 500,000.50 yuan = 50.00005 万元 → 50.0001
        Map<String, Object> total = map(table.get("total"));
        assertThat(total).containsEntry("region", "合计");
        assertRow(
                total,
                null,
                4,
                Map.of(
                        "EXCEEDING_LIMITS",
                        1,
                        "LEDGER_INCOMPLETE",
                        1,
                        "DISCLOSURE_NOT_IMPLEMENTED",
                        1,
                        "UNPERMITTED_OUTLET",
                        1),
                "50.0001",
                "应整改3家，已完成1家",
                "否",
                "逾期未整改1家；依法不予处罚1件");
    }

    @Test
    @Order(2)
    void provinceSummaryGroupsByCity() {
        Map<String, Object> table = getJson(
                web,
                json,
                "/api/v1/reports/summary?from=2027-06-01&to=2027-06-30",
                TestJwts.token("PROVINCE", "140000"));
        List<Map<String, Object>> rows = list(table.get("rows"));
        // all eleven cities, the nine without activity as one row of zeros each
        assertThat(rows)
                .extracting(r -> r.get("region") + "/" + r.get("industryLabel"))
                .containsExactly(
                        "太原市/火电", "太原市/焦化", "太原市/水泥", "大同市/焦化", "阳泉市/—", "长治市/—", "晋城市/—", "朔州市/—", "晋中市/—", "运城市/—",
                        "忻州市/—", "临汾市/—", "吕梁市/—");
        assertRow(
                rows.get(1),
                2,
                2,
                Map.of("EXCEEDING_LIMITS", 1, "LEDGER_INCOMPLETE", 1, "DISCLOSURE_NOT_IMPLEMENTED", 1),
                "35.0001",
                "应整改2家，已完成1家",
                "否",
                "逾期未整改1家；依法不予处罚1件");
        assertRow(rows.get(3), 4, 1, Map.of("EXCEEDING_LIMITS", 1), "30.0000", "无需整改", "—", "");
        // 500,000.50 + 300,000 = 800,000.50 yuan
        assertThat(new BigDecimal(String.valueOf(map(table.get("total")).get("fineWanYuan"))))
                .isEqualByComparingTo("80.0001");
    }

    @Test
    @Order(3)
    void countySummaryAndPeriodBoundaries() {
        // 小店区 on 7-01 only: R2b (7-01 00:30 Beijing) is the only record of that day.
        Map<String, Object> july = getJson(
                web,
                json,
                "/api/v1/reports/summary?from=2027-07-01&to=2027-07-01&division=" + XIAODIAN,
                TestJwts.token("CITY", TAIYUAN));
        assertThat(list(july.get("rows")))
                .singleElement()
                .satisfies(r -> assertThat(r)
                        .containsEntry("region", "小店区")
                        .containsEntry("industryLabel", "水泥")
                        .containsEntry("inspections", 1));
        assertThat(july).containsEntry("period", "2027年7月1日");
    }

    @Test
    @Order(4)
    void xlsxHasTheSeedLayout() throws Exception {
        byte[] bytes = web.get()
                .uri("/api/v1/reports/summary?from=2027-06-01&to=2027-06-30&format=xlsx")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", TAIYUAN))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet sheet = wb.getSheetAt(0);
            DataFormatter fmt = new DataFormatter();
            assertThat(text(sheet, 0, 0)).isEqualTo("山西省排污许可执法检查情况汇总表");
            assertThat(text(sheet, 1, 0)).isEqualTo("填报单位：太原市");
            assertThat(text(sheet, 2, 0)).isEqualTo("时间：2027年6月1日至2027年6月30日");
            assertThat(text(sheet, 3, 0)).isEqualTo("序号");
            assertThat(text(sheet, 3, 1)).isEqualTo("区域");
            assertThat(text(sheet, 3, 2)).isEqualTo("行业类别");
            assertThat(text(sheet, 3, 3)).isEqualTo("违法问题类型");
            List<String> subHeaders = new ArrayList<>();
            for (int c = 3; c < 13; c++) {
                subHeaders.add(text(sheet, 4, c));
            }
            assertThat(subHeaders).containsExactlyElementsOf(SEED_TYPES);
            assertThat(List.of(text(sheet, 3, 13), text(sheet, 3, 14), text(sheet, 3, 15), text(sheet, 3, 16)))
                    .containsExactly("罚款金额（万元）", "整改完成情况", "是否完成整改", "备注");
            assertThat(sheet.getMergedRegions())
                    .extracting(CellRangeAddress::formatAsString)
                    .contains(
                            "A1:Q1", "A2:M2", "N2:Q2", "A3:Q3", "A4:A5", "B4:B5", "C4:C5", "D4:M4", "N4:N5", "O4:O5",
                            "P4:P5", "Q4:Q5");
            // Data rows 6..16 (four with activity, seven counties of zeros), the total on 17, the note on 18 (1-based).
            assertThat(rowText(sheet.getRow(5), fmt))
                    .containsExactly(
                            "1",
                            "小店区",
                            "焦化",
                            "0",
                            "0",
                            "1",
                            "0",
                            "0",
                            "0",
                            "0",
                            "0",
                            "0",
                            "0",
                            "35.0001",
                            "应整改1家，已完成1家",
                            "是",
                            "");
            assertThat(rowText(sheet.getRow(7), fmt))
                    .containsExactly(
                            "3",
                            "迎泽区",
                            "焦化",
                            "0",
                            "0",
                            "0",
                            "0",
                            "0",
                            "0",
                            "0",
                            "1",
                            "0",
                            "1",
                            "0.0000",
                            "应整改1家，已完成0家",
                            "否",
                            "逾期未整改1家；依法不予处罚1件");
            assertThat(rowText(sheet.getRow(9), fmt))
                    .containsExactly(
                            "5", "尖草坪区", "—", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0.0000", "无需整改", "—",
                            "");
            assertThat(rowText(sheet.getRow(16), fmt))
                    .containsExactly(
                            "",
                            "合计",
                            "",
                            "0",
                            "1",
                            "1",
                            "0",
                            "0",
                            "0",
                            "0",
                            "1",
                            "0",
                            "1",
                            "50.0001",
                            "应整改3家，已完成1家",
                            "否",
                            "逾期未整改1家；依法不予处罚1件");
            assertThat(text(sheet, 17, 0)).startsWith("注：计数单位：");
            assertThat(sheet.getRow(18)).isNull();
        }
    }

    @Test
    @Order(5)
    void csvIsUtf8WithBom() {
        byte[] bytes = web.get()
                .uri("/api/v1/reports/summary?from=2027-06-01&to=2027-06-30")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", TAIYUAN))
                .header(HttpHeaders.ACCEPT, "text/csv")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String[] lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).split("\r\n");
        // header, 11 county rows, 合计, the note, 填报单位/时间/填报日期
        assertThat(lines).hasSize(15);
        assertThat(lines[0]).isEqualTo("序号,区域,行业类别," + String.join(",", SEED_TYPES) + ",罚款金额（万元）,整改完成情况,是否完成整改,备注");
        assertThat(lines[4]).isEqualTo("4,杏花岭区,火电,0,1,0,0,0,0,0,0,0,0,15.0000,应整改1家，已完成0家,否,");
        assertThat(lines[5]).isEqualTo("5,尖草坪区,—,0,0,0,0,0,0,0,0,0,0,0.0000,无需整改,—,");
        assertThat(lines[12]).isEqualTo(",合计,,0,1,1,0,0,0,0,1,0,1,50.0001,应整改3家，已完成1家,否,逾期未整改1家；依法不予处罚1件");
    }

    @Test
    @Order(6)
    void scopeAndValidation() {
        // 大同 may not read 太原's table, nor 太原's units.
        web.get()
                .uri("/api/v1/reports/summary?from=2027-06-01&to=2027-06-30&division=" + TAIYUAN)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", DATONG))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("division-out-of-scope");
        web.get()
                .uri("/api/v1/reports/units/" + P1)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", DATONG))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unit-not-found");
        // 大同's own table holds only its own row.
        Map<String, Object> datong = getJson(
                web, json, "/api/v1/reports/summary?from=2027-06-01&to=2027-06-30", TestJwts.token("CITY", DATONG));
        assertThat(list(datong.get("rows")))
                .filteredOn(r -> r.get("industry") != null)
                .extracting(r -> r.get("region"))
                .containsExactly("平城区");
        assertThat(list(datong.get("rows")))
                .extracting(r -> r.get("regionCode"))
                .allMatch(c -> ((String) c).startsWith("1402"));
        web.get()
                .uri("/api/v1/reports/summary?to=2027-06-30")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", TAIYUAN))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("from");
        web.get()
                .uri("/api/v1/reports/summary?from=2027-06-30&to=2027-06-01")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", TAIYUAN))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("to");
        web.get()
                .uri("/api/v1/reports/summary?from=2027-06-01&to=2027-06-30&format=pdf")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", TAIYUAN))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("format");
        web.get()
                .uri("/api/v1/reports/summary?from=2027-06-01&to=2027-06-30")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        web.post()
                .uri("/api/v1/reports/rebuild")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", TAIYUAN))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    /**
     * Issue 11.3: an inspector of 太原 read every case of the city (facts, fines) through a unit's history. Reporting
     * has no assignments to limit it to its own tasks, so an INSPECTOR reads no report; the public pages stay open.
     */
    @Test
    @Order(6)
    void anInspectorReadsNoReport() {
        String inspector = TestJwts.builder()
                .subject(java.util.UUID.randomUUID().toString())
                .roles("INSPECTOR")
                .division(TAIYUAN)
                .build();
        for (String uri : List.of(
                "/api/v1/reports/units/" + P1,
                "/api/v1/reports/units/" + P1 + "?asOf=2027-06-30",
                "/api/v1/reports/summary?from=2027-06-01&to=2027-06-30",
                "/api/v1/reports/dispatch?month=2027-06",
                "/api/v1/reports/year?year=2027",
                "/api/v1/reports/plans?year=2027")) {
            web.get()
                    .uri(uri)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + inspector)
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("reports-bureau-only");
        }
        // the same unit's history is there for the city bureau
        web.get()
                .uri("/api/v1/reports/units/" + P1)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", TAIYUAN))
                .exchange()
                .expectStatus()
                .isOk();
    }

    // ---------------------------------------------------------------- dispatch, year, plan, unit history

    @Test
    @Order(7)
    void monthlyDispatchPerCity() {
        Map<String, Object> report =
                getJson(web, json, "/api/v1/reports/dispatch?month=2027-06", TestJwts.token("PROVINCE", "140000"));
        List<Map<String, Object>> rows = list(report.get("rows"));
        assertThat(rows).hasSize(11);
        Map<String, Object> taiyuan = rows.get(0);
        assertThat(taiyuan)
                .containsEntry("divisionCode", TAIYUAN)
                .containsEntry("name", "太原市")
                .containsEntry("tasksPlanned", 5)
                .containsEntry("tasksDone", 4)
                .containsEntry("inspections", 4)
                .containsEntry("findings", 4)
                .containsEntry("casesOpened", 3)
                .containsEntry("rectificationsOrdered", 3)
                .containsEntry("rectificationsCompleted", 1)
                .containsEntry("overdueRectifications", 1)
                .containsEntry("submissionsOnTime", 0)
                .containsEntry("submissionsLate", 1)
                .containsEntry("submissionsMissing", 0);
        assertThat(new BigDecimal(String.valueOf(taiyuan.get("fineWanYuan")))).isEqualByComparingTo("50.0001");
        Map<String, Object> datong = rows.get(1);
        assertThat(datong)
                .containsEntry("divisionCode", DATONG)
                .containsEntry("tasksPlanned", 1)
                .containsEntry("tasksDone", 1)
                .containsEntry("inspections", 1)
                .containsEntry("findings", 1)
                .containsEntry("casesOpened", 1)
                .containsEntry("submissionsOnTime", 1)
                .containsEntry("submissionsMissing", 0);
        assertThat(rows.get(2))
                .containsEntry("name", "阳泉市")
                .containsEntry("tasksPlanned", 0)
                .containsEntry("submissionsMissing", 1);
        Map<String, Object> total = map(report.get("total"));
        assertThat(total)
                .containsEntry("tasksPlanned", 6)
                .containsEntry("inspections", 5)
                .containsEntry("submissionsMissing", 9)
                .containsEntry("submissionsOnTime", 1)
                .containsEntry("submissionsLate", 1);

        Map<String, Object> own =
                getJson(web, json, "/api/v1/reports/dispatch?month=2027-06", TestJwts.token("CITY", TAIYUAN));
        assertThat(list(own.get("rows")))
                .singleElement()
                .satisfies(r -> assertThat(r).containsEntry("tasksDone", 4));
    }

    @Test
    @Order(7)
    void monthlyDispatchAsXlsxHoldsTheSameFigures() throws Exception {
        byte[] bytes = web.get()
                .uri("/api/v1/reports/dispatch?month=2027-06&format=xlsx")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("PROVINCE", "140000"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .expectHeader()
                .value(HttpHeaders.CONTENT_DISPOSITION, d -> assertThat(d).contains("attachment"))
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet sheet = wb.getSheetAt(0);
            DataFormatter fmt = new DataFormatter();
            assertThat(text(sheet, 0, 0)).isEqualTo("排污许可执法检查月度调度表");
            assertThat(text(sheet, 1, 0)).isEqualTo("填报单位：山西省");
            assertThat(text(sheet, 2, 0)).isEqualTo("时间：2027-06-01 至 2027-06-30");
            assertThat(List.of(
                            text(sheet, 3, 0),
                            text(sheet, 3, 1),
                            text(sheet, 3, 3),
                            text(sheet, 3, 7),
                            text(sheet, 3, 10)))
                    .containsExactly("区划", "双随机任务", "检查（次）", "整改", "联络员报送");
            assertThat(rowText(sheet.getRow(4), fmt).subList(1, 13))
                    .containsExactly("计划", "完成", "", "", "", "", "责令整改", "完成整改", "逾期未整改", "按时", "迟报", "未报");
            assertThat(sheet.getMergedRegions())
                    .extracting(CellRangeAddress::formatAsString)
                    .contains("A1:M1", "A4:A5", "B4:C4", "D4:D5", "H4:J4", "K4:M4");
            // Taiyuan's row is the JSON's above: 5 planned, 4 done, 4 inspections, 4 findings, 3 cases, 50.0001 万元,
            // 3 ordered, 1 completed, 1 overdue, submissions 0 on time, 1 late, 0 missing.
            assertThat(rowText(sheet.getRow(5), fmt).subList(0, 13))
                    .containsExactly("太原市", "5", "4", "4", "4", "3", "50.0001", "3", "1", "1", "0", "1", "0");
            // 11 cities on rows 6..16, 合计 on row 17 (1-based): 6 planned, 5 inspections; submissions 1 + 1 + 9.
            List<String> total = rowText(sheet.getRow(16), fmt);
            assertThat(total.get(0)).isEqualTo("合计");
            assertThat(total.get(1)).isEqualTo("6");
            assertThat(total.get(3)).isEqualTo("5");
            assertThat(total.subList(10, 13)).containsExactly("1", "1", "9");
        }
    }

    @Test
    @Order(8)
    void yearSummaryIncludesMay() {
        Map<String, Object> year =
                getJson(web, json, "/api/v1/reports/year?year=2027", TestJwts.token("CITY", TAIYUAN));
        // Adds R5 (5-28), F7, C5 (5-31), RC5 (5-30) and R2b (7-01) to June's figures.
        assertThat(list(year.get("rows")))
                .singleElement()
                .satisfies(r -> assertThat(r)
                        .containsEntry("inspections", 6)
                        .containsEntry("findings", 5)
                        .containsEntry("casesOpened", 4)
                        .containsEntry("rectificationsOrdered", 4));
    }

    @Test
    @Order(8)
    void progressMonthByMonthAddsUpToTheYear() {
        Map<String, Object> progress =
                getJson(web, json, "/api/v1/reports/progress?year=2027", TestJwts.token("CITY", TAIYUAN));
        assertThat(progress).containsEntry("year", 2027).containsEntry("divisionName", "太原市");
        List<Map<String, Object>> months = list(progress.get("months"));
        assertThat(months)
                .extracting(m -> m.get("month"))
                .containsExactly(
                        "2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06", "2027-07", "2027-08",
                        "2027-09", "2027-10", "2027-11", "2027-12");
        // June is the dispatch of 2027-06 for 太原 (monthlyDispatchPerCity)
        assertThat(months.get(5))
                .containsEntry("tasksPlanned", 5)
                .containsEntry("tasksDone", 4)
                .containsEntry("inspections", 4)
                .containsEntry("findings", 4)
                .containsEntry("casesOpened", 3)
                .containsEntry("rectificationsOrdered", 3)
                .containsEntry("rectificationsCompleted", 1)
                .containsEntry("overdueRectifications", 1);
        assertThat(new BigDecimal(String.valueOf(months.get(5).get("fineWanYuan"))))
                .isEqualByComparingTo("50.0001");
        // May: R5 (5-28), F7, C5 (5-31), RC5 (5-30); July: R2b (7-01 in the bureau's zone) — yearSummaryIncludesMay
        assertThat(months.get(4))
                .containsEntry("inspections", 1)
                .containsEntry("findings", 1)
                .containsEntry("casesOpened", 1)
                .containsEntry("rectificationsOrdered", 1);
        assertThat(months.get(6)).containsEntry("inspections", 1);
        assertThat(months.get(0)).containsEntry("inspections", 0).containsEntry("tasksPlanned", 0);
        // the total is the year summary: 6 inspections, 5 findings, 4 cases, 4 rectifications ordered
        assertThat(map(progress.get("total")))
                .containsEntry("inspections", 6)
                .containsEntry("findings", 5)
                .containsEntry("casesOpened", 4)
                .containsEntry("rectificationsOrdered", 4);
    }

    @Test
    @Order(9)
    void planTableAsJsonAndXlsx() throws Exception {
        Map<String, Object> plan =
                getJson(web, json, "/api/v1/reports/plans?year=2027", TestJwts.token("COUNTY", XIAODIAN));
        assertThat(plan).containsEntry("planTitle", "太原市2027年排污许可清单式执法检查计划");
        List<Map<String, Object>> rows = list(plan.get("rows"));
        // always the seed's seven industries and 其他 (issue 12.8); the plan has rows for 造纸 and 焦化 only
        assertThat(rows)
                .extracting(r -> r.get("industryLabel"))
                .containsExactly("造纸", "钢铁", "火电", "焦化", "水泥", "污水处理", "再生利用", "其他");
        assertThat(rows.get(3))
                .containsEntry("ratio", "5%")
                .containsEntry("frequency", "每季1次")
                .containsEntry("doubleRandom", "是")
                .containsEntry("method", "抽查")
                .containsEntry("cooperatingAgencies", "市生态环境监测站、行政审批服务管理局");
        byte[] bytes = web.get()
                .uri("/api/v1/reports/plans?year=2027&cityCode=" + TAIYUAN + "&format=xlsx")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("PROVINCE", "140000"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(text(sheet, 0, 0)).isEqualTo("山西省排污许可清单式执法检查计划");
            assertThat(text(sheet, 2, 4)).isEqualTo("双随机信息");
            assertThat(List.of(
                            text(sheet, 3, 4),
                            text(sheet, 3, 5),
                            text(sheet, 3, 6),
                            text(sheet, 3, 7),
                            text(sheet, 3, 8)))
                    .containsExactly("是否纳入双随机", "检查比例", "检查频次", "检查内容(日常)", "检查内容(专项)");
            assertThat(sheet.getMergedRegions())
                    .extracting(CellRangeAddress::formatAsString)
                    .contains("E3:G3", "H3:I3", "A3:A4", "J3:J4", "K3:K4");
            assertThat(text(sheet, 7, 1)).isEqualTo("焦化");
            assertThat(text(sheet, 7, 2)).isEqualTo("“双随机、一公开”检查");
            assertThat(text(sheet, 5, 1)).isEqualTo("钢铁");
            assertThat(text(sheet, 5, 2)).isEqualTo("未列入计划");
        }
        web.get()
                .uri("/api/v1/reports/plans?year=2027&cityCode=" + TAIYUAN)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", DATONG))
                .exchange()
                .expectStatus()
                .isForbidden();
        web.get()
                .uri("/api/v1/reports/plans?year=2026")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", TAIYUAN))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    @Order(10)
    void unitHistoryWithQuarterStrip() {
        Map<String, Object> h1 = getJson(
                web, json, "/api/v1/reports/units/" + P1 + "?asOf=2027-06-30", TestJwts.token("COUNTY", XIAODIAN));
        assertThat(h1)
                .containsEntry("unitName", "太原煤气化焦化有限公司")
                .containsEntry("countyName", "小店区")
                .containsEntry("industryLabel", "焦化")
                .containsEntry("managementCategory", "KEY");
        List<Map<String, Object>> quarters = list(h1.get("quarters"));
        assertThat(quarters).hasSize(12);
        assertThat(quarters.get(0)).containsEntry("quarter", "2024Q3").containsEntry("status", "NOT_INSPECTED");
        assertThat(quarters.get(11))
                .containsEntry("quarter", "2027Q2")
                .containsEntry("status", "VIOLATION")
                .containsEntry("inspections", 1)
                .containsEntry("violations", 1);
        assertThat(map(h1.get("totals")))
                .containsEntry("inspections", 1)
                .containsEntry("violations", 1)
                .containsEntry("cases", 1)
                .containsEntry("openRectifications", 0);
        assertThat(new BigDecimal(String.valueOf(map(h1.get("totals")).get("fineYuan"))))
                .isEqualByComparingTo("350000.50");
        assertThat(list(h1.get("inspections")))
                .singleElement()
                .satisfies(i ->
                        assertThat(i).containsEntry("version", 2).containsEntry("violationTypes", List.of("超标排放")));
        Map<String, Object> case1 = list(h1.get("cases")).get(0);
        assertThat(list(case1.get("penalties")))
                .extracting(p -> p.get("kind"))
                .containsExactly("FINE", "DAILY_CONTINUOUS");
        assertThat(list(case1.get("rectifications")))
                .singleElement()
                .satisfies(r -> assertThat(r).containsEntry("status", "COMPLETED"));

        Map<String, Object> h3 =
                getJson(web, json, "/api/v1/reports/units/" + P3 + "?asOf=2027-06-30", TestJwts.token("CITY", TAIYUAN));
        assertThat(list(h3.get("quarters")).get(11)).containsEntry("status", "UNRESOLVED");
        // In Q3 of 2027 the strip moves on: Q2 remains UNRESOLVED, Q3 is not inspected.
        Map<String, Object> later =
                getJson(web, json, "/api/v1/reports/units/" + P3 + "?asOf=2027-08-01", TestJwts.token("CITY", TAIYUAN));
        assertThat(list(later.get("quarters")).get(10)).containsEntry("status", "UNRESOLVED");
        assertThat(list(later.get("quarters")).get(11))
                .containsEntry("quarter", "2027Q3")
                .containsEntry("status", "NOT_INSPECTED");

        Map<String, Object> h2 =
                getJson(web, json, "/api/v1/reports/units/" + P2 + "?asOf=2027-09-30", TestJwts.token("CITY", TAIYUAN));
        // R2 (6-30 Beijing) in Q2, R2b (7-01 Beijing) in Q3: both compliant.
        assertThat(list(h2.get("quarters")).subList(10, 12))
                .extracting(q -> q.get("status"))
                .containsExactly("INSPECTED_COMPLIANT", "INSPECTED_COMPLIANT");
        web.get()
                .uri("/api/v1/reports/units/NOPE")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("PROVINCE", "140000"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    // ---------------------------------------------------------------- public disclosure

    @Test
    @Order(11)
    void publicPagesWithoutTokenShowNoPersonalData() {
        String draws = web.get()
                .uri("/api/v1/public/draws?city=" + TAIYUAN + "&month=2027-06")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        Map<String, Object> drawPage = json.readValue(draws, Map.class);
        assertThat(drawPage).containsEntry("total", 1);
        assertThat(list(map(list(drawPage.get("items")).get(0)).get("units")))
                .extracting(u -> u.get("permitNumber"))
                .containsExactly(P1, P3);

        String inspections = web.get()
                .uri("/api/v1/public/inspections?city=" + TAIYUAN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        Map<String, Object> page = json.readValue(inspections, Map.class);
        // Only P1 and P3 were in the published draw; R3 (6-09) is newer than R1 (6-05).
        assertThat(page).containsEntry("total", 2);
        List<Map<String, Object>> items = list(page.get("items"));
        assertThat(items.get(0))
                .containsEntry("permitNumber", P3)
                .containsEntry("result", "NON_COMPLIANT")
                .containsEntry("violationTypes", List.of("环境管理台账记录不全", "信息公开不落实"))
                .containsEntry("rectification", "OVERDUE")
                .containsEntry("inspectedOn", "2027-06-09");
        assertThat(items.get(1))
                .containsEntry("permitNumber", P1)
                .containsEntry("violationTypes", List.of("超标排放"))
                .containsEntry("rectification", "COMPLETED");
        for (String body : List.of(draws, inspections)) {
            assertThat(body)
                    .doesNotContain(
                            "submittedBy",
                            SUBMITTER,
                            DECIDER,
                            INSPECTOR.toString(),
                            "inspector",
                            "decidedBy",
                            "openedBy");
        }
        web.get()
                .uri("/api/v1/public/inspections?size=1000")
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    // ---------------------------------------------------------------- replay

    /**
     * Issue 21: the rows the summary table counts keep the trace of the request that wrote their current version —
     * R1's correction (published first) wins over the submission that arrived later, and the redelivered ACTIVE of
     * F1 brings back neither the finding nor the submission's trace; events without a traceparent leave none. The
     * rebuild below proves the value is the same after a replay.
     */
    @Test
    @Order(12)
    void countedRowsKeepTheTraceOfTheRequestThatWroteThem() {
        assertThat(traceOf("SELECT trace_id FROM rm_inspection WHERE record_id = :id", r1))
                .isEqualTo(CORRECTION_TRACE);
        assertThat(db.sql("SELECT coalesce(trace_id, '-') AS t FROM rm_finding WHERE record_id = :id ORDER BY 1")
                        .bind("id", r1)
                        .map(r -> r.get("t", String.class))
                        .all()
                        .collectList()
                        .block())
                .as("F1, F2 (superseded by the correction) and F1b (recorded by it)")
                .containsExactly(CORRECTION_TRACE, CORRECTION_TRACE, CORRECTION_TRACE);
        assertThat(traceOf("SELECT trace_id FROM rm_inspection WHERE record_id = :id", r3))
                .as("an event without a traceparent")
                .isNull();
    }

    private String traceOf(String sql, UUID id) {
        return db.sql(sql)
                .bind("id", id)
                .map(r -> Optional.ofNullable(r.get("trace_id", String.class)))
                .one()
                .block()
                .orElse(null);
    }

    @Test
    @Order(20)
    void rebuildGivesIdenticalTables() {
        List<String> before = dump();
        Map<String, Object> summaryBefore = getJson(
                web,
                json,
                "/api/v1/reports/summary?from=2027-06-01&to=2027-06-30",
                TestJwts.token("PROVINCE", "140000"));
        assertThat(before).hasSizeGreaterThan(40);
        web.post()
                .uri("/api/v1/reports/rebuild")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("PROVINCE", "140000"))
                .exchange()
                .expectStatus()
                .isAccepted();
        awaitApplied(db, events.sent());
        assertThat(dump()).containsExactlyElementsOf(before);
        assertThat(getJson(
                        web,
                        json,
                        "/api/v1/reports/summary?from=2027-06-01&to=2027-06-30",
                        TestJwts.token("PROVINCE", "140000")))
                .isEqualTo(summaryBefore);
    }

    // ---------------------------------------------------------------- helpers

    private List<String> dump() {
        List<String> out = new ArrayList<>();
        for (String table : List.of(
                "rm_unit",
                "rm_inspection",
                "rm_finding",
                "rm_case",
                "rm_penalty",
                "rm_rectification",
                "rm_alert",
                "rm_task",
                "rm_plan",
                "rm_draw",
                "rm_draw_unit",
                "rm_submission")) {
            out.addAll(db.sql("SELECT t::text AS line FROM " + table + " t ORDER BY 1")
                    .map(r -> table + " " + r.get("line", String.class))
                    .all()
                    .collectList()
                    .block());
        }
        return out;
    }

    private void assertRow(
            Map<String, Object> row,
            Integer no,
            int inspections,
            Map<String, Integer> violations,
            String fine,
            String status,
            String complete,
            String remarks) {
        assertThat(row.get("no")).isEqualTo(no);
        assertThat(row).containsEntry("inspections", inspections);
        Map<String, Object> counts = map(row.get("violations"));
        assertThat(counts.keySet())
                .containsExactly(
                        "UNPERMITTED_DISCHARGE",
                        "UNPERMITTED_OUTLET",
                        "EXCEEDING_LIMITS",
                        "FACILITY_NOT_RUNNING",
                        "FUGITIVE_EMISSION",
                        "REDUCTION_NOT_IMPLEMENTED",
                        "SELF_MONITORING_FALSIFIED",
                        "LEDGER_INCOMPLETE",
                        "EXECUTION_REPORT_IRREGULAR",
                        "DISCLOSURE_NOT_IMPLEMENTED");
        counts.forEach((type, n) -> assertThat(n).as(type).isEqualTo(violations.getOrDefault(type, 0)));
        assertThat(row)
                .containsEntry(
                        "violationTotal",
                        violations.values().stream().mapToInt(Integer::intValue).sum());
        assertThat(new BigDecimal(String.valueOf(row.get("fineWanYuan")))).isEqualByComparingTo(fine);
        assertThat(row)
                .containsEntry("rectificationStatus", status)
                .containsEntry("rectificationComplete", complete)
                .containsEntry("remarks", remarks);
    }

    // ---------------------------------------------------------------- event builders

    private void send(String topic, String key, String type, Object payload) {
        events.send(topic, key, type, payload, traceparent);
    }

    private void unit(String permit, String name, String county, String industry) {
        send(
                Topics.DIRECTORY_UNITS,
                permit,
                DirectoryUnitSnapshot.TYPE,
                new DirectoryUnitSnapshot(
                        permit,
                        permit.substring(0, 18),
                        name,
                        "140000",
                        county.substring(0, 4) + "00",
                        county,
                        "2520",
                        "炼焦",
                        industry,
                        "KEY",
                        "VALID",
                        LocalDate.of(2025, 1, 1),
                        LocalDate.of(2030, 1, 1),
                        false,
                        "KEY",
                        false,
                        List.of(),
                        null,
                        0,
                        3,
                        at("2027-01-01T00:00:00"),
                        at("2027-01-02T00:00:00")));
    }

    private void task(UUID id, String permit, String county, String city, UUID draw, List<String> departments) {
        send(
                InspectionTopics.TASKS,
                id.toString(),
                TaskAssigned.TYPE,
                new TaskAssigned(
                        id,
                        permit,
                        county,
                        city,
                        draw == null ? "MANUAL" : "DRAW",
                        draw,
                        null,
                        "ON_SITE",
                        LocalDate.of(2027, 6, 30),
                        "2027-06",
                        departments,
                        List.of(INSPECTOR),
                        departments.size() > 1));
    }

    private void inspection(
            UUID id,
            int version,
            UUID task,
            String permit,
            String name,
            String county,
            String industry,
            OffsetDateTime inspectedAt,
            int compliant,
            int nonCompliant,
            List<UUID> active) {
        send(
                InspectionTopics.INSPECTIONS,
                id.toString(),
                InspectionSubmitted.TYPE,
                new InspectionSubmitted(
                        id,
                        version,
                        version > 1 ? "更正" : null,
                        task,
                        permit,
                        name,
                        "140000",
                        county.substring(0, 4) + "00",
                        county,
                        industry,
                        UUID.randomUUID(),
                        inspectedAt,
                        inspectedAt.plusHours(3 + version),
                        SUBMITTER,
                        compliant,
                        nonCompliant,
                        0,
                        0,
                        0,
                        active));
    }

    private void finding(
            UUID id,
            String status,
            UUID record,
            int version,
            String permit,
            String county,
            String industry,
            int itemNo,
            String type,
            OffsetDateTime inspectedAt,
            OffsetDateTime recordedAt) {
        send(
                InspectionTopics.FINDINGS,
                id.toString(),
                FindingRecorded.TYPE,
                new FindingRecorded(
                        id,
                        status,
                        null,
                        null,
                        record,
                        version,
                        permit,
                        "单位" + permit.substring(14, 15),
                        "140000",
                        county.substring(0, 4) + "00",
                        county,
                        industry,
                        "ITEM" + itemNo,
                        itemNo,
                        type,
                        "34",
                        inspectedAt,
                        recordedAt));
    }

    private static CaseRef ref(UUID caseId, long version, String permit, String county, String industry, String type) {
        return new CaseRef(
                caseId,
                "晋并环罚〔2027〕" + caseId.toString().substring(0, 4) + "号",
                version,
                permit,
                "单位" + permit.substring(14, 15),
                "140000",
                county.substring(0, 4) + "00",
                county,
                industry,
                type,
                "34");
    }

    private void caseOpened(CaseRef ref, UUID finding, UUID record, OffsetDateTime at) {
        send(
                EnforcementTopics.CASES,
                ref.caseId().toString(),
                CaseOpened.TYPE,
                new CaseOpened(ref, "FINDING", finding, null, record, null, DECIDER, at));
    }

    private void penalty(CaseRef ref, String kind, String rule, String amount, Integer days, OffsetDateTime at) {
        send(
                EnforcementTopics.CASES,
                ref.caseId().toString(),
                PenaltyDecided.TYPE,
                new PenaltyDecided(
                        ref,
                        UUID.randomUUID(),
                        kind,
                        rule,
                        new BigDecimal(amount),
                        new BigDecimal(amount),
                        false,
                        "2027-v1",
                        days,
                        null,
                        null,
                        DECIDER,
                        at));
    }

    private void rectOrdered(CaseRef ref, UUID id, LocalDate on, LocalDate deadline) {
        send(
                EnforcementTopics.CASES,
                ref.caseId().toString(),
                RectificationOrdered.TYPE,
                new RectificationOrdered(
                        ref, id, on, deadline, DECIDER, on.atStartOfDay().atOffset(java.time.ZoneOffset.ofHours(8))));
    }

    private void rectCompleted(CaseRef ref, UUID id, LocalDate deadline, OffsetDateTime at) {
        send(
                EnforcementTopics.CASES,
                ref.caseId().toString(),
                RectificationCompleted.TYPE,
                new RectificationCompleted(ref, id, deadline, null, true, DECIDER, at));
    }

    private void submission(UUID obligation, String city, String status, OffsetDateTime at) {
        send(
                LiaisonTopics.SUBMISSIONS,
                obligation + ":" + city + ":2027-06",
                SubmissionRecorded.TYPE,
                new SubmissionRecorded(
                        UUID.randomUUID(),
                        obligation,
                        "MONTHLY_DISPATCH",
                        city,
                        "2027-06",
                        LocalDate.of(2027, 6, 30),
                        status,
                        SUBMITTER,
                        at));
    }
}
