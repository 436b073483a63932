package org.permitwatch.inspection.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.permitwatch.inspection.InspectionItSupport.field;
import static org.permitwatch.inspection.InspectionItSupport.problem;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.enforcement.EnforcementTopics;
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.inspection.InspectionIntegrationTest;
import org.permitwatch.inspection.finding.FindingWriter;
import org.permitwatch.inspection.rectification.OverdueJob;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.security.Role;
import org.permitwatch.testsupport.SettableClock;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cases from finding to closure over real PostgreSQL and an embedded KRaft broker. Inspection records and findings
 * are inserted with SQL into the tables the record feature owns, exactly as its contract fixes them; everything of
 * cases, penalties and rectification goes through the API. Expected amounts are computed by hand in the comments
 * (shipped benchmark: HARM .30, FAULT .20, METHOD .15, HISTORY .15, ATTITUDE .20).
 */
@SuppressWarnings("unchecked")
@InspectionIntegrationTest
class CaseLifecycleIT {

    private static final String COUNTY = "140105";
    private static final String CITY = "140100";
    private static final ZoneOffset CST = ZoneOffset.ofHours(8);
    private static final AtomicInteger SEQ = new AtomicInteger();

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    JsonMapper json;

    @Autowired
    OverdueJob overdue;

    @Autowired
    FindingWriter findingWriter;

    @Autowired
    ReactiveTransactionManager transactions;

    @Autowired
    SettableClock clock;

    /**
     * The bureau's today, pinned (never the wall clock: CI runs on any day, and the procedure's working-day windows
     * must not depend on where the holidays fall): Wednesday 2026-12-09 — after 2026-12-01, when the discretion
     * benchmark SX-PERMIT-2026.1 the expectations name took effect (inspections from today - 3 on fall under it), and
     * with no holiday in the working days the procedure counts from it (cn-2026.json: none after 国庆; the records
     * dated up to today + 30 only carry a day).
     */
    private final LocalDate today = LocalDate.of(2026, 12, 9);

    @BeforeEach
    void pinClock() {
        clock.set(today.atTime(10, 0).atOffset(CST).toInstant());
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void findingBecomesAnExplainedFineADailyFineAVerifiedRectificationAndAClosedCase() {
        String permit = permit();
        UUID finding = finding(
                submittedRecord(permit, today.minusDays(2)), permit, "EXCEEDING_LIMITS", "34(1)", today.minusDays(2));
        String county = TestJwts.token("COUNTY", COUNTY);
        String city = TestJwts.token("CITY", CITY);

        Map<String, Object> opened = post("/api/v1/cases", county, Map.of("findingId", finding.toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String caseId = (String) opened.get("id");
        assertThat((String) opened.get("caseNo")).matches("140100-" + today.getYear() + "-\\d{4}");
        assertThat(opened)
                .containsEntry("status", "OPEN")
                .containsEntry("article", "34(1)")
                .containsEntry("violationType", "EXCEEDING_LIMITS")
                .containsEntry("permitNumber", permit);
        assertThat((String) opened.get("facts")).contains("超标排放检查").contains("SO2 小时均值 180");
        problem(post("/api/v1/cases", county, Map.of("findingId", finding.toString())), 409, "case-exists");

        // other city: 404 everywhere, never 403
        String otherCity = TestJwts.token("CITY", "140200");
        problem(get("/api/v1/cases/" + caseId, otherCity), 404, "case-not-found");
        problem(
                post(
                        "/api/v1/cases/" + caseId + "/penalty-proposal",
                        otherCity,
                        proposal("GENERAL", "PASSIVE", List.of())),
                404,
                "case-not-found");
        problem(
                post(
                        "/api/v1/cases/" + caseId + "/penalty-proposal",
                        TestJwts.token("COUNTY", "140106"),
                        proposal("GENERAL", "PASSIVE", List.of())),
                404,
                "case-not-found");

        // p = .30×.5 + .20×.3 + 0 + 0 + .20×.5 = .31 → 200000 + 800000 × .31 = 448000
        Map<String, Object> proposal = post(
                        "/api/v1/cases/" + caseId + "/penalty-proposal",
                        county,
                        proposal("GENERAL", "PASSIVE", List.of()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(new BigDecimal(proposal.get("resultYuan").toString())).isEqualByComparingTo("448000");
        assertThat(proposal)
                .containsEntry("benchmarkArticle", "34")
                .containsEntry("benchmarkVersion", "SX-PERMIT-2026.1");
        assertThat(((Map<?, ?>) proposal.get("noPenalty")).get("eligible")).isEqualTo(false);
        String proposalId = (String) proposal.get("proposalId");

        // the procedure a fine needs (ADR 0041), announcing the 500000 decided below
        readyToDecide(caseId, proposalId, 500_000);
        Map<String, Object> decision = new LinkedHashMap<>(Map.of("proposalId", proposalId, "kind", "FINE"));
        problem(
                post(
                        "/api/v1/cases/" + caseId + "/decision",
                        TestJwts.builder()
                                .subject(UUID.randomUUID().toString())
                                .roles("INSPECTOR")
                                .division(CITY)
                                .build(),
                        decision),
                403,
                "decision-forbidden");
        problem(post("/api/v1/cases/" + caseId + "/decision", county, decision), 403, "decision-forbidden");
        decision.put("amountYuan", 1_200_000);
        field(post("/api/v1/cases/" + caseId + "/decision", city, decision), 422, "amountYuan");
        decision.put("amountYuan", 500_000);
        field(post("/api/v1/cases/" + caseId + "/decision", city, decision), 422, "overrideReason");
        decision.put("overrideReason", "超标倍数较高，且位于城区");
        post("/api/v1/cases/" + caseId + "/decision", city, decision)
                .expectStatus()
                .isCreated();
        problem(post("/api/v1/cases/" + caseId + "/decision", city, decision), 409, "case-already-decided");
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'penalty.override' AND resource_id = '" + caseId
                        + "' AND details->>'reason' = '超标倍数较高，且位于城区' AND details->>'proposedYuan' = '448000.00'"
                        + " AND details->>'amountYuan' = '500000'"))
                .isOne();
        problem(post("/api/v1/cases/" + caseId + "/close", city, null), 409, "rectification-not-verified");

        // rectification: default deadline today + 7, a FOLLOW_UP task for the unit
        Map<String, Object> ordered = post(
                        "/api/v1/cases/" + caseId + "/rectification", county, Map.of("requirements", "立即停止超标排放，检修脱硫设施"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String rect = (String) ordered.get("rectificationId");
        assertThat(scalar("SELECT deadline FROM rectification WHERE id = '" + rect + "'"))
                .isEqualTo(today.plusDays(7));
        assertThat(scalar("SELECT t.origin FROM inspection_task t JOIN rectification r ON r.follow_up_task_id = t.id "
                        + "WHERE r.id = '" + rect + "'"))
                .isEqualTo("FOLLOW_UP");
        problem(
                post("/api/v1/cases/" + caseId + "/rectification", county, Map.of("requirements", "再来一次")),
                409,
                "rectification-exists");
        post("/api/v1/rectifications/" + rect + "/progress", county, Map.of("note", "已停产检修"))
                .expectStatus()
                .isCreated();
        assertThat(scalar("SELECT status FROM rectification WHERE id = '" + rect + "'"))
                .isEqualTo("IN_PROGRESS");

        // re-inspection 10 days after the order still finds the exceedance
        UUID again = submittedRecord(permit, today.plusDays(10));
        finding(again, permit, "EXCEEDING_LIMITS", "34(1)", today.plusDays(10));
        problem(
                post(
                        "/api/v1/rectifications/" + rect + "/verification",
                        county,
                        Map.of("recordId", again.toString(), "result", "COMPLETE")),
                409,
                "violation-continuing");
        problem(
                post(
                        "/api/v1/cases/" + caseId + "/daily-penalty",
                        city,
                        Map.of("rectificationId", rect, "reinspectionRecordId", again.toString())),
                409,
                "continuing-not-verified");
        post(
                        "/api/v1/rectifications/" + rect + "/verification",
                        county,
                        Map.of("recordId", again.toString(), "result", "CONTINUING"))
                .expectStatus()
                .isCreated();
        // 500000 × 10 days (day 1 = the day after the order, day 10 = the re-inspection)
        post(
                        "/api/v1/cases/" + caseId + "/daily-penalty",
                        city,
                        Map.of("rectificationId", rect, "reinspectionRecordId", again.toString()))
                .expectStatus()
                .isCreated();
        problem(
                post(
                        "/api/v1/cases/" + caseId + "/daily-penalty",
                        city,
                        Map.of("rectificationId", rect, "reinspectionRecordId", again.toString())),
                409,
                "daily-penalty-exists");
        assertThat((BigDecimal) scalar("SELECT amount_yuan FROM penalty_decision WHERE case_id = '" + caseId
                        + "' AND kind = 'DAILY_CONTINUOUS'"))
                .isEqualByComparingTo("5000000");
        assertThat(scalar("SELECT from_date FROM penalty_decision WHERE case_id = '" + caseId
                        + "' AND kind = 'DAILY_CONTINUOUS'"))
                .isEqualTo(today.plusDays(1));

        // a later follow-up without the violation verifies it, after the deadline → onTime false
        UUID clean = submittedRecord(permit, today.plusDays(12));
        problem(
                post(
                        "/api/v1/rectifications/" + rect + "/verification",
                        county,
                        Map.of("recordId", clean.toString(), "result", "CONTINUING")),
                409,
                "violation-not-found");
        post(
                        "/api/v1/rectifications/" + rect + "/verification",
                        county,
                        Map.of("recordId", clean.toString(), "result", "COMPLETE"))
                .expectStatus()
                .isCreated();
        problem(
                post("/api/v1/rectifications/" + rect + "/progress", county, Map.of("note", "迟到的进展")),
                409,
                "rectification-complete");

        Map<String, Object> closed = post("/api/v1/cases/" + caseId + "/close", city, null)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(closed).containsEntry("status", "CLOSED");
        assertThat(new BigDecimal(closed.get("totalFineYuan").toString())).isEqualByComparingTo("5500000");
        assertThat((List<?>) closed.get("decisions")).hasSize(2);
        assertThat(((Map<?, ?>) closed.get("rectification")).get("onTime")).isEqualTo(false);
        problem(post("/api/v1/cases/" + caseId + "/close", city, null), 409, "case-closed");

        // the events, in order, each with the next caseVersion
        List<Map<String, Object>> events = db.sql(
                        "SELECT event_type, payload::text AS p FROM outbox_event WHERE topic = '"
                                + EnforcementTopics.CASES + "' AND message_key = '" + caseId
                                // by caseVersion: events of one transaction may share occurred_at
                                + "' ORDER BY (payload -> 'ref' ->> 'caseVersion')::bigint")
                .map(r -> Map.<String, Object>of(
                        "type",
                        r.get("event_type", String.class),
                        "payload",
                        json.readValue(r.get("p", String.class), Map.class)))
                .all()
                .collectList()
                .block();
        // each case event carries the next caseVersion, procedure steps (ADR 0041) included
        for (int i = 0; i < events.size(); i++) {
            Map<?, ?> ref = (Map<?, ?>) ((Map<?, ?>) events.get(i).get("payload")).get("ref");
            assertThat(((Number) ref.get("caseVersion")).longValue()).isEqualTo(i + 1L);
            assertThat(ref.get("countyCode")).isEqualTo(COUNTY);
        }
        String procedureStep = "org.permitwatch.inspection.case.procedure-step-changed.v1";
        assertThat(events.stream()
                        .filter(e -> procedureStep.equals(e.get("type")))
                        .map(e -> String.valueOf(((Map<?, ?>) e.get("payload")).get("action")))
                        .toList())
                .containsExactly("notice", "statement", "review", "decision");
        events = events.stream()
                .filter(e -> !procedureStep.equals(e.get("type")))
                .toList();
        assertThat(events)
                .extracting(e -> e.get("type"))
                .containsExactly(
                        "org.permitwatch.inspection.case.opened.v1",
                        "org.permitwatch.inspection.case.penalty-decided.v1",
                        "org.permitwatch.inspection.case.rectification-ordered.v1",
                        "org.permitwatch.inspection.case.penalty-decided.v1",
                        "org.permitwatch.inspection.case.rectification-completed.v1",
                        "org.permitwatch.inspection.case.closed.v1");
        Map<?, ?> fine = (Map<?, ?>) events.get(1).get("payload");
        assertThat(fine.get("overridden")).isEqualTo(true);
        assertThat(new BigDecimal(fine.get("proposedYuan").toString())).isEqualByComparingTo("448000");
        Map<?, ?> daily = (Map<?, ?>) events.get(3).get("payload");
        assertThat(daily.get("kind")).isEqualTo("DAILY_CONTINUOUS");
        assertThat(daily.get("days")).isEqualTo(10);
        Map<?, ?> closedEvent = (Map<?, ?>) events.get(5).get("payload");
        assertThat(new BigDecimal(closedEvent.get("totalFineYuan").toString())).isEqualByComparingTo("5500000");
        assertThat(closedEvent.get("penalized")).isEqualTo(true);
    }

    @Test
    void firstMinorLedgerViolationIsNotFinedButStillRectifiedBeforeClosure() {
        String permit = permit();
        String county = TestJwts.token("COUNTY", COUNTY);
        String city = TestJwts.token("CITY", CITY);
        // an earlier case of the same violation, 13 months ago: outside the window
        // 37(1) 未按照排污许可证规定记录 (台账记录数据不全), the first of the notice's 首违不罚 cases
        UUID old = finding(
                submittedRecord(permit, today.minusMonths(13)),
                permit,
                "LEDGER_INCOMPLETE",
                "第三十七条第（一）项",
                today.minusMonths(13));
        post("/api/v1/cases", county, Map.of("findingId", old.toString()))
                .expectStatus()
                .isCreated();
        UUID now = finding(
                submittedRecord(permit, today.minusDays(1)),
                permit,
                "LEDGER_INCOMPLETE",
                "第三十七条第（一）项",
                today.minusDays(1));
        String caseId = (String) post("/api/v1/cases", county, Map.of("findingId", now.toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");

        // 及时改正 is derived, never ticked: sending it is a 400
        Map<String, Object> ticked = proposal("SLIGHT", "ACTIVE", List.of());
        ticked.put("correctedInTime", true);
        field(post("/api/v1/cases/" + caseId + "/penalty-proposal", county, ticked), 400, "correctedInTime");
        // before the rectification is verified complete the case is not eligible, so NO_PENALTY is refused
        Map<String, Object> early = post(
                        "/api/v1/cases/" + caseId + "/penalty-proposal",
                        county,
                        proposal("SLIGHT", "ACTIVE", List.of()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<?, ?> earlyNoPenalty = (Map<?, ?>) early.get("noPenalty");
        assertThat(earlyNoPenalty.get("eligible")).isEqualTo(false);
        assertThat(earlyNoPenalty.get("rule")).isEqualTo("FIRST_MINOR_LEDGER");
        assertThat((List<?>) earlyNoPenalty.get("reasons")).anySatisfy(r -> {
            assertThat(((Map<?, ?>) r).get("check")).isEqualTo("CORRECTED_IN_TIME");
            assertThat(((Map<?, ?>) r).get("passed")).isEqualTo(false);
            assertThat((String) ((Map<?, ?>) r).get("detail")).contains("no rectification ordered yet");
        });
        field(
                post(
                        "/api/v1/cases/" + caseId + "/decision",
                        city,
                        Map.of("proposalId", early.get("proposalId"), "kind", "NO_PENALTY")),
                422,
                "kind");

        String rect = (String) post(
                        "/api/v1/cases/" + caseId + "/rectification",
                        county,
                        Map.of(
                                "requirements",
                                "补齐台账记录",
                                "deadline",
                                today.plusDays(5).toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("rectificationId");
        UUID followUp = submittedRecord(permit, today);
        post(
                        "/api/v1/rectifications/" + rect + "/verification",
                        county,
                        Map.of("recordId", followUp.toString(), "result", "COMPLETE"))
                .expectStatus()
                .isCreated();
        problem(post("/api/v1/cases/" + caseId + "/close", city, null), 409, "decision-required");

        Map<String, Object> p = post(
                        "/api/v1/cases/" + caseId + "/penalty-proposal",
                        county,
                        proposal("SLIGHT", "ACTIVE", List.of()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<?, ?> noPenalty = (Map<?, ?>) p.get("noPenalty");
        assertThat(noPenalty.get("eligible")).isEqualTo(true);
        assertThat(noPenalty.get("rule")).isEqualTo("FIRST_MINOR_LEDGER");
        assertThat((String) noPenalty.get("legalBasis"))
                .contains("晋环发〔2022〕18号")
                .doesNotContain("晋环执法");
        // the fine it would have been: 37 is 每次5千–2万; p = .20×.3 = .06 → 5000 + 15000 × .06 = 5900
        assertThat(new BigDecimal(p.get("resultYuan").toString())).isEqualByComparingTo("5900");
        post(
                        "/api/v1/cases/" + caseId + "/decision",
                        city,
                        Map.of("proposalId", p.get("proposalId"), "kind", "NO_PENALTY"))
                .expectStatus()
                .isCreated();
        Map<String, Object> closed = post("/api/v1/cases/" + caseId + "/close", county, null)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(new BigDecimal(closed.get("totalFineYuan").toString())).isEqualByComparingTo("0");
        assertThat(((Map<?, ?>) closed.get("rectification")).get("onTime")).isEqualTo(true);
        Map<?, ?> closedEvent = json.readValue(
                (String) scalar("SELECT payload::text FROM outbox_event WHERE message_key = '" + caseId
                        + "' AND event_type = 'org.permitwatch.inspection.case.closed.v1'"),
                Map.class);
        assertThat(closedEvent.get("penalized")).isEqualTo(false);
        Map<?, ?> decided = json.readValue(
                (String) scalar("SELECT payload::text FROM outbox_event WHERE message_key = '" + caseId
                        + "' AND event_type = 'org.permitwatch.inspection.case.penalty-decided.v1'"),
                Map.class);
        assertThat(decided.get("kind")).isEqualTo("NO_PENALTY");
        assertThat(decided.get("noPenaltyRule")).isEqualTo("FIRST_MINOR_LEDGER");
    }

    @Test
    void theFollowUpIsNeverMergedIntoADoneOrCancelledTaskAndChecklistArticlesResolve() {
        String permit = permit();
        String county = TestJwts.token("COUNTY", COUNTY);
        // the finding carries the checklist item's official article text, as a real inspection record writes it
        UUID finding = finding(submittedRecord(permit, today), permit, "LEDGER_INCOMPLETE", "第三十七条", today);
        String caseId = (String) post("/api/v1/cases", county, Map.of("findingId", finding.toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        Map<String, Object> p = post(
                        "/api/v1/cases/" + caseId + "/penalty-proposal",
                        county,
                        proposal("GENERAL", "ACTIVE", List.of()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        // art. 37: 5000–20000; p = .3 × .5 + .2 × .3 = .21 → 5000 + 15000 × .21 = 8150 → 8200 (100 yuan, HALF_UP)
        assertThat(new BigDecimal(((Map<?, ?>) p.get("range")).get("minYuan").toString()))
                .isEqualByComparingTo("5000");
        assertThat(new BigDecimal(p.get("resultYuan").toString())).isEqualByComparingTo("8200");

        // the unit's task of the follow-up's month is already DONE (its record submitted), another one CANCELLED
        LocalDate due = today.plusDays(7 + 3);
        String month = java.time.YearMonth.from(due).toString();
        UUID done = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        for (Object[] t : new Object[][] {{done, "DONE"}, {cancelled, "CANCELLED"}}) {
            exec("INSERT INTO inspection_task (id, permit_number, division_code, city_code, origin, method, due_date, "
                    + "period_month, status, departments, created_by) VALUES ('" + t[0] + "', '" + permit + "', '"
                    + COUNTY
                    + "', '" + CITY + "', 'DRAW', 'ON_SITE', '" + due + "', '" + month + "', '" + t[1]
                    + "', ARRAY['ENVIRONMENT_ENFORCEMENT'], 'test')");
        }
        String rect =
                (String) post("/api/v1/cases/" + caseId + "/rectification", county, Map.of("requirements", "补齐台账记录"))
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("rectificationId");
        UUID followUp = (UUID) scalar("SELECT follow_up_task_id FROM rectification WHERE id = '" + rect + "'");
        assertThat(followUp).isNotIn(done, cancelled);
        assertThat(scalar("SELECT origin || '|' || status || '|' || period_month FROM inspection_task WHERE id = '"
                        + followUp + "'"))
                .isEqualTo("FOLLOW_UP|ASSIGNED|" + month);
        assertThat(scalar("SELECT status FROM inspection_task WHERE id = '" + done + "'"))
                .isEqualTo("DONE");
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'rectification.order' AND resource_id = '"
                        + rect + "' AND details->>'mergedIntoExistingTask' = 'false'"))
                .isOne();

        // while the follow-up is open, a second department's task of the same unit and month still merges into it
        UUID caseTwo = finding(submittedRecord(permit, today), permit, "DISCLOSURE_NOT_IMPLEMENTED", "第三十六条", today);
        String second = (String) post("/api/v1/cases", county, Map.of("findingId", caseTwo.toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        String rectTwo = (String)
                post("/api/v1/cases/" + second + "/rectification", county, Map.of("requirements", "按规定公开自行监测信息"))
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("rectificationId");
        assertThat(scalar("SELECT follow_up_task_id FROM rectification WHERE id = '" + rectTwo + "'"))
                .isEqualTo(followUp);
        assertThat(count("SELECT count(*) FROM inspection_task WHERE permit_number = '" + permit
                        + "' AND period_month = '" + month + "'"))
                .isEqualTo(3);
    }

    @Test
    void aRepeatWithinTwelveMonthsIsNotEligibleAndNoPenaltyIsRefused() {
        String permit = permit();
        String county = TestJwts.token("COUNTY", COUNTY);
        UUID earlier = finding(
                submittedRecord(permit, today.minusMonths(11)),
                permit,
                "DISCLOSURE_NOT_IMPLEMENTED",
                "第三十六条第（七）项",
                today.minusMonths(11));
        post("/api/v1/cases", county, Map.of("findingId", earlier.toString()))
                .expectStatus()
                .isCreated();
        UUID later = finding(submittedRecord(permit, today), permit, "DISCLOSURE_NOT_IMPLEMENTED", "第三十六条第（七）项", today);
        String caseId = (String) post("/api/v1/cases", county, Map.of("findingId", later.toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        Map<String, Object> body = proposal("SLIGHT", "ACTIVE", List.of());
        Map<String, Object> p = post("/api/v1/cases/" + caseId + "/penalty-proposal", county, body)
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(((Map<?, ?>) p.get("noPenalty")).get("eligible")).isEqualTo(false);
        // HISTORY REPEAT .6 × .15 = .09, FAULT .06 → p .15 → 20000 + 180000 × .15 = 47000
        assertThat(new BigDecimal(p.get("resultYuan").toString())).isEqualByComparingTo("47000");
        field(
                post(
                        "/api/v1/cases/" + caseId + "/decision",
                        TestJwts.token("PROVINCE", "140000"),
                        Map.of("proposalId", p.get("proposalId"), "kind", "NO_PENALTY")),
                422,
                "kind");
    }

    @Test
    void overdueRectificationIsEscalatedOnceAndStillCompletesLate() {
        String permit = permit();
        UUID finding = finding(
                submittedRecord(permit, today.minusDays(1)), permit, "FUGITIVE_EMISSION", "35", today.minusDays(1));
        String county = TestJwts.token("COUNTY", COUNTY);
        String caseId = (String) post("/api/v1/cases", county, Map.of("findingId", finding.toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        String rect = (String) post(
                        "/api/v1/cases/" + caseId + "/rectification",
                        county,
                        Map.of("requirements", "密闭料场", "deadline", today.toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("rectificationId");
        field(
                post(
                        "/api/v1/cases/" + caseId + "/rectification",
                        county,
                        Map.of(
                                "requirements",
                                "x",
                                "deadline",
                                today.minusDays(1).toString())),
                400,
                "deadline");

        Clock onDeadline = Clock.fixed(today.atTime(12, 0).toInstant(CST), ZoneId.of("Asia/Shanghai"));
        overdue.run(onDeadline).block();
        assertThat(scalar("SELECT status FROM rectification WHERE id = '" + rect + "'"))
                .isEqualTo("ORDERED");
        Clock dayAfter = Clock.fixed(today.plusDays(1).atTime(2, 0).toInstant(CST), ZoneId.of("Asia/Shanghai"));
        assertThat(overdue.run(dayAfter).block()).isGreaterThanOrEqualTo(1);
        assertThat(overdue.run(dayAfter).block()).isZero();
        assertThat(scalar("SELECT status FROM rectification WHERE id = '" + rect + "'"))
                .isEqualTo("ESCALATED");
        assertThat(scalar("SELECT escalated_to FROM rectification WHERE id = '" + rect + "'"))
                .isEqualTo(CITY);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE message_key = '" + caseId
                        + "' AND event_type = 'org.permitwatch.inspection.case.rectification-overdue.v1'"))
                .isOne();
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'rectification.overdue' AND actor = 'system' "
                        + "AND resource_id = '" + rect + "'"))
                .isOne();

        UUID late = submittedRecord(permit, today.plusDays(2));
        post(
                        "/api/v1/rectifications/" + rect + "/verification",
                        county,
                        Map.of("recordId", late.toString(), "result", "COMPLETE"))
                .expectStatus()
                .isCreated();
        assertThat(scalar("SELECT status FROM rectification WHERE id = '" + rect + "'"))
                .isEqualTo("VERIFIED_COMPLETE");
        assertThat(scalar("SELECT on_time FROM rectification WHERE id = '" + rect + "'"))
                .isEqualTo(false);
        // a case without a decision cannot be closed even with a verified rectification
        problem(post("/api/v1/cases/" + caseId + "/close", county, null), 409, "decision-required");
    }

    @Test
    void aCityCaseEscalatesToTheProvinceAndListsAreScoped() {
        String permit = permit();
        UUID finding = finding(
                submittedRecord(permit, today.minusDays(1)), permit, "UNPERMITTED_OUTLET", "36", today.minusDays(1));
        String city = TestJwts.token("CITY", CITY);
        String caseId = (String) post("/api/v1/cases", city, Map.of("findingId", finding.toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        String rect = (String) post(
                        "/api/v1/cases/" + caseId + "/rectification",
                        city,
                        Map.of("requirements", "规范排放口", "deadline", today.toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("rectificationId");
        overdue.run(Clock.fixed(today.plusDays(1).atTime(2, 0).toInstant(CST), ZoneId.of("Asia/Shanghai")))
                .block();
        assertThat(scalar("SELECT escalated_to FROM rectification WHERE id = '" + rect + "'"))
                .isEqualTo("140000");

        Map<String, Object> mine = get("/api/v1/cases?permitNumber=" + permit, city)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(((Number) mine.get("total")).longValue()).isOne();
        Map<String, Object> other = get("/api/v1/cases?permitNumber=" + permit, TestJwts.token("CITY", "140200"))
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(((Number) other.get("total")).longValue()).isZero();
        field(get("/api/v1/cases?size=500", city), 400, "size");
        // the finding left the queue
        Map<String, Object> queue = get("/api/v1/cases/queue?size=200", city)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat((List<Map<String, Object>>) queue.get("items"))
                .extracting(i -> i.get("findingId"))
                .doesNotContain(finding.toString());
    }

    /**
     * Issue 11.3: an INSPECTOR reads only the cases and queued findings of tasks it is assigned to — the rule
     * /inspections and /findings already follow — never every case of its division.
     */
    @Test
    @SuppressWarnings("unchecked")
    void anInspectorSeesOnlyCasesAndQueuedFindingsOfItsOwnTasks() {
        String permit = permit();
        UUID assigned = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        exec("INSERT INTO inspector (id, certificate_no, name, division_code, on_post) VALUES ('" + assigned
                + "', 'CERT-" + assigned + "', '执法员', '" + COUNTY + "', true), ('" + stranger + "', 'CERT-" + stranger
                + "', '执法员', '" + COUNTY + "', true)");
        UUID record = submittedRecord(permit, today.minusDays(1));
        exec("INSERT INTO inspection_task (id, permit_number, division_code, city_code, origin, method, due_date, "
                + "period_month, status, departments, created_by) SELECT task_id, permit_number, division_code, city_code, "
                + "'MANUAL', 'ON_SITE', CURRENT_DATE, to_char(CURRENT_DATE, 'YYYY-MM'), 'DONE', ARRAY['ENFORCEMENT'], "
                + "'test' FROM inspection_record WHERE id = '" + record + "'");
        exec("INSERT INTO task_inspector (task_id, inspector_id) SELECT task_id, '" + assigned
                + "' FROM inspection_record WHERE id = '" + record + "'");
        UUID caseFinding = finding(record, permit, "EXCEEDING_LIMITS", "34(1)", today.minusDays(1));
        UUID queued = finding(record, permit, "LEDGER_INCOMPLETE", "37", today.minusDays(1));
        String caseId = (String)
                post("/api/v1/cases", TestJwts.token("CITY", CITY), Map.of("findingId", caseFinding.toString()))
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("id");

        String strangerToken = TestJwts.builder()
                .subject(stranger.toString())
                .roles("INSPECTOR")
                .division(CITY)
                .build();
        assertThat(((Number) get("/api/v1/cases?size=200", strangerToken)
                                .expectStatus()
                                .isOk()
                                .expectBody(Map.class)
                                .returnResult()
                                .getResponseBody()
                                .get("total"))
                        .longValue())
                .isZero();
        Map<String, Object> strangerQueue = get("/api/v1/cases/queue?size=200", strangerToken)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(((Number) strangerQueue.get("total")).longValue()).isZero();
        assertThat((List<?>) strangerQueue.get("items")).isEmpty();
        problem(get("/api/v1/cases/" + caseId, strangerToken), 404, "case-not-found");
        // a token whose subject is no inspector id sees nothing either
        String anonymous = TestJwts.token("INSPECTOR", CITY);
        assertThat(((Number) get("/api/v1/cases?size=200", anonymous)
                                .expectStatus()
                                .isOk()
                                .expectBody(Map.class)
                                .returnResult()
                                .getResponseBody()
                                .get("total"))
                        .longValue())
                .isZero();
        problem(get("/api/v1/cases/" + caseId, anonymous), 404, "case-not-found");

        String assignedToken = TestJwts.builder()
                .subject(assigned.toString())
                .roles("INSPECTOR")
                .division(CITY)
                .build();
        Map<String, Object> own = get("/api/v1/cases?size=200", assignedToken)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat((List<Map<String, Object>>) own.get("items"))
                .extracting(i -> i.get("id"))
                .containsExactly(caseId);
        get("/api/v1/cases/" + caseId, assignedToken)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(caseId)
                .jsonPath("$.permitNumber")
                .isEqualTo(permit);
        Map<String, Object> ownQueue = get("/api/v1/cases/queue?size=200", assignedToken)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat((List<Map<String, Object>>) ownQueue.get("items"))
                .extracting(i -> i.get("findingId"))
                .containsExactly(queued.toString());
        assertThat(((Number) ownQueue.get("total")).longValue()).isOne();
    }

    @Autowired
    CaseFiling filing;

    @Test
    void aConfirmedAlertOpensOneCaseThroughCaseFiling() {
        String permit = permit();
        exec("INSERT INTO directory_unit (permit_number, unit_name, division_code, snapshot, source_event, city_code, "
                + "county_code, key_industry, status, version) VALUES ('" + permit + "', '太原测试焦化有限公司', '" + COUNTY
                + "', '{}', 'test', '" + CITY + "', '" + COUNTY + "', 'COKING', 'EXPIRED', 1)");
        UUID alert = UUID.randomUUID();
        CaseFiling.AlertCase request = new CaseFiling.AlertCase(
                alert,
                permit,
                "UNPERMITTED_DISCHARGE",
                "33",
                "排污许可证已过期仍在排污",
                List.of(Map.of("kind", "ONLINE_DATA", "description", "在线监测数据显示持续排放")));
        Caller city = new Caller("city-user", "市局", Set.of(Role.CITY), DivisionCode.of(CITY), Set.of());
        UUID caseId = filing.openFromAlert(request, city).block();
        assertThat(scalar(
                        "SELECT origin || '|' || alert_id || '|' || article || '|' || division_code FROM enforcement_case "
                                + "WHERE id = '" + caseId + "'"))
                .isEqualTo("ALERT|" + alert + "|33|" + COUNTY);
        Map<?, ?> opened = json.readValue(
                (String) scalar("SELECT payload::text FROM outbox_event WHERE message_key = '" + caseId
                        + "' AND event_type = 'org.permitwatch.inspection.case.opened.v1'"),
                Map.class);
        assertThat(opened.get("origin")).isEqualTo("ALERT");
        assertThat(opened.get("alertId")).isEqualTo(alert.toString());
        assertThatThrownBy(() -> filing.openFromAlert(request, city).block())
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("case-exists"));
        Caller other = new Caller("other", "其他市", Set.of(Role.CITY), DivisionCode.of("140200"), Set.of());
        assertThatThrownBy(() -> filing.openFromAlert(
                                new CaseFiling.AlertCase(
                                        UUID.randomUUID(), permit, "UNPERMITTED_DISCHARGE", "33", "x", List.of()),
                                other)
                        .block())
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status().value()).isEqualTo(404));
        assertThat(count("SELECT count(*) FROM enforcement_case WHERE permit_number = '" + permit + "'"))
                .isOne();
    }

    /**
     * Issue 12.5: a re-inspection that finds the violation of a case under an unfinished rectification order still
     * there is the same violation continuing, not a new one. The finding says so (continuesCaseId, stored and in
     * FindingRecorded), so 附件1 can count it once. Findings go through FindingWriter as a record submission does.
     */
    @Test
    void aReInspectionFindingTheSameViolationContinuesTheCase() {
        String permit = permit();
        UUID first = submittedRecord(permit, today.minusDays(3));
        UUID finding = finding(first, permit, "EXCEEDING_LIMITS", "34(1)", today.minusDays(3));
        String county = TestJwts.token("COUNTY", COUNTY);
        String caseId = (String) post("/api/v1/cases", county, Map.of("findingId", finding.toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");

        // Before any rectification order a second record's exceedance is not tied to the case (no order to continue).
        UUID beforeOrder = submittedRecord(permit, today.minusDays(1));
        submitFindings(beforeOrder, permit, today.minusDays(1), "EXCEEDING_LIMITS");
        assertThat(continues(beforeOrder, "EXCEEDING_LIMITS")).isEqualTo("none");

        String rect =
                (String) post("/api/v1/cases/" + caseId + "/rectification", county, Map.of("requirements", "立即停止超标排放"))
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("rectificationId");

        // The follow-up (order day + 2): the exceedance continues the case; the ledger gap is a new violation.
        UUID followUp = submittedRecord(permit, today.plusDays(2));
        submitFindings(followUp, permit, today.plusDays(2), "EXCEEDING_LIMITS", "LEDGER_INCOMPLETE");
        assertThat(continues(followUp, "EXCEEDING_LIMITS")).isEqualTo(caseId);
        assertThat(continues(followUp, "LEDGER_INCOMPLETE")).isEqualTo("none");
        Map<?, ?> event = json.readValue(
                (String) scalar("SELECT o.payload::text FROM outbox_event o JOIN finding f "
                        + "ON o.message_key = f.id::text WHERE o.topic = '" + InspectionTopics.FINDINGS
                        + "' AND f.record_id = '"
                        + followUp + "' AND f.violation_type = 'EXCEEDING_LIMITS'"),
                Map.class);
        assertThat(event.get("continuesCaseId")).isEqualTo(caseId);
        assertThat(event.get("status")).isEqualTo("ACTIVE");
        // the officer's verdict agrees with the marking
        post(
                        "/api/v1/rectifications/" + rect + "/verification",
                        county,
                        Map.of("recordId", followUp.toString(), "result", "CONTINUING"))
                .expectStatus()
                .isCreated();

        // Once verified complete, the same type found later is a new violation again.
        UUID clean = submittedRecord(permit, today.plusDays(4));
        post(
                        "/api/v1/rectifications/" + rect + "/verification",
                        county,
                        Map.of("recordId", clean.toString(), "result", "COMPLETE"))
                .expectStatus()
                .isCreated();
        UUID later = submittedRecord(permit, today.plusDays(30));
        submitFindings(later, permit, today.plusDays(30), "EXCEEDING_LIMITS");
        assertThat(continues(later, "EXCEEDING_LIMITS")).isEqualTo("none");
    }

    /** Runs FindingWriter for version 1 of a record with one non-compliant item per violation type. */
    private void submitFindings(UUID record, String permit, LocalDate day, String... violationTypes) {
        List<FindingWriter.NonCompliance> items = new java.util.ArrayList<>();
        int no = 1;
        for (String type : violationTypes) {
            items.add(new FindingWriter.NonCompliance(
                    UUID.randomUUID(), "ITEM" + no, no++, "检查项", type, "34(1)", null, List.of(), List.of()));
        }
        FindingWriter.SubmittedVersion version = new FindingWriter.SubmittedVersion(
                record,
                1,
                UUID.randomUUID(),
                permit,
                "太原测试焦化有限公司",
                COUNTY,
                CITY,
                "COKING",
                day.atTime(10, 0).atOffset(CST),
                items);
        findingWriter
                .apply(version)
                .as(TransactionalOperator.create(transactions)::transactional)
                .block();
    }

    /** The case a record's active finding of the type continues, or "none". */
    private String continues(UUID record, String violationType) {
        return (String) scalar("SELECT coalesce(continues_case_id::text, 'none') FROM finding WHERE record_id = '"
                + record + "' AND violation_type = '" + violationType + "' AND status = 'ACTIVE'");
    }

    @Test
    void aCaseIsReCharacterisedBeforeTheDecisionAndTheRangeFollows() {
        String permit = permit();
        String county = TestJwts.token("COUNTY", COUNTY);
        String city = TestJwts.token("CITY", CITY);
        // a finding stored with the old item-level article of item 7 (34(2) listed first)
        UUID finding =
                finding(submittedRecord(permit, today), permit, "SELF_MONITORING_FALSIFIED", "第三十四条第（二）项、第三十六条", today);
        String caseId = (String) post("/api/v1/cases", county, Map.of("findingId", finding.toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        // 34(2): 200000–1000000; p = .31 → 200000 + 800000 × .31 = 448000; a 50000 fine lies below the minimum
        Map<String, Object> old = post(
                        "/api/v1/cases/" + caseId + "/penalty-proposal",
                        county,
                        proposal("GENERAL", "PASSIVE", List.of()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(new BigDecimal(old.get("resultYuan").toString())).isEqualByComparingTo("448000");
        problem(
                post(
                        "/api/v1/cases/" + caseId + "/decision",
                        city,
                        Map.of(
                                "proposalId",
                                old.get("proposalId"),
                                "kind",
                                "FINE",
                                "amountYuan",
                                50000,
                                "overrideReason",
                                "未制定自行监测方案")),
                422,
                "amount-outside-range");

        // a reason is required; an article the benchmark has no range for is refused; an inspector may not
        field(post("/api/v1/cases/" + caseId + "/article", county, Map.of("article", "第三十六条第（五）项")), 400, "reason");
        problem(
                post("/api/v1/cases/" + caseId + "/article", county, Map.of("article", "第九十九条", "reason", "x")),
                422,
                "article-not-in-benchmark");
        field(
                post(
                        "/api/v1/cases/" + caseId + "/article",
                        county,
                        Map.of("article", "'; DROP TABLE finding; --", "reason", "x")),
                400,
                "article");
        post(
                        "/api/v1/cases/" + caseId + "/article",
                        TestJwts.token("INSPECTOR", CITY),
                        Map.of("article", "第三十六条第（五）项", "reason", "x"))
                .expectStatus()
                .isForbidden();

        // 36(5) 未按照排污许可证规定制定自行监测方案并开展自行监测: 20000–200000
        Map<String, Object> changed = post(
                        "/api/v1/cases/" + caseId + "/article",
                        county,
                        Map.of("article", "第三十六条第（五）项", "reason", "现场核实为未制定自行监测方案，无篡改、伪造数据"))
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(changed)
                .containsEntry("previousArticle", "第三十四条第（二）项、第三十六条")
                .containsEntry("article", "第三十六条第（五）项")
                .containsEntry("benchmarkArticle", "36")
                .containsEntry("benchmarkVersion", "SX-PERMIT-2026.1");
        assertThat(new BigDecimal(changed.get("minYuan").toString())).isEqualByComparingTo("20000");
        assertThat(new BigDecimal(changed.get("maxYuan").toString())).isEqualByComparingTo("200000");
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'case.recharacterise' AND resource_id = '"
                        + caseId
                        + "' AND details->>'previousArticle' = '第三十四条第（二）项、第三十六条' AND details->>'article' = "
                        + "'第三十六条第（五）项' AND details->>'reason' LIKE '现场核实%'"))
                .isOne();
        assertThat(scalar("SELECT article FROM enforcement_case WHERE id = '" + caseId + "'"))
                .isEqualTo("第三十六条第（五）项");

        // the proposal for 34(2) can no longer be decided
        problem(
                post(
                        "/api/v1/cases/" + caseId + "/decision",
                        city,
                        Map.of("proposalId", old.get("proposalId"), "kind", "FINE")),
                409,
                "proposal-article-stale");
        // p = .31 → 20000 + 180000 × .31 = 75800; the lawful 50000 is now accepted (with its reason)
        Map<String, Object> p = post(
                        "/api/v1/cases/" + caseId + "/penalty-proposal",
                        county,
                        proposal("GENERAL", "PASSIVE", List.of()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(p).containsEntry("benchmarkArticle", "36").containsEntry("article", "第三十六条第（五）项");
        assertThat(new BigDecimal(p.get("resultYuan").toString())).isEqualByComparingTo("75800");
        readyToDecide(caseId, p.get("proposalId"), null);
        post(
                        "/api/v1/cases/" + caseId + "/decision",
                        city,
                        Map.of(
                                "proposalId",
                                p.get("proposalId"),
                                "kind",
                                "FINE",
                                "amountYuan",
                                50000,
                                "overrideReason",
                                "首次发现，已制定方案并开展监测"))
                .expectStatus()
                .isCreated();
        assertThat(new BigDecimal(scalar("SELECT amount_yuan FROM penalty_decision WHERE case_id = '" + caseId + "'")
                        .toString()))
                .isEqualByComparingTo("50000");
        // once decided, the article is fixed
        problem(
                post("/api/v1/cases/" + caseId + "/article", city, Map.of("article", "36(4)", "reason", "x")),
                409,
                "case-already-decided");
    }

    @Test
    void aRegistrationUnitThatDidNotRegisterIsDecidedUnderArticle43() {
        String permit = permit();
        String county = TestJwts.token("COUNTY", COUNTY);
        UUID finding = finding(submittedRecord(permit, today), permit, "UNPERMITTED_DISCHARGE", "第四十三条", today);
        String caseId = (String) post("/api/v1/cases", county, Map.of("findingId", finding.toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        // 43: 可以处5万元以下 → 0–50000; p = .31 → 50000 × .31 = 15500
        Map<String, Object> p = post(
                        "/api/v1/cases/" + caseId + "/penalty-proposal",
                        county,
                        proposal("GENERAL", "PASSIVE", List.of()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(p).containsEntry("benchmarkArticle", "43");
        assertThat(new BigDecimal(((Map<?, ?>) p.get("range")).get("maxYuan").toString()))
                .isEqualByComparingTo("50000");
        assertThat(new BigDecimal(p.get("resultYuan").toString())).isEqualByComparingTo("15500");
        assertThat(((Map<?, ?>) p.get("noPenalty")).get("rule")).isEqualTo("FIRST_MINOR_REGISTRATION");
    }

    // ---- issue 12 item 3: daily continuous fines (环境保护部令第28号) ----------------------------------------------------

    @Test
    void aDailyFineCountsFromTheDayAfterAServiceInThePastAndFinesEachDayOnce() {
        String permit = permit();
        String county = TestJwts.token("COUNTY", COUNTY);
        String city = TestJwts.token("CITY", CITY);
        String caseId = decidedFine(permit, "EXCEEDING_LIMITS", "34(1)", today.minusDays(20), county, city);
        // p = .31 → 200000 + 800000 × .31 = 448000, the original fine = the daily amount (第十九条)
        LocalDate served = today.minusDays(15);
        Map<String, Object> order = new LinkedHashMap<>(Map.of("requirements", "立即停止超标排放"));
        order.put("servedOn", served.toString());
        String rect = (String) post("/api/v1/cases/" + caseId + "/rectification", county, order)
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("rectificationId");
        // default deadline: 7 days after the service, not after the day of entry
        Map<String, Object> detail = get("/api/v1/cases/" + caseId, city)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<?, ?> rectification = (Map<?, ?>) detail.get("rectification");
        assertThat(rectification.get("servedOn")).isEqualTo(served.toString());
        assertThat(rectification.get("orderedOn")).isEqualTo(today.toString());
        assertThat(rectification.get("deadline")).isEqualTo(served.plusDays(7).toString());
        // the instant of entry (the console's case timeline places the order by it): the row's created_at
        assertThat(rectification.get("orderedAt")).isNotNull();
        assertThat(count("SELECT count(*) FROM rectification WHERE id = '" + rect + "' AND created_at = '"
                        + rectification.get("orderedAt") + "'::timestamptz"))
                .isOne();
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'rectification.order' AND resource_id = '"
                        + rect + "' AND details->>'servedOn' = '" + served + "' AND details->>'backdatedDays' = '15'"))
                .isOne();
        // the event carries the legal order date: the service
        Map<?, ?> ordered = json.readValue(
                (String) scalar("SELECT payload::text FROM outbox_event WHERE message_key = '" + caseId
                        + "' AND event_type = 'org.permitwatch.inspection.case.rectification-ordered.v1'"),
                Map.class);
        assertThat(ordered.get("orderedOn")).isEqualTo(served.toString());

        // 1st re-inspection 2 days ago: served+1 .. today−2 = 13 days (15 − 2); 448000 × 13 = 5824000
        UUID first = continuing(permit, rect, today.minusDays(2), county);
        Map<String, Object> d1 = daily(caseId, rect, first, city);
        assertThat(d1)
                .containsEntry("days", 13)
                .containsEntry("fromDate", served.plusDays(1).toString())
                .containsEntry("toDate", today.minusDays(2).toString());
        assertThat(new BigDecimal(d1.get("amountYuan").toString())).isEqualByComparingTo("5824000");
        Map<?, ?> why = (Map<?, ?>) d1.get("explanation");
        assertThat(why.get("servedOn")).isEqualTo(served.toString());
        assertThat(why.get("dailyAmountYuan")).isEqualTo("448000.00");
        assertThat(why.get("previouslyFinedThrough")).isNull();
        assertThat((List<String>) why.get("legalBasis"))
                .anySatisfy(b -> assertThat(b).contains("第十七条"))
                .anySatisfy(b -> assertThat(b).contains("第十九条"));

        // 2nd re-inspection 5 days from now: only today−1 .. today+5 = 7 days more (not 20 from the service);
        // 448000 × 7 = 3136000
        UUID second = continuing(permit, rect, today.plusDays(5), county);
        Map<String, Object> d2 = daily(caseId, rect, second, city);
        assertThat(d2)
                .containsEntry("days", 7)
                .containsEntry("fromDate", today.minusDays(1).toString())
                .containsEntry("toDate", today.plusDays(5).toString());
        assertThat(new BigDecimal(d2.get("amountYuan").toString())).isEqualByComparingTo("3136000");
        assertThat(((Map<?, ?>) d2.get("explanation")).get("previouslyFinedThrough"))
                .isEqualTo(today.minusDays(2).toString());

        // a re-inspection inside an already fined period (today+1 ≤ today+5) adds no day: 409
        UUID inside = continuing(permit, rect, today.plusDays(1), county);
        problem(
                post(
                        "/api/v1/cases/" + caseId + "/daily-penalty",
                        city,
                        Map.of("rectificationId", rect, "reinspectionRecordId", inside.toString())),
                409,
                "reinspection-already-fined");

        // 3rd re-inspection 26 days from now (21 after the 2nd, inside its 30): today+6 .. today+26 = 21 days;
        // 448000 × 21 = 9408000
        UUID third = continuing(permit, rect, today.plusDays(26), county);
        Map<String, Object> d3 = daily(caseId, rect, third, city);
        assertThat(d3)
                .containsEntry("days", 21)
                .containsEntry("fromDate", today.plusDays(6).toString());
        assertThat(new BigDecimal(d3.get("amountYuan").toString())).isEqualByComparingTo("9408000");

        // 13 + 7 + 21 = 41 days = served+1 .. today+26 exactly once; 448000 × 41 = 18368000
        assertThat(count("SELECT sum(days) FROM penalty_decision WHERE case_id = '" + caseId
                        + "' AND kind = 'DAILY_CONTINUOUS'"))
                .isEqualTo(41);
        assertThat((BigDecimal) scalar("SELECT sum(amount_yuan) FROM penalty_decision WHERE case_id = '" + caseId
                        + "' AND kind = 'DAILY_CONTINUOUS'"))
                .isEqualByComparingTo("18368000");
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'penalty.daily' AND resource_id = '" + caseId
                        + "'"))
                .isEqualTo(3);
    }

    @Test
    void aReinspectionMoreThanThirtyDaysAfterServiceIsRefused() {
        String permit = permit();
        String county = TestJwts.token("COUNTY", COUNTY);
        String city = TestJwts.token("CITY", CITY);
        String caseId = decidedFine(permit, "FACILITY_NOT_RUNNING", "第三十四条第（二）项", today.minusDays(2), county, city);
        LocalDate served = today.minusDays(1);
        String rect = (String) post(
                        "/api/v1/cases/" + caseId + "/rectification",
                        county,
                        Map.of("requirements", "立即恢复脱硫设施正常运行", "servedOn", served.toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("rectificationId");
        // served+31 = today+30: outside 第十二条's 30 days
        UUID late = continuing(permit, rect, served.plusDays(31), county);
        problem(
                post(
                        "/api/v1/cases/" + caseId + "/daily-penalty",
                        city,
                        Map.of("rectificationId", rect, "reinspectionRecordId", late.toString())),
                409,
                "reinspection-outside-window");
        // served+30 is the last day of the window: 30 days, 448000 × 30 = 13440000
        UUID last = continuing(permit, rect, served.plusDays(30), county);
        Map<String, Object> d = daily(caseId, rect, last, city);
        assertThat(d).containsEntry("days", 30);
        assertThat(new BigDecimal(d.get("amountYuan").toString())).isEqualByComparingTo("13440000");
        assertThat(count("SELECT count(*) FROM penalty_decision WHERE case_id = '" + caseId
                        + "' AND kind = 'DAILY_CONTINUOUS'"))
                .isOne();
    }

    @Test
    void aLedgerCaseUnderArticle37IsNeverFinedDayByDay() {
        String permit = permit();
        String county = TestJwts.token("COUNTY", COUNTY);
        String city = TestJwts.token("CITY", CITY);
        String caseId = decidedFine(permit, "LEDGER_INCOMPLETE", "第三十七条第（一）项", today.minusDays(10), county, city);
        String rect = (String) post(
                        "/api/v1/cases/" + caseId + "/rectification",
                        county,
                        Map.of(
                                "requirements",
                                "补齐台账",
                                "servedOn",
                                today.minusDays(9).toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("rectificationId");
        UUID again = continuing(permit, rect, today, county);
        problem(
                post(
                        "/api/v1/cases/" + caseId + "/daily-penalty",
                        city,
                        Map.of("rectificationId", rect, "reinspectionRecordId", again.toString())),
                422,
                "daily-fine-not-applicable");
        assertThat(count("SELECT count(*) FROM penalty_decision WHERE case_id = '" + caseId
                        + "' AND kind = 'DAILY_CONTINUOUS'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'penalty.daily' AND resource_id = '" + caseId
                        + "'"))
                .isZero();
    }

    @Test
    void theServiceDayIsNeitherInTheFutureNorOutsideTheBackDateWindow() {
        String permit = permit();
        String county = TestJwts.token("COUNTY", COUNTY);
        UUID finding = finding(
                submittedRecord(permit, today.minusDays(40)), permit, "EXCEEDING_LIMITS", "34(1)", today.minusDays(40));
        String caseId = (String) post("/api/v1/cases", county, Map.of("findingId", finding.toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        String uri = "/api/v1/cases/" + caseId + "/rectification";
        field(
                post(
                        uri,
                        county,
                        Map.of(
                                "requirements",
                                "x",
                                "servedOn",
                                today.plusDays(1).toString())),
                400,
                "servedOn");
        // window 30 days (default): today−31 is outside, today−30 inside
        field(
                post(
                        uri,
                        county,
                        Map.of(
                                "requirements",
                                "x",
                                "servedOn",
                                today.minusDays(31).toString())),
                400,
                "servedOn");
        field(
                post(
                        uri,
                        county,
                        Map.of(
                                "requirements",
                                "x",
                                "servedOn",
                                today.minusDays(30).toString(),
                                "deadline",
                                today.minusDays(31).toString())),
                400,
                "deadline");
        assertThat(count("SELECT count(*) FROM rectification WHERE case_id = '" + caseId + "'"))
                .isZero();
        post(
                        uri,
                        county,
                        Map.of(
                                "requirements",
                                "x",
                                "servedOn",
                                today.minusDays(30).toString()))
                .expectStatus()
                .isCreated();
        // served 30 days ago, default deadline 23 days ago: the follow-up task is due today, not in the past
        assertThat(scalar("SELECT t.due_date FROM inspection_task t JOIN rectification r ON r.follow_up_task_id = t.id "
                        + "WHERE r.case_id = '" + caseId + "'"))
                .isEqualTo(today);

        // an order is never served before its violation was found
        String other = permit();
        UUID recent = finding(
                submittedRecord(other, today.minusDays(2)), other, "EXCEEDING_LIMITS", "34(1)", today.minusDays(2));
        String recentCase = (String) post("/api/v1/cases", county, Map.of("findingId", recent.toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        field(
                post(
                        "/api/v1/cases/" + recentCase + "/rectification",
                        county,
                        Map.of(
                                "requirements",
                                "x",
                                "servedOn",
                                today.minusDays(3).toString())),
                400,
                "servedOn");
    }

    // ---- issue 12 item 4: history from before the platform
    // -----------------------------------------------------------

    @Test
    void aRecordedPriorViolationTurnsAFirstViolationIntoARepeat() {
        String permit = permit();
        directoryUnit(permit);
        String county = TestJwts.token("COUNTY", COUNTY);
        String city = TestJwts.token("CITY", CITY);
        UUID found = finding(
                submittedRecord(permit, today.minusDays(1)),
                permit,
                "LEDGER_INCOMPLETE",
                "第三十七条第（一）项",
                today.minusDays(1));
        String caseId = (String) post("/api/v1/cases", county, Map.of("findingId", found.toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        String rect = (String) post(
                        "/api/v1/cases/" + caseId + "/rectification",
                        county,
                        Map.of(
                                "requirements",
                                "补齐台账记录",
                                "deadline",
                                today.plusDays(5).toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("rectificationId");
        post(
                        "/api/v1/rectifications/" + rect + "/verification",
                        county,
                        Map.of("recordId", submittedRecord(permit, today).toString(), "result", "COMPLETE"))
                .expectStatus()
                .isCreated();

        // a prior violation 14 months before: outside both windows (12 months), nothing changes
        post(
                        "/api/v1/cases/prior-violations",
                        city,
                        prior(permit, "晋并环罚〔2025〕7号", today.minusMonths(14), null, "37(1)", "LEDGER_INCOMPLETE"))
                .expectStatus()
                .isCreated();
        Map<String, Object> first = post(
                        "/api/v1/cases/" + caseId + "/penalty-proposal",
                        county,
                        proposal("SLIGHT", "ACTIVE", List.of()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(((Map<?, ?>) first.get("noPenalty")).get("eligible")).isEqualTo(true);
        // p = FAULT .20 × .3 = .06 → 5000 + 15000 × .06 = 5900
        assertThat(new BigDecimal(first.get("resultYuan").toString())).isEqualByComparingTo("5900");

        // who may record, and what is refused
        Map<String, Object> valid =
                prior(permit, "晋并环罚〔2026〕3号", today.minusMonths(3), today.minusMonths(4), "第三十七条第（一）项", null);
        post("/api/v1/cases/prior-violations", county, valid).expectStatus().isForbidden();
        problem(post("/api/v1/cases/prior-violations", TestJwts.token("CITY", "140200"), valid), 404, "unit-not-found");
        Map<String, Object> bad = new LinkedHashMap<>(valid);
        bad.put("article", "'; DROP TABLE finding; --");
        field(post("/api/v1/cases/prior-violations", city, bad), 400, "article");
        bad = new LinkedHashMap<>(valid);
        bad.put("decidedOn", today.plusDays(1).toString());
        field(post("/api/v1/cases/prior-violations", city, bad), 400, "decidedOn");
        bad = new LinkedHashMap<>(valid);
        bad.put("violatedOn", today.minusMonths(2).toString());
        field(post("/api/v1/cases/prior-violations", city, bad), 400, "violatedOn");
        bad = new LinkedHashMap<>(valid);
        bad.remove("sourceDocument");
        field(post("/api/v1/cases/prior-violations", city, bad), 400, "sourceDocument");
        assertThat(count("SELECT count(*) FROM prior_violation WHERE permit_number = '" + permit + "'"))
                .isOne();

        // 4 months ago, same article and 项 (its violation type unknown): inside the 12 months of 初次 and HISTORY
        Map<String, Object> recorded = post("/api/v1/cases/prior-violations", city, valid)
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(recorded).containsEntry("decisionNo", "晋并环罚〔2026〕3号").containsEntry("divisionCode", COUNTY);
        problem(post("/api/v1/cases/prior-violations", city, valid), 409, "prior-violation-exists");
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'prior-violation.record' AND resource_id = '"
                        + recorded.get("id") + "' AND details->>'decisionNo' = '晋并环罚〔2026〕3号'"))
                .isOne();

        Map<String, Object> repeat = post(
                        "/api/v1/cases/" + caseId + "/penalty-proposal",
                        county,
                        proposal("SLIGHT", "ACTIVE", List.of()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<?, ?> noPenalty = (Map<?, ?>) repeat.get("noPenalty");
        assertThat(noPenalty.get("eligible")).isEqualTo(false);
        assertThat((List<?>) noPenalty.get("reasons")).anySatisfy(r -> {
            assertThat(((Map<?, ?>) r).get("check")).isEqualTo("FIRST_VIOLATION");
            assertThat(((Map<?, ?>) r).get("passed")).isEqualTo(false);
            assertThat((String) ((Map<?, ?>) r).get("detail")).contains("晋并环罚〔2026〕3号");
        });
        Map<?, ?> history = (Map<?, ?>) repeat.get("history");
        assertThat(history.get("priorCases")).isEqualTo(1);
        assertThat((List<Object>) history.get("priorCaseNos")).containsExactly("晋并环罚〔2026〕3号");
        // HISTORY REPEAT .6 × .15 = .09 + FAULT .06 → p .15 → 5000 + 15000 × .15 = 7250 → 7300 (100 yuan, HALF_UP)
        assertThat(new BigDecimal(repeat.get("resultYuan").toString())).isEqualByComparingTo("7300");
        field(
                post(
                        "/api/v1/cases/" + caseId + "/decision",
                        city,
                        Map.of("proposalId", repeat.get("proposalId"), "kind", "NO_PENALTY")),
                422,
                "kind");

        // the list: paged, division-scoped, bureau staff only
        Map<String, Object> mine = get("/api/v1/cases/prior-violations?permitNumber=" + permit, county)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(((Number) mine.get("total")).longValue()).isEqualTo(2);
        assertThat((List<Map<String, Object>>) mine.get("items"))
                .extracting(i -> i.get("decisionNo"))
                .containsExactly("晋并环罚〔2026〕3号", "晋并环罚〔2025〕7号");
        assertThat(((Number) get(
                                        "/api/v1/cases/prior-violations?permitNumber=" + permit,
                                        TestJwts.token("CITY", "140200"))
                                .expectStatus()
                                .isOk()
                                .expectBody(Map.class)
                                .returnResult()
                                .getResponseBody()
                                .get("total"))
                        .longValue())
                .isZero();
        get("/api/v1/cases/prior-violations", TestJwts.token("INSPECTOR", CITY))
                .expectStatus()
                .isForbidden();
        field(get("/api/v1/cases/prior-violations?size=500", city), 400, "size");
    }

    private Map<String, Object> prior(
            String permit,
            String decisionNo,
            LocalDate decidedOn,
            LocalDate violatedOn,
            String article,
            String violationType) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("permitNumber", permit);
        m.put("decisionNo", decisionNo);
        m.put("decidedOn", decidedOn.toString());
        if (violatedOn != null) {
            m.put("violatedOn", violatedOn.toString());
        }
        m.put("article", article);
        if (violationType != null) {
            m.put("violationType", violationType);
        }
        m.put("authority", "太原市生态环境局");
        m.put("sourceDocument", "档案号 2026-JG-0031（纸质卷宗）");
        m.put("amountYuan", 8000);
        return m;
    }

    private void directoryUnit(String permit) {
        exec("INSERT INTO directory_unit (permit_number, unit_name, division_code, snapshot, source_event, city_code, "
                + "county_code, key_industry, status, version) VALUES ('" + permit + "', '太原测试焦化有限公司', '" + COUNTY
                + "', '{}', 'test', '" + CITY + "', '" + COUNTY + "', 'COKING', 'VALID', 1)");
    }

    /** A case with a FINE decision at the proposal's amount (factors GENERAL/PASSIVE: p = .31). */
    private String decidedFine(
            String permit, String violationType, String article, LocalDate day, String county, String city) {
        UUID finding = finding(submittedRecord(permit, day), permit, violationType, article, day);
        String caseId = (String) post("/api/v1/cases", county, Map.of("findingId", finding.toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        Map<String, Object> p = post(
                        "/api/v1/cases/" + caseId + "/penalty-proposal",
                        county,
                        proposal("GENERAL", "PASSIVE", List.of()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        readyToDecide(caseId, p.get("proposalId"), null);
        post("/api/v1/cases/" + caseId + "/decision", city, Map.of("proposalId", p.get("proposalId"), "kind", "FINE"))
                .expectStatus()
                .isCreated();
        return caseId;
    }

    /** A re-inspection on {@code day} that still finds the violation, verified CONTINUING on the rectification. */
    private UUID continuing(String permit, String rect, LocalDate day, String token) {
        String type = (String) scalar("SELECT c.violation_type FROM enforcement_case c JOIN rectification r "
                + "ON r.case_id = c.id WHERE r.id = '" + rect + "'");
        UUID record = submittedRecord(permit, day);
        finding(record, permit, type, "34(1)", day);
        post(
                        "/api/v1/rectifications/" + rect + "/verification",
                        token,
                        Map.of("recordId", record.toString(), "result", "CONTINUING"))
                .expectStatus()
                .isCreated();
        return record;
    }

    /** Imposes the daily fine of a re-inspection and returns the decision as the case shows it. */
    private Map<String, Object> daily(String caseId, String rect, UUID record, String city) {
        Map<String, Object> ref = post(
                        "/api/v1/cases/" + caseId + "/daily-penalty",
                        city,
                        Map.of("rectificationId", rect, "reinspectionRecordId", record.toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        List<Map<String, Object>> decisions = (List<Map<String, Object>>) get("/api/v1/cases/" + caseId, city)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("decisions");
        return decisions.stream()
                .filter(d -> d.get("id").equals(ref.get("decisionId")))
                .findFirst()
                .orElseThrow();
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * What a FINE needs before the decision (ADR 0041, docs/inspection/cases.md#procedure): the notice served today
     * (announcing {@code noticedYuan}, else the proposal's amount), 陈述申辩 and any hearing waived, the legal review
     * with its collective discussion.
     */
    private void readyToDecide(String caseId, Object proposalId, Object noticedYuan) {
        String bureau = TestJwts.token("PROVINCE", "140000");
        Map<String, Object> notice = new LinkedHashMap<>(
                Map.of("proposalId", proposalId.toString(), "servedOn", today.toString(), "method", "DIRECT"));
        if (noticedYuan != null) {
            notice.put("amountYuan", noticedYuan);
        }
        Map<String, Object> served = post("/api/v1/cases/" + caseId + "/procedure/notice", bureau, notice)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        boolean hearing = Boolean.TRUE.equals(((Map<?, ?>) served.get("state")).get("hearingEligible"));
        post(
                        "/api/v1/cases/" + caseId + "/procedure/statement",
                        bureau,
                        Map.of("on", today.toString(), "waived", true, "hearingWaived", hearing))
                .expectStatus()
                .isOk();
        post(
                        "/api/v1/cases/" + caseId + "/procedure/review",
                        bureau,
                        Map.of(
                                "reviewedOn", today.toString(),
                                "reviewer", "法制科",
                                "opinion", "事实清楚，程序合法",
                                "discussedOn", today.toString(),
                                "discussionNote", "集体讨论同意"))
                .expectStatus()
                .isOk();
    }

    private static String permit() {
        return "91140105MA0CASE" + String.format("%03d", SEQ.incrementAndGet()) + "001P";
    }

    private static String inspectedAt(LocalDate day) {
        return day.atTime(10, 0).atOffset(CST).toString();
    }

    /** A submitted record of the unit, inspected on {@code day} (China Standard Time). */
    private UUID submittedRecord(String permit, LocalDate day) {
        UUID id = UUID.randomUUID();
        exec(
                "INSERT INTO inspection_record (id, task_id, permit_number, unit_name, division_code, city_code, key_industry, "
                        + "checklist_version_id, status, current_version, content, created_by, submitted_at) VALUES ('"
                        + id
                        + "', '" + UUID.randomUUID() + "', '" + permit + "', '太原测试焦化有限公司', '" + COUNTY + "', '" + CITY
                        + "', 'COKING', '" + UUID.randomUUID() + "', 'SUBMITTED', 1, '{\"inspectedAt\":\""
                        + inspectedAt(day)
                        + "\",\"items\":[]}', 'test', now())");
        return id;
    }

    /** An active finding of a record. */
    private UUID finding(UUID record, String permit, String violationType, String article, LocalDate day) {
        UUID id = UUID.randomUUID();
        exec("INSERT INTO finding (id, record_id, record_version, task_id, item_id, item_code, item_no, item_title, "
                + "violation_type, article, permit_number, unit_name, division_code, city_code, key_industry, notes, "
                + "evidence, measurements, fingerprint, status, inspected_at) SELECT '" + id
                + "', r.id, 1, r.task_id, '"
                + UUID.randomUUID() + "', '3.GENERAL', 3, '超标排放检查', '" + violationType + "', '" + article
                + "', r.permit_number, r.unit_name, r.division_code, r.city_code, r.key_industry, 'SO2 小时均值 180', "
                + "'[{\"fileName\":\"a.jpg\",\"sha256\":\"ab\"}]', '[]', 'fp', 'ACTIVE', '" + inspectedAt(day)
                + "' FROM inspection_record r WHERE r.id = '" + record + "'");
        return id;
    }

    private static Map<String, Object> proposal(String harm, String attitude, List<String> adjustments) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("factors", Map.of("HARM", harm, "FAULT", "NEGLIGENT", "METHOD", "ORDINARY", "ATTITUDE", attitude));
        m.put("adjustments", adjustments);
        return m;
    }

    private WebTestClient.ResponseSpec post(String uri, String token, Object body) {
        var spec = web.post().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        return body == null
                ? spec.exchange()
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec get(String uri, String token) {
        return web.get()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange();
    }

    private void exec(String sql) {
        db.sql(sql).then().block();
    }

    private Object scalar(String sql) {
        return db.sql(sql).map(r -> r.get(0)).one().block();
    }

    private long count(String sql) {
        return ((Number) db.sql(sql).map(r -> r.get(0)).one().block()).longValue();
    }
}
