package org.permitwatch.liaison.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.liaison.SubmissionRecorded;
import org.permitwatch.liaison.LiaisonIntegrationTest;
import org.permitwatch.testsupport.RepeatedQueries;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/** Deadlines: the seeded notice, status per city, idempotent submissions, scope, and reminders with a fixed clock. */
@LiaisonIntegrationTest
class DeadlineApiIT {

    private static final String PROVINCE = TestJwts.token("PROVINCE", "140000");
    private static final String TAIYUAN = TestJwts.token("CITY", "140100");
    private static final String DATONG = TestJwts.token("CITY", "140200");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    ReminderJob reminders;

    @Autowired
    JsonMapper jsonMapper;

    private WebTestClient.RequestHeadersSpec<?> request(HttpMethod method, String token, String uri, Object body) {
        var spec = web.method(method).uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        return body == null
                ? spec
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> json(WebTestClient.ResponseSpec spec) {
        return spec.expectBody(Map.class).returnResult().getResponseBody();
    }

    /** Every deadline on one page, as the caller sees them. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> deadlines(String token) {
        return (List<Map<String, Object>>) json(request(HttpMethod.GET, token, "/api/v1/deadlines?size=200", null)
                        .exchange()
                        .expectStatus()
                        .isOk())
                .get("items");
    }

    private long count(String sql) {
        return db.sql(sql).map(r -> r.get(0, Long.class)).one().block();
    }

    private static Map<String, Object> once(String code, LocalDate due) {
        Map<String, Object> form = new HashMap<>();
        form.put("code", code);
        form.put("title", "测试报送 " + code);
        form.put("recurrence", "ONCE");
        form.put("dueDate", due.toString());
        return form;
    }

    private static Map<String, Object> data(String deadlineId, String period) {
        Map<String, Object> body = new HashMap<>();
        body.put("deadlineId", deadlineId);
        body.put("period", period);
        body.put("data", Map.of("inspected", 12, "violations", 3));
        return body;
    }

    @Test
    void theNoticesObligationsAreSeededAsEditableData() {
        List<Map<String, Object>> items = deadlines(DATONG);
        Map<String, Map<String, Object>> byCode = new HashMap<>();
        items.forEach(i -> byCode.put((String) i.get("code"), i));
        assertThat(byCode.get("WORK_PLAN_2022")).containsEntry("dueDate", "2022-05-27");
        assertThat(byCode.get("LIAISON_LIST_2022")).containsEntry("dueDate", "2022-05-27");
        assertThat(byCode.get("YEAR_SUMMARY_2022")).containsEntry("dueDate", "2022-11-30");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> months =
                (List<Map<String, Object>>) byCode.get("MONTHLY_DISPATCH_2022").get("instances");
        assertThat(months)
                .extracting(m -> m.get("period"))
                .containsExactly("2022-06", "2022-07", "2022-08", "2022-09", "2022-10", "2022-11", "2022-12");
        assertThat(months).extracting(m -> m.get("dueDate")).contains("2022-06-30", "2022-12-30");

        // Only the province edits; an edit moves due dates but keeps instance ids.
        String id = (String) byCode.get("MONTHLY_DISPATCH_2022").get("id");
        Map<String, Object> edit = new HashMap<>(Map.of(
                "code",
                "MONTHLY_DISPATCH_2022",
                "title",
                "月度调度",
                "recurrence",
                "MONTHLY",
                "dueDay",
                25,
                "firstMonth",
                "2022-06",
                "lastMonth",
                "2022-12"));
        request(HttpMethod.PUT, TAIYUAN, "/api/v1/deadlines/" + id, edit)
                .exchange()
                .expectStatus()
                .isForbidden();
        Map<String, Object> edited = json(request(HttpMethod.PUT, PROVINCE, "/api/v1/deadlines/" + id, edit)
                .exchange()
                .expectStatus()
                .isOk());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> after = (List<Map<String, Object>>) edited.get("instances");
        assertThat(after)
                .extracting(m -> m.get("id"))
                .containsExactlyElementsOf(months.stream().map(m -> m.get("id")).toList());
        assertThat(after.get(0)).containsEntry("dueDate", "2022-06-25");
    }

    /**
     * A page carries each obligation's own instances. Read with one query for the whole page: with more obligations
     * than RepeatedQueries' limit, a query per obligation fails this test.
     */
    @Test
    void aPageOfDeadlinesCarriesEachOnesOwnInstances() {
        LocalDate first = LocalDate.of(2031, 3, 1);
        for (int i = 0; i <= RepeatedQueries.LIMIT; i++) {
            request(HttpMethod.POST, PROVINCE, "/api/v1/deadlines", once("PAGE_" + i, first.plusDays(i)))
                    .exchange()
                    .expectStatus()
                    .isCreated();
        }

        List<Map<String, Object>> items = deadlines(TAIYUAN);

        assertThat(items).hasSizeGreaterThan(RepeatedQueries.LIMIT);
        for (int i = 0; i <= RepeatedQueries.LIMIT; i++) {
            String code = "PAGE_" + i;
            String due = first.plusDays(i).toString();
            assertThat(items)
                    .filteredOn(item -> code.equals(item.get("code")))
                    .singleElement()
                    .extracting(item -> item.get("instances"))
                    .asInstanceOf(InstanceOfAssertFactories.LIST)
                    .singleElement()
                    .asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("dueDate", due);
        }
        assertThat(items)
                .filteredOn(item -> "MONTHLY_DISPATCH_2022".equals(item.get("code")))
                .singleElement()
                .extracting(item -> item.get("instances"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .hasSize(7);
    }

    @Test
    void statusIsOnTimeLateMissingOrPendingPerCity() {
        LocalDate today = LocalDate.now(SHANGHAI);
        String past = (String)
                json(request(HttpMethod.POST, PROVINCE, "/api/v1/deadlines", once("PAST_1", today.minusDays(10)))
                                .exchange()
                                .expectStatus()
                                .isCreated())
                        .get("id");
        String future = (String)
                json(request(HttpMethod.POST, PROVINCE, "/api/v1/deadlines", once("FUTURE_1", today.plusDays(10)))
                                .exchange()
                                .expectStatus()
                                .isCreated())
                        .get("id");

        request(HttpMethod.POST, TAIYUAN, "/api/v1/submissions", data(past, null))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.onTime")
                .isEqualTo(false)
                .jsonPath("$.version")
                .isEqualTo(1);
        request(HttpMethod.POST, TAIYUAN, "/api/v1/submissions", data(future, null))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.onTime")
                .isEqualTo(true);
        // A resubmission is a new version; the first on-time one still counts.
        Map<String, Object> second = json(request(HttpMethod.POST, TAIYUAN, "/api/v1/submissions", data(future, null))
                .exchange()
                .expectStatus()
                .isCreated());
        assertThat(second).containsEntry("version", 2);

        // Every new version is announced on the submission topic, keyed obligation:city:period, in the same
        // transaction.
        String pastPeriod = db.sql("SELECT period FROM deadline_instance WHERE obligation_id = '" + past + "'")
                .map(r -> r.get(0, String.class))
                .one()
                .block();
        String futurePeriod = db.sql("SELECT period FROM deadline_instance WHERE obligation_id = '" + future + "'")
                .map(r -> r.get(0, String.class))
                .one()
                .block();
        List<SubmissionRecorded> pastEvents = submissionEvents(past + ":140100:" + pastPeriod);
        assertThat(pastEvents).hasSize(1);
        SubmissionRecorded late = pastEvents.get(0);
        assertThat(late.obligationId()).hasToString(past);
        assertThat(late.obligationCode()).isEqualTo("PAST_1");
        assertThat(late.cityCode()).isEqualTo("140100");
        assertThat(late.period()).isEqualTo(pastPeriod);
        assertThat(late.dueDate()).isEqualTo(today.minusDays(10));
        assertThat(late.status()).isEqualTo("LATE");
        assertThat(late.submittedBy()).isNotBlank();
        assertThat(late.submittedAt()).isNotNull();
        List<SubmissionRecorded> futureEvents = submissionEvents(future + ":140100:" + futurePeriod);
        assertThat(futureEvents).hasSize(2).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo("ON_TIME");
            assertThat(e.obligationCode()).isEqualTo("FUTURE_1");
            assertThat(e.dueDate()).isEqualTo(today.plusDays(10));
        });
        assertThat(futureEvents.get(1).submissionId()).hasToString((String) second.get("id"));

        request(HttpMethod.GET, PROVINCE, "/api/v1/deadlines/" + past + "/status", null)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.instances[0].cities.length()")
                .isEqualTo(11)
                .jsonPath("$.instances[0].cities[?(@.cityCode == '140100')].status")
                .isEqualTo(List.of("LATE"))
                .jsonPath("$.instances[0].cities[?(@.cityCode == '140200')].status")
                .isEqualTo(List.of("MISSING"));
        request(HttpMethod.GET, PROVINCE, "/api/v1/deadlines/" + future + "/status", null)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.instances[0].cities[?(@.cityCode == '140100')].status")
                .isEqualTo(List.of("ON_TIME"))
                .jsonPath("$.instances[0].cities[?(@.cityCode == '140100')].countedVersion")
                .isEqualTo(List.of(1))
                .jsonPath("$.instances[0].cities[?(@.cityCode == '140100')].versions")
                .isEqualTo(List.of(2))
                .jsonPath("$.instances[0].cities[?(@.cityCode == '140200')].status")
                .isEqualTo(List.of("PENDING"));
        // A city sees only its own row and its own submissions.
        request(HttpMethod.GET, DATONG, "/api/v1/deadlines/" + future + "/status", null)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.instances[0].cities.length()")
                .isEqualTo(1)
                .jsonPath("$.instances[0].cities[0].cityCode")
                .isEqualTo("140200");
        request(HttpMethod.GET, DATONG, "/api/v1/submissions?deadlineId=" + future, null)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
        request(HttpMethod.GET, PROVINCE, "/api/v1/submissions?deadlineId=" + future, null)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(2);
        // The status rule itself at fixed instants around the end of the due date.
        Instant dueEnd = LocalDate.of(2022, 5, 28).atStartOfDay(SHANGHAI).toInstant();
        assertThat(DeadlineStatus.of(dueEnd.minusSeconds(1), dueEnd, null, null))
                .isEqualTo(DeadlineStatus.PENDING);
        assertThat(DeadlineStatus.of(dueEnd, dueEnd, null, null)).isEqualTo(DeadlineStatus.MISSING);
        assertThat(DeadlineStatus.of(dueEnd, dueEnd, null, dueEnd)).isEqualTo(DeadlineStatus.LATE);
        assertThat(DeadlineStatus.of(dueEnd, dueEnd, dueEnd.minusSeconds(5), dueEnd.minusSeconds(5)))
                .isEqualTo(DeadlineStatus.ON_TIME);
    }

    @Test
    void aRetriedSubmissionWithTheSameIdempotencyKeyIsStoredOnce() {
        String id = (String) json(request(
                                HttpMethod.POST,
                                PROVINCE,
                                "/api/v1/deadlines",
                                once("IDEMPOTENT_1", LocalDate.now(SHANGHAI).plusDays(3)))
                        .exchange()
                        .expectStatus()
                        .isCreated())
                .get("id");
        Map<String, Object> body = Map.of(
                "deadlineId",
                id,
                "note",
                "工作方案",
                "document",
                Map.of("fileName", "方案.pdf", "sha256", "a".repeat(64), "size", 2048, "contentType", "application/pdf"));
        Map<String, Object> first = json(request(HttpMethod.POST, TAIYUAN, "/api/v1/submissions", body)
                .header("Idempotency-Key", "k-1")
                .exchange()
                .expectStatus()
                .isCreated());
        Map<String, Object> retry = json(request(HttpMethod.POST, TAIYUAN, "/api/v1/submissions", body)
                .header("Idempotency-Key", "k-1")
                .exchange()
                .expectStatus()
                .isOk());
        assertThat(retry.get("id")).isEqualTo(first.get("id"));
        request(HttpMethod.POST, TAIYUAN, "/api/v1/submissions", data(id, null))
                .header("Idempotency-Key", "k-1")
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("idempotency-key-reused");
        assertThat(count("SELECT count(*) FROM deadline_submission s JOIN deadline_instance i ON i.id = s.instance_id "
                        + "WHERE i.obligation_id = '" + id + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'submission.create' AND resource_id = '"
                        + first.get("id") + "'"))
                .isEqualTo(1);
        // the replay announces nothing: one event for the one stored submission
        assertThat(count("SELECT count(*) FROM outbox_event WHERE topic = 'liaison.submission.events.v1' "
                        + "AND message_key LIKE '" + id + ":%'"))
                .isEqualTo(1);
    }

    /** The SubmissionRecorded events in the outbox under {@code key}, in append order. */
    private List<SubmissionRecorded> submissionEvents(String key) {
        return db.sql(
                        "SELECT payload::text FROM outbox_event WHERE topic = 'liaison.submission.events.v1' "
                                + "AND event_type = 'org.permitwatch.liaison.submission.recorded.v1' AND message_key = :k ORDER BY seq")
                .bind("k", key)
                .map(r -> r.get(0, String.class))
                .all()
                .map(text -> jsonMapper.readValue(text, SubmissionRecorded.class))
                .collectList()
                .block();
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndStoresNothing() {
        long before =
                count("SELECT count(*) FROM deadline_submission") + count("SELECT count(*) FROM deadline_obligation");
        long eventsBefore = count("SELECT count(*) FROM outbox_event WHERE topic = 'liaison.submission.events.v1'");
        Map<String, Object> bad = new HashMap<>(Map.of(
                "code",
                "x y",
                "title",
                " ",
                "recurrence",
                "MONTHLY",
                "dueDay",
                40,
                "firstMonth",
                "2022-13",
                "lastMonth",
                "2022-05"));
        request(HttpMethod.POST, PROVINCE, "/api/v1/deadlines", bad)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat((List<String>) fields)
                        .containsExactlyInAnyOrder("code", "title", "dueDay", "firstMonth"));
        request(HttpMethod.POST, TAIYUAN, "/api/v1/deadlines", once("CITY_TRY", LocalDate.now()))
                .exchange()
                .expectStatus()
                .isForbidden();
        String monthly = (String) json(request(HttpMethod.GET, PROVINCE, "/api/v1/deadlines?size=200", null)
                        .exchange()
                        .expectStatus()
                        .isOk())
                .get("items")
                .toString()
                .replaceAll(".*id=([0-9a-f\\-]{36}), code=MONTHLY_DISPATCH_2022.*", "$1");
        Map<String, Object> both = new HashMap<>(data(monthly, "2022-06"));
        both.put("document", Map.of("fileName", "a.pdf", "sha256", "bad", "size", 0, "contentType", "pdf"));
        request(HttpMethod.POST, TAIYUAN, "/api/v1/submissions", both)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat((List<String>) fields)
                        .containsExactlyInAnyOrder(
                                "document", "document.sha256", "document.size", "document.contentType"));
        request(HttpMethod.POST, TAIYUAN, "/api/v1/submissions", data(monthly, null))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("period");
        request(HttpMethod.POST, PROVINCE, "/api/v1/submissions", data(monthly, "2022-06"))
                .exchange()
                .expectStatus()
                .isForbidden();
        assertThat(count("SELECT count(*) FROM deadline_submission")
                        + count("SELECT count(*) FROM deadline_obligation"))
                .isEqualTo(before);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE topic = 'liaison.submission.events.v1'"))
                .isEqualTo(eventsBefore);
    }

    @Test
    void remindersGoToCitiesThatSubmittedNothingAndNeverTwice() {
        LocalDate due = LocalDate.of(2031, 3, 20);
        String id = (String) json(request(HttpMethod.POST, PROVINCE, "/api/v1/deadlines", once("REMIND_2031", due))
                        .exchange()
                        .expectStatus()
                        .isCreated())
                .get("id");
        // Taiyuan already submitted (real clock: long before 2031, so on time); it must not be reminded.
        request(HttpMethod.POST, TAIYUAN, "/api/v1/submissions", data(id, null))
                .exchange()
                .expectStatus()
                .isCreated();
        String instance = (String)
                ((List<Map<String, Object>>) json(request(HttpMethod.GET, PROVINCE, "/api/v1/deadlines/" + id, null)
                                        .exchange()
                                        .expectStatus()
                                        .isOk())
                                .get("instances"))
                        .get(0)
                        .get("id");

        Clock threeDaysBefore =
                Clock.fixed(due.minusDays(3).atTime(9, 0).atZone(SHANGHAI).toInstant(), SHANGHAI);
        List<String> keys = reminders
                .run(threeDaysBefore)
                .filter(k -> k.contains(instance))
                .collectList()
                .block();
        assertThat(keys)
                .hasSize(10)
                .contains("reminder:" + instance + ":140200:-3")
                .noneMatch(k -> k.contains(":140100:"));
        // A re-run the same day requests the same keys; nothing new is recorded.
        reminders.run(threeDaysBefore).blockLast();
        assertThat(count(
                        "SELECT count(*) FROM notification_request WHERE event_key LIKE 'reminder:" + instance + ":%'"))
                .isEqualTo(10);
        // Two days before, inside the catch-up window: only the same -3 keys again, so still nothing new.
        Clock twoDaysBefore =
                Clock.fixed(due.minusDays(2).atTime(9, 0).atZone(SHANGHAI).toInstant(), SHANGHAI);
        assertThat(reminders
                        .run(twoDaysBefore)
                        .filter(k -> k.contains(instance))
                        .collectList()
                        .block())
                .containsExactlyInAnyOrderElementsOf(keys);
        assertThat(count(
                        "SELECT count(*) FROM notification_request WHERE event_key LIKE 'reminder:" + instance + ":%'"))
                .isEqualTo(10);
        // The day after: the +1 reminders for the same ten cities.
        Clock dayAfter =
                Clock.fixed(due.plusDays(1).atTime(9, 0).atZone(SHANGHAI).toInstant(), SHANGHAI);
        assertThat(reminders
                        .run(dayAfter)
                        .filter(k -> k.contains(instance))
                        .collectList()
                        .block())
                .hasSize(10)
                .allMatch(k -> k.endsWith(":1"));
        assertThat(count(
                        "SELECT count(*) FROM notification_request WHERE event_key LIKE 'reminder:" + instance + ":%'"))
                .isEqualTo(20);
    }
}
