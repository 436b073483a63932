package org.permitwatch.inspection.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.permitwatch.inspection.InspectionItSupport.field;
import static org.permitwatch.inspection.InspectionItSupport.problem;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.inspection.InspectionIntegrationTest;
import org.permitwatch.support.workday.WorkdayFiles;
import org.permitwatch.testsupport.SettableClock;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The procedure of a penalty case through the API over real PostgreSQL and the embedded broker, on the bureau clock
 * set to the 2026 National Day week (cn-2026.json: 国庆 10-01..10-07, make-up working Saturday 10-10). Deadlines and
 * amounts are computed by hand in the comments. Records and findings are inserted with SQL as CaseLifecycleIT does.
 */
@SuppressWarnings("unchecked")
@InspectionIntegrationTest
class CaseProcedureIT {

    private static final String COUNTY = "140105";
    private static final String CITY = "140100";
    private static final ZoneOffset CST = ZoneOffset.ofHours(8);
    private static final AtomicInteger SEQ = new AtomicInteger();

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    SettableClock clock;

    private final String county = TestJwts.token("COUNTY", COUNTY);
    private final String city = TestJwts.token("CITY", CITY);

    @Autowired
    WorkdayFiles workdays;

    /** The external calendar location of the IT context (InspectionIntegrationTest). */
    private static final Path WORKDAYS = Path.of(System.getProperty("user.dir"), "target", "it-workdays");

    /**
     * TEST FIXTURE, NOT the State Council's 2027 arrangement (not published in this repository's sources): 元旦
     * 01-01..01-03 and a make-up working Saturday 01-09, chosen so the final count differs from the provisional one.
     */
    private static final String FIXTURE_2027 = """
            {"year": 2027, "title": "TEST FIXTURE — not the State Council's 2027 arrangement",
             "source": "test fixture written by CaseProcedureIT",
             "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"}],
             "workingWeekends": [{"date": "2027-01-09", "for": "元旦"}]}""";

    @AfterEach
    void resetClock() throws IOException {
        clock.reset();
        Files.deleteIfExists(WORKDAYS.resolve("cn-2027.json"));
        workdays.reload();
    }

    /**
     * Issue 20: at 2026-12-28 no 2027 arrangement is loaded. Recording steps is never refused; the hearing window
     * reaching 2027 is provisional and keeps the decision blocked after its counted end until the party waives or the
     * year is loaded; the 2027 file written to the external location makes the deadlines final.
     */
    @Test
    void aWindowReachingAnUnpublishedYearIsProvisionalAndStaysOpenUntilWaivedOrLoaded() throws IOException {
        on(2026, 12, 28); // Monday
        String caseId = openCase(LocalDate.of(2026, 12, 21));
        String proposalId = propose(caseId);
        Map<String, Object> s = state(post(caseId, "notice", county, notice(proposalId, "2026-12-28")));
        // 陈述申辩 3 working days: 12-29 1, 12-30 2, 12-31 3 → final (2026 is loaded).
        // 听证 5 working days: 12-31 3, 2027-01-01 Fri 元旦 (fixed date) off, 01-02/03 weekend, 01-04 4, 01-05 5 →
        // provisional (春节 etc. and 调休 of 2027 are unknown).
        assertThat(s)
                .containsEntry("step", "NOTICE_SERVED")
                .containsEntry("statementDue", "2026-12-31")
                .containsEntry("hearingRequestDue", "2027-01-05")
                .containsEntry("provisionalDeadlines", List.of("hearingRequestDue"));
        assertThat((String) s.get("provisionalReason")).contains("2027");
        problem(decide(caseId, proposalId, null), 409, "statement-window-open");

        on(2027, 1, 6); // after the counted end of the hearing window
        Map<String, Object> p = procedure(caseId, city);
        assertThat(p).containsEntry("fineDecisionBlocker", "workday-calendar-provisional");
        assertThat((List<String>) p.get("allowedActions")).contains("hearing-request", "statement");
        problem(decide(caseId, proposalId, null), 409, "workday-calendar-provisional");

        // The party waives both rights: the provisional end no longer matters; the major decision needs its review.
        state(post(caseId, "statement", county, Map.of("on", "2027-01-06", "waived", true, "hearingWaived", true)));
        problem(decide(caseId, proposalId, null), 409, "legal-review-required");
        state(post(caseId, "review", county, review("2027-01-06")));
        decide(caseId, proposalId, new BigDecimal("200000")).expectStatus().isCreated();
        // 送达 within 7 working days of Wed 01-06, provisional: 01-07 1, 01-08 2, 01-11 3, 01-12 4, 01-13 5, 01-14 6,
        // 01-15 7.
        s = state(get("/api/v1/cases/" + caseId + "/procedure", city));
        assertThat(s)
                .containsEntry("serviceDue", "2027-01-15")
                .containsEntry("nextDue", "2027-01-15")
                .containsEntry("provisionalDeadlines", List.of("hearingRequestDue", "serviceDue"));

        // The operators add the year (here the fixture) at the external location; the next reload makes it final:
        // 01-07 1, 01-08 2, 01-09 Sat (the fixture's make-up day) 3, 01-11 4, 01-12 5, 01-13 6, 01-14 7.
        Files.createDirectories(WORKDAYS);
        Files.writeString(WORKDAYS.resolve("cn-2027.json"), FIXTURE_2027);
        assertThat(workdays.reload()).contains(2027);
        s = state(get("/api/v1/cases/" + caseId + "/procedure", city));
        assertThat(s)
                .containsEntry("hearingRequestDue", "2027-01-05")
                .containsEntry("serviceDue", "2027-01-14")
                .containsEntry("nextDue", "2027-01-14")
                .containsEntry("provisionalDeadlines", List.of());
        assertThat(s.get("provisionalReason")).isNull();
    }

    /**
     * A hearing requested after the provisional end is recorded, not refused as late; a window that the loaded year
     * shows closed no longer blocks the decision.
     */
    @Test
    void aRequestAfterAProvisionalEndIsRecordedAndALoadedYearClosesTheWindow() throws IOException {
        on(2026, 12, 28);
        String requested = openCase(LocalDate.of(2026, 12, 21));
        String requestedProposal = propose(requested);
        state(post(requested, "notice", county, notice(requestedProposal, "2026-12-28")));
        String silent = openCase(LocalDate.of(2026, 12, 21));
        String silentProposal = propose(silent);
        state(post(silent, "notice", county, notice(silentProposal, "2026-12-28")));

        on(2027, 1, 7); // two days after the provisional end 01-05
        assertThat(state(post(requested, "hearing-request", county, Map.of("requestedOn", "2027-01-07"))))
                .containsEntry("step", "HEARING_REQUESTED");
        problem(decide(silent, silentProposal, null), 409, "workday-calendar-provisional");

        Files.createDirectories(WORKDAYS);
        Files.writeString(WORKDAYS.resolve("cn-2027.json"), FIXTURE_2027);
        workdays.reload();
        // On the loaded year the window ended 01-05 (12-29, 12-30, 12-31, 01-04, 01-05): closed, final. The decision
        // now meets the next rule (a major decision needs its review), and a late request is refused.
        Map<String, Object> p = procedure(silent, city);
        assertThat(p).containsEntry("fineDecisionBlocker", "legal-review-required");
        assertThat((List<String>) p.get("allowedActions")).doesNotContain("hearing-request");
        problem(
                post(silent, "hearing-request", county, Map.of("requestedOn", "2027-01-07")),
                409,
                "hearing-request-late");
    }

    @Test
    void aDecisionBeforeTheHearingWindowClosesIsRefused() {
        on(2026, 9, 30); // Wednesday, the last working day before 国庆
        String caseId = openCase(LocalDate.of(2026, 9, 28));
        Map<String, Object> p = procedure(caseId, city);
        Map<String, Object> s = (Map<String, Object>) p.get("state");
        assertThat(s).containsEntry("step", "INVESTIGATING").containsEntry("openedOn", "2026-09-30");
        // 立案 9-30 + 90 calendar days: +31 → 10-31, +30 → 11-30, +29 → 12-29
        assertThat(s).containsEntry("caseDue", "2026-12-29").containsEntry("nextDueKind", "DECISION");
        assertThat((List<String>) p.get("allowedActions")).contains("notice", "extension");
        assertThat(p).containsEntry("fineDecisionBlocker", "notice-required");

        String proposalId = propose(caseId);
        problem(decide(caseId, proposalId, null), 409, "notice-required");
        problem(
                post(caseId, "statement", county, Map.of("on", "2026-09-30", "waived", true)),
                409,
                "procedure-step-not-allowed");

        // scope and roles: another city's bureau sees nothing (404), an inspector may not write (403)
        String otherCity = TestJwts.token("CITY", "140200");
        problem(get("/api/v1/cases/" + caseId + "/procedure", otherCity), 404, "case-not-found");
        problem(post(caseId, "notice", otherCity, notice(proposalId, "2026-09-30")), 404, "case-not-found");
        String inspector = TestJwts.builder()
                .subject(UUID.randomUUID().toString())
                .roles("INSPECTOR")
                .division(CITY)
                .build();
        problem(post(caseId, "notice", inspector, notice(proposalId, "2026-09-30")), 403, "case-write-forbidden");
        field(post(caseId, "notice", county, notice(proposalId, "2026-10-01")), 400, "servedOn"); // future
        field(post(caseId, "notice", county, Map.of("servedOn", "2026-09-30", "method", "DIRECT")), 400, "proposalId");

        s = state(post(caseId, "notice", county, notice(proposalId, "2026-09-30")));
        // 10-01..10-07 holiday; 10-08 Thu 1st, 10-09 Fri 2nd, 10-10 Sat (调休) 3rd working day → 陈述申辩 until 10-10;
        // 10-11 Sun off, 10-12 Mon 4th, 10-13 Tue 5th → hearing request until 10-13
        assertThat(s)
                .containsEntry("step", "NOTICE_SERVED")
                .containsEntry("statementDue", "2026-10-10")
                .containsEntry("hearingRequestDue", "2026-10-13")
                .containsEntry("hearingEligible", true) // the proposal is at least 200000 (range of 34(1))
                .containsEntry("reviewRequired", true)
                .containsEntry("discussionRequired", true);
        BigDecimal noticed = new BigDecimal(s.get("noticedYuan").toString());
        problem(post(caseId, "notice", county, notice(proposalId, "2026-09-30")), 409, "procedure-step-not-allowed");

        problem(decide(caseId, proposalId, null), 409, "statement-window-open");
        on(2026, 10, 12); // after the statement window, inside the hearing window
        problem(decide(caseId, proposalId, null), 409, "hearing-window-open");
        on(2026, 10, 13); // the last day of the window is still inside it
        problem(decide(caseId, proposalId, null), 409, "hearing-window-open");

        s = state(post(caseId, "hearing-request", county, Map.of("requestedOn", "2026-10-13")));
        assertThat(s).containsEntry("step", "HEARING_REQUESTED");
        on(2026, 10, 14);
        problem(decide(caseId, proposalId, null), 409, "hearing-pending");
        on(2026, 10, 20);
        s = state(post(caseId, "hearing", county, Map.of("heldOn", "2026-10-20", "outcome", "当事人对事实无异议")));
        // the 7 days from request (10-13) to hearing (10-20) are not counted: 12-29 + 7 = 2027-01-05
        assertThat(s)
                .containsEntry("step", "HEARING_HELD")
                .containsEntry("excludedDays", 7)
                .containsEntry("caseDue", "2027-01-05");
        problem(decide(caseId, proposalId, null), 409, "legal-review-required");
        field(
                post(
                        caseId,
                        "review",
                        county,
                        Map.of("reviewedOn", "2026-10-20", "reviewer", "法制科 王某", "opinion", "事实清楚，证据确凿")),
                400,
                "discussedOn");
        s = state(post(caseId, "review", county, review("2026-10-20")));
        assertThat(s).containsEntry("step", "REVIEWED").containsEntry("discussedOn", "2026-10-20");

        // a heavier fine than the one noticed needs a new notice
        problem(decide(caseId, proposalId, noticed.add(new BigDecimal("1000"))), 409, "decision-exceeds-notice");
        // the statutory minimum of 34(1), 200000, is never above the noticed proposal
        decide(caseId, proposalId, new BigDecimal("200000")).expectStatus().isCreated();
        s = state(get("/api/v1/cases/" + caseId + "/procedure", city));
        // served within 7 working days of Tue 10-20: 10-21, 22, 23, 26, 27, 28, 29
        assertThat(s)
                .containsEntry("step", "DECIDED")
                .containsEntry("decidedOn", "2026-10-20")
                .containsEntry("serviceDue", "2026-10-29")
                .containsEntry("nextDueKind", "SERVICE");
        problem(
                post(caseId, "payment", county, Map.of("paidOn", "2026-10-20", "amountYuan", 200000)),
                409,
                "procedure-step-not-allowed");

        on(2026, 10, 22);
        field(post(caseId, "service", county, Map.of("servedOn", "2026-10-22", "method", "PIGEON")), 400, "method");
        s = state(post(caseId, "service", county, Map.of("servedOn", "2026-10-22", "method", "MAIL")));
        // payment within 15 days: 11-06; six months to sue end 2027-04-22 → apply 04-23 .. 07-22
        assertThat(s)
                .containsEntry("step", "SERVED")
                .containsEntry("paymentDue", "2026-11-06")
                .containsEntry("enforcementFrom", "2027-04-23")
                .containsEntry("enforcementUntil", "2027-07-22")
                .containsEntry("nextDueKind", "PAYMENT");

        on(2026, 11, 9); // 3 days late: 11-07, 11-08, 11-09
        Map<String, Object> late = procedure(caseId, city);
        // 200000 × 3 % × 3 = 18000
        assertThat(late).containsEntry("overdue", true).containsEntry("daysLate", 3);
        assertThat(new BigDecimal(late.get("surchargeYuanToday").toString())).isEqualByComparingTo("18000");
        assertThat((List<String>) late.get("allowedActions"))
                .contains("payment")
                .doesNotContain("enforcement");

        Map<String, Object> due = get("/api/v1/cases/procedure/due?overdueOnly=true&size=200", city)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<String, Object> row = ((List<Map<String, Object>>) due.get("items"))
                .stream()
                        .filter(i -> caseId.equals(i.get("caseId")))
                        .findFirst()
                        .orElseThrow();
        assertThat(row).containsEntry("nextDueKind", "PAYMENT").containsEntry("overdueDays", 3);
        assertThat(new BigDecimal(row.get("surchargeYuanToday").toString())).isEqualByComparingTo("18000");
        Map<String, Object> otherDue = get("/api/v1/cases/procedure/due?overdueOnly=true&size=200", otherCity)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat((List<Map<String, Object>>) otherDue.get("items")).noneMatch(i -> caseId.equals(i.get("caseId")));

        problem(
                post(caseId, "enforcement", city, Map.of("appliedOn", "2026-11-09", "court", "小店区人民法院")),
                409,
                "enforcement-too-early");
        field(post(caseId, "payment", county, Map.of("paidOn", "2026-11-09", "amountYuan", 200000)), 422, "amountYuan");
        s = state(post(caseId, "payment", county, Map.of("paidOn", "2026-11-09", "amountYuan", 218000)));
        assertThat(s).containsEntry("step", "PAID");
        assertThat(s.get("nextDue")).isNull();
        assertThat(new BigDecimal(s.get("surchargeYuan").toString())).isEqualByComparingTo("18000");

        // every step logged, audited and announced
        List<Map<String, Object>> history =
                (List<Map<String, Object>>) procedure(caseId, city).get("history");
        assertThat(history)
                .extracting(h -> h.get("action"))
                .containsExactly("notice", "hearing-request", "hearing", "review", "decision", "service", "payment");
        assertThat(count("SELECT count(*) FROM audit_log WHERE resource_id = '" + caseId
                        + "' AND action LIKE 'case.procedure.%'"))
                .isEqualTo(7);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE message_key = '" + caseId
                        + "' AND event_type = 'org.permitwatch.inspection.case.procedure-step-changed.v1'"))
                .isEqualTo(7);
    }

    @Test
    void aWaiverLetsTheBureauDecideAfterReviewAndTheCaseLimitIsExtendedTwiceAtMost() {
        on(2026, 9, 30);
        String caseId = openCase(LocalDate.of(2026, 9, 28));
        String proposalId = propose(caseId);
        state(post(caseId, "notice", county, notice(proposalId, "2026-09-30")));
        field(post(caseId, "statement", county, Map.of("on", "2026-09-30")), 400, "summary");
        Map<String, Object> s = state(
                post(caseId, "statement", county, Map.of("on", "2026-09-30", "waived", true, "hearingWaived", true)));
        assertThat(s).containsEntry("step", "STATEMENT_HEARD").containsEntry("hearingWaived", true);
        problem(post(caseId, "hearing-request", county, Map.of("requestedOn", "2026-09-30")), 409, "hearing-waived");
        // windows waived, but a fine of 200000 or more is a major decision: review and discussion first
        problem(decide(caseId, proposalId, null), 409, "legal-review-required");

        problem(post(caseId, "extension", county, extension(30, false)), 403, "decision-forbidden");
        field(post(caseId, "extension", city, extension(31, false)), 400, "days");
        // 12-29 + 30 → 2027-01-28
        assertThat(state(post(caseId, "extension", city, extension(30, false))))
                .containsEntry("caseDue", "2027-01-28")
                .containsEntry("extensions", 1);
        field(post(caseId, "extension", city, extension(30, false)), 422, "collectiveDiscussion");
        // 2027-01-28 + 30 → 02-27
        assertThat(state(post(caseId, "extension", city, extension(30, true))))
                .containsEntry("caseDue", "2027-02-27")
                .containsEntry("extensions", 2);
        problem(post(caseId, "extension", city, extension(10, true)), 409, "extension-limit");

        state(post(caseId, "review", county, review("2026-09-30")));
        decide(caseId, proposalId, null).expectStatus().isCreated();
        problem(post(caseId, "extension", city, extension(10, true)), 409, "case-already-decided");
    }

    @Test
    void aCasePastItsNinetyDaysIsListedOverdueAndCanNoLongerBeExtended() {
        on(2026, 9, 30);
        String caseId = openCase(LocalDate.of(2026, 9, 28));
        on(2026, 12, 31); // limit 12-29: two days overdue
        Map<String, Object> due = get("/api/v1/cases/procedure/due?overdueOnly=true&kind=DECISION&size=200", city)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<String, Object> row = ((List<Map<String, Object>>) due.get("items"))
                .stream()
                        .filter(i -> caseId.equals(i.get("caseId")))
                        .findFirst()
                        .orElseThrow();
        assertThat(row).containsEntry("nextDue", "2026-12-29").containsEntry("overdueDays", 2);
        problem(post(caseId, "extension", city, extension(30, false)), 409, "case-limit-passed");
        field(get("/api/v1/cases/procedure/due?kind=LATER", city), 400, "kind");
    }

    @Test
    void theCourtApplicationWaitsForTheUrgeAndItsTenWorkingDays() {
        on(2026, 3, 10); // Tuesday
        String caseId = decidedFine(LocalDate.of(2026, 3, 9), "2026-03-10");
        on(2026, 3, 19);
        // served within the 7 working days (3-11 .. 3-19): payment due 04-03; six months to sue end 09-19, so the
        // application is possible from 09-20 until three months later, 12-19
        Map<String, Object> s =
                state(post(caseId, "service", county, Map.of("servedOn", "2026-03-19", "method", "DIRECT")));
        assertThat(s)
                .containsEntry("paymentDue", "2026-04-03")
                .containsEntry("enforcementFrom", "2026-09-20")
                .containsEntry("enforcementUntil", "2026-12-19");

        on(2026, 4, 3); // the payment day itself: not in default yet
        problem(
                post(caseId, "urge", county, Map.of("servedOn", "2026-04-03", "method", "DIRECT")),
                409,
                "payment-not-late");

        on(2026, 9, 28); // Monday; the periods for 复议/诉讼 are over, but no 催告 yet
        problem(
                post(caseId, "enforcement", city, Map.of("appliedOn", "2026-09-28", "court", "太原市小店区人民法院")),
                409,
                "urge-required");
        Map<String, Object> p = procedure(caseId, city);
        assertThat(p).containsEntry("enforcementBlocker", "urge-required");
        assertThat((List<String>) p.get("allowedActions"))
                .contains("urge", "payment")
                .doesNotContain("enforcement");
        field(post(caseId, "urge", county, Map.of("servedOn", "2026-09-28")), 400, "method");
        s = state(post(caseId, "urge", county, Map.of("servedOn", "2026-09-28", "method", "DIRECT")));
        // ten working days (行政强制法 第五十四条, 第六十九条): 9-29, 9-30, [国庆 10-01..10-07], 10-08, 10-09,
        // 10-10 (调休 Saturday), [10-11 Sunday], 10-12, 10-13, 10-14, 10-15, 10-16 → perform until 10-16, apply from
        // 10-17
        assertThat(s)
                .containsEntry("procedureStep", "URGED")
                .containsEntry("step", null) // contract 1.0.0's enum has no URGED: absent there (ADR 0045)
                .containsEntry("urgeServedOn", "2026-09-28")
                .containsEntry("urgeDue", "2026-10-16")
                .containsEntry("enforcementOpensOn", "2026-10-17")
                .containsEntry("nextDue", "2026-12-19")
                .containsEntry("nextDueKind", "ENFORCEMENT");

        on(2026, 10, 16); // the last day of the 催告 window is still the party's
        problem(
                post(caseId, "enforcement", city, Map.of("appliedOn", "2026-10-16", "court", "太原市小店区人民法院")),
                409,
                "urge-window-open");
        // the bureau's list: the application's last day, 12-19, is 64 days ahead (15 + 30 + 19); 加处罚款 from 04-04 to
        // 10-16 is 196 days × 3 % > 100 %: capped at the fine, 200000
        Map<String, Object> due = get("/api/v1/cases/procedure/due?kind=ENFORCEMENT&withinDays=64&size=200", city)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<String, Object> row = ((List<Map<String, Object>>) due.get("items"))
                .stream()
                        .filter(i -> caseId.equals(i.get("caseId")))
                        .findFirst()
                        .orElseThrow();
        assertThat(row).containsEntry("nextDue", "2026-12-19").containsEntry("overdueDays", 0);
        assertThat(new BigDecimal(row.get("surchargeYuanToday").toString())).isEqualByComparingTo("200000");

        on(2026, 10, 19);
        field(post(caseId, "enforcement", city, Map.of("appliedOn", "2026-10-19")), 400, "court");
        s = state(post(
                caseId,
                "enforcement",
                city,
                Map.of("appliedOn", "2026-10-19", "court", "太原市小店区人民法院", "courtCaseNo", "（2026）晋0105行审12号")));
        assertThat(s)
                .containsEntry("step", "ENFORCEMENT_APPLIED")
                .containsEntry("enforcementCourt", "太原市小店区人民法院")
                .containsEntry("enforcementCourtCaseNo", "（2026）晋0105行审12号");
        assertThat(s.get("nextDue")).isNull();
        assertThat((List<Map<String, Object>>) procedure(caseId, city).get("history"))
                .extracting(h -> h.get("action"))
                .endsWith("service", "urge", "enforcement");
    }

    @Test
    void anApprovedScheduleIsPaidInstalmentByInstalmentEachWithItsOwnSurcharge() {
        on(2026, 3, 10);
        String caseId = decidedFine(LocalDate.of(2026, 3, 9), "2026-03-10");
        on(2026, 3, 19);
        state(post(caseId, "service", county, Map.of("servedOn", "2026-03-19", "method", "DIRECT"))); // due 04-03

        on(2026, 3, 25);
        field(post(caseId, "deferral", county, Map.of("appliedOn", "2026-03-25")), 400, "reason");
        Map<String, Object> s = state(post(
                caseId, "deferral", county, Map.of("appliedOn", "2026-03-25", "reason", "主要生产线停产检修，流动资金不足，申请分三期缴纳")));
        assertThat(s).containsEntry("step", "SERVED").containsEntry("deferralAppliedOn", "2026-03-25");
        problem(
                post(caseId, "deferral", county, Map.of("appliedOn", "2026-03-25", "reason", "再次申请")),
                409,
                "deferral-already-applied");
        assertThat((List<String>) procedure(caseId, city).get("allowedActions")).contains("deferral-decision");

        on(2026, 3, 27);
        problem(post(caseId, "deferral/decision", county, approval("66666.66")), 403, "decision-forbidden");
        // 66666.67 × 3 = 200000.01: one fen more than the fine
        field(post(caseId, "deferral/decision", city, approval("66666.67")), 422, "instalments");
        s = state(post(caseId, "deferral/decision", city, approval("66666.66")));
        assertThat(s)
                .containsEntry("procedureStep", "INSTALMENTS")
                .containsEntry("deferralApproved", true)
                .containsEntry("nextDue", "2026-04-30")
                .containsEntry("nextDueKind", "INSTALMENT");
        problem(
                post(caseId, "payment", county, Map.of("paidOn", "2026-03-27", "amountYuan", 200000)),
                409,
                "instalments-approved");

        on(2026, 4, 30);
        problem(
                post(caseId, "instalment-payment", county, instalment(2, "2026-04-30", "66666.67")),
                409,
                "instalment-out-of-order");
        s = state(post(caseId, "instalment-payment", county, instalment(1, "2026-04-30", "66666.67")));
        assertThat(s).containsEntry("procedureStep", "INSTALMENTS").containsEntry("nextDue", "2026-05-31");

        on(2026, 5, 20); // nothing is late: the fine's own payment day (04-03) no longer counts
        Map<String, Object> p = procedure(caseId, city);
        assertThat(p).containsEntry("overdue", false).containsEntry("daysLate", 0);
        assertThat(new BigDecimal(p.get("surchargeYuanToday").toString())).isEqualByComparingTo("0");
        List<Map<String, Object>> plan = (List<Map<String, Object>>) p.get("instalments");
        assertThat(plan).extracting(i -> i.get("dueOn")).containsExactly("2026-04-30", "2026-05-31", "2026-06-30");
        assertThat(plan.get(0)).containsEntry("paidOn", "2026-04-30");
        assertThat(plan.get(1)).containsEntry("overdue", false);
        assertThat(new BigDecimal(plan.get(1).get("surchargeYuanToday").toString()))
                .isEqualByComparingTo("0");

        on(2026, 6, 2); // the second instalment (05-31) is 2 days late: 66666.67 × 3 % × 2 = 4000.0002 → 4000.00
        Map<String, Object> due = get("/api/v1/cases/procedure/due?overdueOnly=true&kind=INSTALMENT&size=200", city)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<String, Object> row = ((List<Map<String, Object>>) due.get("items"))
                .stream()
                        .filter(i -> caseId.equals(i.get("caseId")))
                        .findFirst()
                        .orElseThrow();
        assertThat(row).containsEntry("nextDue", "2026-05-31").containsEntry("overdueDays", 2);
        assertThat(new BigDecimal(row.get("surchargeYuanToday").toString())).isEqualByComparingTo("4000.00");
        // ... and only that one: the third (06-30) accrues nothing yet
        plan = (List<Map<String, Object>>) procedure(caseId, city).get("instalments");
        assertThat(plan.get(1)).containsEntry("overdue", true);
        assertThat(new BigDecimal(plan.get(2).get("surchargeYuanToday").toString()))
                .isEqualByComparingTo("0");

        on(2026, 6, 3); // 3 days late: 66666.67 × 3 % × 3 = 6000.0003 → 6000.00; owed 72666.67
        field(post(caseId, "instalment-payment", county, instalment(2, "2026-06-03", "66666.67")), 422, "amountYuan");
        s = state(post(caseId, "instalment-payment", county, instalment(2, "2026-06-03", "72666.67")));
        assertThat(s).containsEntry("nextDue", "2026-06-30");

        on(2026, 6, 30);
        s = state(post(caseId, "instalment-payment", county, instalment(3, "2026-06-30", "66666.66")));
        // paid 66666.67 + 72666.67 + 66666.66 = 206000.00, of which 加处罚款 6000.00
        assertThat(s).containsEntry("step", "PAID").containsEntry("paidOn", "2026-06-30");
        assertThat(new BigDecimal(s.get("paidYuan").toString())).isEqualByComparingTo("206000.00");
        assertThat(new BigDecimal(s.get("surchargeYuan").toString())).isEqualByComparingTo("6000.00");
        assertThat(s.get("nextDue")).isNull();
        assertThat(count("SELECT count(*) FROM audit_log WHERE resource_id = '" + caseId
                        + "' AND action IN ('case.procedure.deferral', 'case.procedure.deferral-decision', "
                        + "'case.procedure.instalment-payment')"))
                .isEqualTo(5);
    }

    @Test
    void aSuspensionStopsTheCaseLimitAndBlocksEveryStepUntilResumedOrTerminated() {
        on(2026, 9, 30);
        String caseId = openCase(LocalDate.of(2026, 9, 28)); // case limit 12-29
        String proposalId = propose(caseId);
        on(2026, 10, 9);
        Map<String, Object> suspend = Map.of("on", "2026-10-09", "reason", "行政处罚决定须以相关刑事案件的裁判结果为依据");
        problem(post(caseId, "suspension", county, suspend), 403, "decision-forbidden");
        field(post(caseId, "suspension", city, Map.of("on", "2026-10-09")), 400, "reason");
        Map<String, Object> s = state(post(caseId, "suspension", city, suspend));
        assertThat(s).containsEntry("step", "INVESTIGATING").containsEntry("suspendedSince", "2026-10-09");
        assertThat(s.get("nextDue")).isNull();
        Map<String, Object> p = procedure(caseId, city);
        assertThat((List<String>) p.get("allowedActions")).containsExactly("resumption", "termination");
        assertThat(p).containsEntry("fineDecisionBlocker", "case-suspended");
        problem(post(caseId, "notice", county, notice(proposalId, "2026-10-09")), 409, "case-suspended");
        problem(decide(caseId, proposalId, null), 409, "case-suspended");
        problem(post(caseId, "extension", city, extension(30, false)), 409, "case-suspended");
        problem(post(caseId, "suspension", city, suspend), 409, "case-suspended");
        Map<String, Object> due = get("/api/v1/cases/procedure/due?withinDays=366&size=200", city)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat((List<Map<String, Object>>) due.get("items")).noneMatch(i -> caseId.equals(i.get("caseId")));

        on(2026, 10, 19);
        s = state(post(caseId, "resumption", city, Map.of("on", "2026-10-19", "reason", "相关刑事案件已审结")));
        // the 10 days 10-09 → 10-19 are not counted: 12-29 + 10 = 2027-01-08
        assertThat(s)
                .containsEntry("suspendedDays", 10)
                .containsEntry("excludedDays", 10)
                .containsEntry("caseDue", "2027-01-08")
                .containsEntry("nextDue", "2027-01-08")
                .containsEntry("nextDueKind", "DECISION");
        assertThat(s.get("suspendedSince")).isNull();
        problem(
                post(caseId, "resumption", city, Map.of("on", "2026-10-19", "reason", "再次恢复")),
                409,
                "case-not-suspended");

        on(2026, 10, 20);
        s = state(post(caseId, "termination", city, Map.of("on", "2026-10-20", "reason", "当事人已注销，无权利义务承受人")));
        assertThat(s).containsEntry("procedureStep", "TERMINATED").containsEntry("terminatedOn", "2026-10-20");
        assertThat(s.get("nextDue")).isNull();
        problem(post(caseId, "notice", county, notice(proposalId, "2026-10-20")), 409, "procedure-step-not-allowed");
        problem(decide(caseId, proposalId, null), 409, "case-terminated");
        assertThat((List<Map<String, Object>>) procedure(caseId, city).get("history"))
                .extracting(h -> h.get("action"))
                .containsExactly("suspension", "resumption", "termination");
        assertThat(count("SELECT count(*) FROM audit_log WHERE resource_id = '" + caseId
                        + "' AND action IN ('case.procedure.suspension', 'case.procedure.resumption', "
                        + "'case.procedure.termination')"))
                .isEqualTo(3);
    }

    // --- helpers ---

    /** A case with a FINE of 200000 decided on {@code day}: notice served, statement and hearing waived, reviewed. */
    private String decidedFine(LocalDate inspected, String day) {
        String caseId = openCase(inspected);
        String proposalId = propose(caseId);
        state(post(caseId, "notice", county, notice(proposalId, day)));
        state(post(caseId, "statement", county, Map.of("on", day, "waived", true, "hearingWaived", true)));
        state(post(caseId, "review", county, review(day)));
        decide(caseId, proposalId, new BigDecimal("200000")).expectStatus().isCreated();
        return caseId;
    }

    /** Approval of three instalments: 66666.67 on 04-30 and 05-31, {@code last} on 06-30. */
    private static Map<String, Object> approval(String last) {
        return Map.of(
                "decidedOn",
                "2026-03-27",
                "approved",
                true,
                "approver",
                "局长 李某",
                "instalments",
                List.of(
                        Map.of("dueOn", "2026-04-30", "amountYuan", new BigDecimal("66666.67")),
                        Map.of("dueOn", "2026-05-31", "amountYuan", new BigDecimal("66666.67")),
                        Map.of("dueOn", "2026-06-30", "amountYuan", new BigDecimal(last))));
    }

    private static Map<String, Object> instalment(int seq, String paidOn, String amount) {
        return Map.of("seq", seq, "paidOn", paidOn, "amountYuan", new BigDecimal(amount));
    }

    private void on(int year, int month, int day) {
        clock.set(LocalDate.of(year, month, day).atTime(10, 0).atOffset(CST).toInstant());
    }

    private String openCase(LocalDate inspected) {
        String permit = "91140105MA0PROC" + String.format("%03d", SEQ.incrementAndGet()) + "001P";
        UUID record = UUID.randomUUID();
        String at = inspected.atTime(10, 0).atOffset(CST).toString();
        exec("INSERT INTO inspection_record (id, task_id, permit_number, unit_name, division_code, city_code, "
                + "key_industry, checklist_version_id, status, current_version, content, created_by, submitted_at) "
                + "VALUES ('" + record + "', '" + UUID.randomUUID() + "', '" + permit + "', '太原测试焦化有限公司', '"
                + COUNTY + "', '" + CITY + "', 'COKING', '" + UUID.randomUUID() + "', 'SUBMITTED', 1, "
                + "'{\"inspectedAt\":\"" + at + "\",\"items\":[]}', 'test', now())");
        UUID finding = UUID.randomUUID();
        exec("INSERT INTO finding (id, record_id, record_version, task_id, item_id, item_code, item_no, item_title, "
                + "violation_type, article, permit_number, unit_name, division_code, city_code, key_industry, notes, "
                + "evidence, measurements, fingerprint, status, inspected_at) SELECT '" + finding
                + "', r.id, 1, r.task_id, '" + UUID.randomUUID() + "', '3.GENERAL', 3, '超标排放检查', "
                + "'EXCEEDING_LIMITS', '34(1)', r.permit_number, r.unit_name, r.division_code, r.city_code, "
                + "r.key_industry, 'SO2 小时均值 180', '[]', '[]', 'fp', 'ACTIVE', '" + at
                + "' FROM inspection_record r WHERE r.id = '" + record + "'");
        Map<String, Object> opened = post("/api/v1/cases", county, Map.of("findingId", finding.toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String) opened.get("id");
    }

    private String propose(String caseId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "factors",
                Map.of("HARM", "GENERAL", "FAULT", "NEGLIGENT", "METHOD", "ORDINARY", "ATTITUDE", "PASSIVE"));
        body.put("adjustments", List.of());
        Map<String, Object> proposal = post("/api/v1/cases/" + caseId + "/penalty-proposal", county, body)
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String) proposal.get("proposalId");
    }

    private WebTestClient.ResponseSpec decide(String caseId, String proposalId, BigDecimal amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("proposalId", proposalId);
        body.put("kind", "FINE");
        if (amount != null) {
            body.put("amountYuan", amount);
            body.put("overrideReason", "听证后从轻");
        }
        return post("/api/v1/cases/" + caseId + "/decision", city, body);
    }

    private static Map<String, Object> notice(String proposalId, String servedOn) {
        return Map.of("proposalId", proposalId, "servedOn", servedOn, "method", "DIRECT");
    }

    private static Map<String, Object> review(String day) {
        return Map.of(
                "reviewedOn", day,
                "reviewer", "法制科 王某",
                "opinion", "事实清楚，证据确凿，程序合法",
                "discussedOn", day,
                "discussionNote", "局务会集体讨论同意");
    }

    private static Map<String, Object> extension(int days, boolean discussed) {
        return Map.of("days", days, "reason", "需补充监测", "collectiveDiscussion", discussed);
    }

    private Map<String, Object> procedure(String caseId, String token) {
        return get("/api/v1/cases/" + caseId + "/procedure", token)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private static Map<String, Object> state(WebTestClient.ResponseSpec response) {
        Map<String, Object> body = response.expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (Map<String, Object>) body.get("state");
    }

    private WebTestClient.ResponseSpec post(String caseId, String action, String token, Object body) {
        return post("/api/v1/cases/" + caseId + "/procedure/" + action, token, body);
    }

    private WebTestClient.ResponseSpec post(String uri, String token, Object body) {
        return web.post()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
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

    private long count(String sql) {
        return ((Number) db.sql(sql).map(r -> r.get(0)).one().block()).longValue();
    }
}
