package org.permitwatch.reporting.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.permitwatch.reporting.ReportingItSupport.awaitApplied;
import static org.permitwatch.reporting.ReportingItSupport.getJson;
import static org.permitwatch.reporting.ReportingItSupport.list;
import static org.permitwatch.reporting.ReportingItSupport.map;

import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.permitwatch.events.enforcement.CaseRef;
import org.permitwatch.events.enforcement.EnforcementTopics;
import org.permitwatch.events.enforcement.PenaltyDecided;
import org.permitwatch.events.inspection.DrawCompleted;
import org.permitwatch.events.inspection.DrawPublished;
import org.permitwatch.events.inspection.InspectionSubmitted;
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.events.inspection.PlanPublished;
import org.permitwatch.events.inspection.TaskAssigned;
import org.permitwatch.events.reporting.DisclosureOverdue;
import org.permitwatch.events.reporting.ReportingTopics;
import org.permitwatch.reporting.EventPublisher;
import org.permitwatch.reporting.ReportingIntegrationTest;
import org.permitwatch.testsupport.SettableClock;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * 一公开 deadlines and the chaser (issue 12.7) with the real 2026 State Council calendar, a real broker and PostgreSQL.
 * Every due date is counted by hand in the comment next to it (start day not counted; holidays skipped; 调休
 * Saturdays and Sundays counted).
 */
@ReportingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DisclosureDeadlinesIT {

    static final String TAIYUAN = "140100";
    static final String XIAODIAN = "140105";
    static final String YINGZE = "140106";
    static final String DATONG = "140200";
    static final String PINGCHENG = "140213";
    static final String DECIDER = "李四科长";

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

    @Autowired
    OverdueDrawChaser chaser;

    @Autowired
    MeterRegistry meters;

    EventPublisher events;
    final UUID plan = UUID.randomUUID();
    final UUID drawA = UUID.randomUUID(); // 太原 September, tasks in 小店 due 9-25, unpublished: chased
    final UUID drawB = UUID.randomUUID(); // 太原 October, tasks in 迎泽 due 10-30: not yet due
    final UUID drawC = UUID.randomUUID(); // 太原 September, no tasks, published 10-20: on time
    final UUID drawD = UUID.randomUUID(); // 大同 September, tasks in 平城 due 9-25, unpublished: chased
    final UUID drawE = UUID.randomUUID(); // 太原 December, no tasks: its deadline falls in 2027 (not loaded)

    static Clock at(String beijing) {
        return Clock.fixed(OffsetDateTime.parse(beijing + "+08:00").toInstant(), java.time.ZoneOffset.UTC);
    }

    static OffsetDateTime time(String beijing) {
        return OffsetDateTime.parse(beijing + "+08:00");
    }

    @AfterAll
    void resetClock() {
        clock.reset();
    }

    @BeforeAll
    void publish() {
        clock.set(at("2026-10-30T09:00:00").instant());
        events = new EventPublisher(broker, json);
        events.send(
                InspectionTopics.PLANS,
                plan.toString(),
                PlanPublished.TYPE,
                new PlanPublished(
                        plan,
                        TAIYUAN,
                        2026,
                        "太原市2026年排污许可清单式执法检查计划",
                        6,
                        List.of(new PlanPublished.Row(
                                1,
                                "COKING",
                                "DOUBLE_RANDOM",
                                "SAMPLING",
                                true,
                                new BigDecimal("0.25"),
                                "QUARTER",
                                1,
                                "日常",
                                null,
                                "现场",
                                List.of(),
                                8,
                                2,
                                List.of())),
                        "planner",
                        time("2026-05-20T10:00:00")));
        completed(drawA, TAIYUAN, "2026-09");
        task(UUID.randomUUID(), drawA, XIAODIAN, TAIYUAN, "2026-09", LocalDate.of(2026, 9, 25), true);
        task(UUID.randomUUID(), drawA, XIAODIAN, TAIYUAN, "2026-09", LocalDate.of(2026, 9, 25), false);
        completed(drawB, TAIYUAN, "2026-10");
        task(UUID.randomUUID(), drawB, YINGZE, TAIYUAN, "2026-10", LocalDate.of(2026, 10, 30), false);
        completed(drawC, TAIYUAN, "2026-09");
        events.send(
                InspectionTopics.DRAWS,
                drawC.toString(),
                DrawPublished.TYPE,
                new DrawPublished(
                        drawC,
                        plan,
                        TAIYUAN,
                        "2026-09",
                        "COKING",
                        "h",
                        "s",
                        List.of(new DrawPublished.Unit("91140100MA0000009X001P", "太原焦化九厂", XIAODIAN, "KEY")),
                        time("2026-10-20T15:00:00")));
        completed(drawD, DATONG, "2026-09");
        task(UUID.randomUUID(), drawD, PINGCHENG, DATONG, "2026-09", LocalDate.of(2026, 9, 25), false);
        completed(drawE, TAIYUAN, "2026-12");

        penalty("FINE", "50000", time("2026-02-14T10:00:00")); // the 调休 Saturday before 春节
        penalty("DAILY_CONTINUOUS", "120000", time("2026-02-13T23:30:00")); // Friday, late evening in Beijing
        penalty("NO_PENALTY", "0", time("2026-02-20T10:00:00")); // 不予处罚: not 双公示
        penalty("FINE", "30000", time("2026-12-28T10:00:00")); // deadline in 2027
        awaitApplied(db, events.sent());
    }

    @AfterAll
    void close() {
        events.close();
    }

    // ------------------------------------------------------------------ public disclosure

    @Test
    @Order(1)
    void publishedDrawNamesAuthorityPlanAndDeadline() {
        Map<String, Object> page = json.readValue(
                web.get()
                        .uri("/api/v1/public/draws?city=" + TAIYUAN)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody(),
                Map.class);
        assertThat(page).containsEntry("total", 1);
        Map<String, Object> c = list(page.get("items")).get(0);
        // C has no tasks: its checks end with its month, 2026-09-30 (Wed). 20 working days from 10-1: 10-1…10-7 国庆
        // no; 10-8 1, 10-9 2, 10-10 Sat 调休 3; 10-12…10-16 4–8; 10-19…10-23 9–13; 10-26…10-30 14–18; 11-2 19, 11-3 20.
        assertThat(c)
                .containsEntry("authority", "太原市生态环境局")
                .containsEntry("checksEndedOn", "2026-09-30")
                .containsEntry("resultsDueOn", "2026-11-03")
                .containsEntry("resultsPublishedOnTime", true)
                .containsEntry("deadlineNote", null);
        assertThat(map(c.get("plan")))
                .containsEntry("planId", plan.toString())
                .containsEntry("year", 2026)
                .containsEntry("category", "DOUBLE_RANDOM")
                .containsEntry("method", "SAMPLING")
                .containsEntry("frequencyPeriod", "QUARTER");
        assertThat(new BigDecimal(String.valueOf(map(c.get("plan")).get("ratio"))))
                .isEqualByComparingTo("0.25");
    }

    @Test
    @Order(2)
    void spotCheckItemsAreTheSeedsTen() {
        Map<String, Object> list = json.readValue(
                web.get()
                        .uri("/api/v1/public/spot-check-items")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody(),
                Map.class);
        List<Map<String, Object>> items = list(list.get("items"));
        assertThat(items).hasSize(10);
        assertThat(items.get(0)).containsEntry("no", 1).containsEntry("content", "排污单位是否申领排污许可证");
        assertThat(items.get(9)).containsEntry("no", 10).containsEntry("content", "信息公开是否落实");
    }

    @Test
    @Order(3)
    void penaltyDecisionsWithSevenWorkingDayDeadline() {
        String body = web.get()
                .uri("/api/v1/public/penalties?city=" + TAIYUAN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        Map<String, Object> page = json.readValue(body, Map.class);
        assertThat(page).containsEntry("total", 3); // the NO_PENALTY decision is not a 行政处罚
        List<Map<String, Object>> items = list(page.get("items"));
        // Newest first. 2026-12-28 + 7 working days runs into 2027, whose arrangement is not loaded: no guessed date.
        assertThat(items.get(0))
                .containsEntry("decidedOn", "2026-12-28")
                .containsEntry("disclosureDueOn", null)
                .containsEntry("deadlineNote", "calendar-year-not-loaded:2027");
        // Decided Saturday 2-14 (调休): 2-15…2-23 春节 no; 2-24 1, 2-25 2, 2-26 3, 2-27 4, 2-28 Sat 调休 5, 3-2 6, 3-3 7.
        assertThat(items.get(1))
                .containsEntry("decidedOn", "2026-02-14")
                .containsEntry("disclosureDueOn", "2026-03-03")
                .containsEntry("kind", "FINE")
                .containsEntry("authority", "太原市生态环境局")
                .containsEntry("violationType", "超标排放")
                .containsEntry("article", "34(1)");
        // 23:30 Beijing on Friday 2-13 is 2-13: 2-14 Sat 调休 1; 2-24 2, 2-25 3, 2-26 4, 2-27 5, 2-28 6, 3-2 7.
        assertThat(items.get(2))
                .containsEntry("decidedOn", "2026-02-13")
                .containsEntry("disclosureDueOn", "2026-03-02")
                .containsEntry("kind", "DAILY_CONTINUOUS");
        assertThat(body).doesNotContain(DECIDER, "decidedBy");
    }

    // ------------------------------------------------------------------ the chaser

    @Test
    @Order(10)
    void chaserWarnsThenFlagsLateDrawsOnceAndLeavesOnTimeOnesAlone() {
        // A and D: checks ended Friday 9-25 (中秋). 20 working days: 9-28 1, 9-29 2, 9-30 3; 国庆 10-1…10-7 no;
        // 10-8 4, 10-9 5, 10-10 Sat 调休 6; 10-12…10-16 7–11; 10-19…10-23 12–16; 10-26 17, 10-27 18, 10-28 19,
        // 10-29 Thu 20. Due 2026-10-29.
        // B: checks end Friday 10-30; 11-2…11-6 1–5, 11-9…13 6–10, 16…20 11–15, 23…27 16–20: due 11-27, far away.
        // E: checks end 12-31; its 20 working days lie in 2027: no deadline, counted as calendar-missing.
        // Monday 10-26: working days left to 10-29 = 10-27, 10-28, 10-29 = 3 <= 3: APPROACHING for A and D.
        assertThat(chaser.run(at("2026-10-26T08:30:00")).block()).isEqualTo(new OverdueDrawChaser.Outcome(0, 2, 1, 2));
        // The due day itself is still on time (0 left): nothing new.
        assertThat(chaser.run(at("2026-10-29T08:30:00")).block()).isEqualTo(new OverdueDrawChaser.Outcome(0, 2, 1, 0));
        // Friday 10-30, the working day after: OVERDUE for A and D, raised once; a re-run raises nothing.
        assertThat(chaser.run(at("2026-10-30T08:30:00")).block()).isEqualTo(new OverdueDrawChaser.Outcome(2, 0, 1, 2));
        assertThat(chaser.run(at("2026-10-30T18:00:00")).block()).isEqualTo(new OverdueDrawChaser.Outcome(2, 0, 1, 0));

        assertThat(rows("SELECT draw_id::text || ':' || stage || ':' || due_on AS v FROM disclosure_chase ORDER BY 1"))
                .containsExactlyInAnyOrder(
                        drawA + ":APPROACHING:2026-10-29",
                        drawA + ":OVERDUE:2026-10-29",
                        drawD + ":APPROACHING:2026-10-29",
                        drawD + ":OVERDUE:2026-10-29");
        assertThat(rows("SELECT count(*)::text AS v FROM audit_log WHERE action = 'disclosure.chase'"))
                .containsExactly("4");
        assertThat(meters.get("permitwatch.disclosure.draws.overdue").gauge().value())
                .isEqualTo(2.0);
        assertThat(meters.get("permitwatch.disclosure.draws.calendar.missing")
                        .gauge()
                        .value())
                .isEqualTo(1.0);
        assertThat(meters.get("permitwatch.disclosure.chases")
                        .tag("stage", "OVERDUE")
                        .counter()
                        .count())
                .isEqualTo(2.0);
        // The four events reach Kafka through the outbox (the relay stamps published_at after the broker's ack).
        await().atMost(Duration.ofSeconds(30))
                .until(() -> rows("""
                SELECT count(*)::text AS v FROM outbox_event
                WHERE event_type = '%s' AND topic = '%s' AND published_at IS NOT NULL""".formatted(DisclosureOverdue.TYPE, ReportingTopics.DISCLOSURE))
                        .equals(List.of("4")));
        Map<String, Object> payload = json.readValue(
                rows("SELECT payload::text AS v FROM outbox_event WHERE " + "payload ->> 'drawId' = '" + drawA
                                + "' AND payload ->> 'stage' = 'OVERDUE'")
                        .get(0),
                Map.class);
        // late by (10-29, 10-30] = 1 working day; both of A's tasks are counted, one inspected.
        assertThat(payload)
                .containsEntry("cityCode", TAIYUAN)
                .containsEntry("checksEndedOn", "2026-09-25")
                .containsEntry("dueOn", "2026-10-29")
                .containsEntry("workingDaysLate", 1)
                .containsEntry("tasks", 2)
                .containsEntry("tasksInspected", 1);
    }

    @Test
    @Order(11)
    void overdueListIsScopedToTheCallersDivision() {
        Map<String, Object> city =
                getJson(web, json, "/api/v1/reports/disclosure/overdue", TestJwts.token("CITY", TAIYUAN));
        assertThat(city).containsEntry("total", 1);
        assertThat(list(city.get("items")).get(0))
                .containsEntry("drawId", drawA.toString())
                .containsEntry("stage", "OVERDUE")
                .containsEntry("dueOn", "2026-10-29")
                .containsEntry("workingDaysLate", 1)
                .containsEntry("authority", "太原市生态环境局")
                .containsEntry("tasks", 2)
                .containsEntry("tasksInspected", 1);
        // 小店 holds A's tasks; 迎泽 holds none of a late draw's; 大同 sees its own D only; the province both.
        assertThat(getJson(web, json, "/api/v1/reports/disclosure/overdue", TestJwts.token("COUNTY", XIAODIAN)))
                .containsEntry("total", 1);
        assertThat(getJson(web, json, "/api/v1/reports/disclosure/overdue", TestJwts.token("COUNTY", YINGZE)))
                .containsEntry("total", 0);
        Map<String, Object> datong =
                getJson(web, json, "/api/v1/reports/disclosure/overdue", TestJwts.token("CITY", DATONG));
        assertThat(list(datong.get("items"))).extracting(m -> m.get("drawId")).containsExactly(drawD.toString());
        assertThat(getJson(
                        web,
                        json,
                        "/api/v1/reports/disclosure/overdue?stage=OVERDUE",
                        TestJwts.token("PROVINCE", "140000")))
                .containsEntry("total", 2);
        web.get()
                .uri("/api/v1/reports/disclosure/overdue?stage=LATE")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", TAIYUAN))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("stage");
        web.get()
                .uri("/api/v1/reports/disclosure/overdue")
                .header(
                        HttpHeaders.AUTHORIZATION,
                        "Bearer "
                                + TestJwts.builder()
                                        .subject(UUID.randomUUID().toString())
                                        .roles("INSPECTOR")
                                        .division(TAIYUAN)
                                        .build())
                .exchange()
                .expectStatus()
                .isForbidden();
        web.get()
                .uri("/api/v1/reports/disclosure/overdue")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    @Order(12)
    void aLatePublicationLeavesTheListAndShowsAsLate() {
        events.send(
                InspectionTopics.DRAWS,
                drawA.toString(),
                DrawPublished.TYPE,
                new DrawPublished(
                        drawA, plan, TAIYUAN, "2026-09", "COKING", "h", "s", List.of(), time("2026-10-31T10:00:00")));
        awaitApplied(db, events.sent());
        assertThat(getJson(web, json, "/api/v1/reports/disclosure/overdue", TestJwts.token("CITY", TAIYUAN)))
                .containsEntry("total", 0);
        Map<String, Object> page = json.readValue(
                web.get()
                        .uri("/api/v1/public/draws?city=" + TAIYUAN + "&month=2026-09")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody(),
                Map.class);
        Map<String, Object> a = list(page.get("items")).stream()
                .filter(m -> drawA.toString().equals(m.get("drawId")))
                .findFirst()
                .orElseThrow();
        // published 10-31, due 10-29: late.
        assertThat(a).containsEntry("resultsDueOn", "2026-10-29").containsEntry("resultsPublishedOnTime", false);
    }

    // ------------------------------------------------------------------ helpers

    private void completed(UUID draw, String city, String month) {
        events.send(
                InspectionTopics.DRAWS,
                draw.toString(),
                DrawCompleted.TYPE,
                new DrawCompleted(
                        draw,
                        plan,
                        null,
                        city,
                        month,
                        "h",
                        "s",
                        "fp",
                        Map.of("KEY", 1),
                        1,
                        time(month + "-01T09:00:00")));
    }

    private void task(UUID id, UUID draw, String county, String city, String month, LocalDate due, boolean inspected) {
        String permit = "91" + county + "MA"
                + id.toString().substring(0, 6).toUpperCase().replaceAll("[^0-9A-F]", "0") + "X001P";
        events.send(
                InspectionTopics.TASKS,
                id.toString(),
                TaskAssigned.TYPE,
                new TaskAssigned(
                        id,
                        permit,
                        county,
                        city,
                        "DRAW",
                        draw,
                        plan,
                        "ON_SITE",
                        due,
                        month,
                        List.of("ENFORCEMENT"),
                        List.of(UUID.randomUUID()),
                        false));
        if (inspected) {
            UUID record = UUID.randomUUID();
            OffsetDateTime on = time(month + "-10T10:00:00");
            events.send(
                    InspectionTopics.INSPECTIONS,
                    record.toString(),
                    InspectionSubmitted.TYPE,
                    new InspectionSubmitted(
                            record,
                            1,
                            null,
                            id,
                            permit,
                            "单位",
                            "140000",
                            city,
                            county,
                            "COKING",
                            UUID.randomUUID(),
                            on,
                            on.plusHours(2),
                            "inspector",
                            10,
                            0,
                            0,
                            0,
                            0,
                            List.of()));
        }
    }

    private void penalty(String kind, String amount, OffsetDateTime at) {
        UUID caseId = UUID.randomUUID();
        CaseRef ref = new CaseRef(
                caseId,
                "晋并环罚〔2026〕" + caseId.toString().substring(0, 4) + "号",
                1,
                "91140100MA0000001X001P",
                "太原煤气化焦化有限公司",
                "140000",
                TAIYUAN,
                XIAODIAN,
                "COKING",
                "EXCEEDING_LIMITS",
                "34(1)");
        events.send(
                EnforcementTopics.CASES,
                caseId.toString(),
                PenaltyDecided.TYPE,
                new PenaltyDecided(
                        ref,
                        UUID.randomUUID(),
                        kind,
                        "NO_PENALTY".equals(kind) ? "FIRST_MINOR_LEDGER" : null,
                        new BigDecimal(amount),
                        new BigDecimal(amount),
                        false,
                        "2026-v1",
                        null,
                        null,
                        null,
                        DECIDER,
                        at));
    }

    private List<String> rows(String sql) {
        return db.sql(sql)
                .map(r -> r.get("v", String.class))
                .all()
                .collectList()
                .block();
    }
}
