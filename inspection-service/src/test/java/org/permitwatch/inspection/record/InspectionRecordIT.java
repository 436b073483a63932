package org.permitwatch.inspection.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.inspection.FindingRecorded;
import org.permitwatch.events.inspection.InspectionSubmitted;
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.inspection.InspectionIntegrationTest;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Inspection records and findings over real PostgreSQL and an embedded KRaft broker. Units, inspectors, tasks and
 * the checklist are inserted with SQL into the tables the other features own, exactly as their contract fixes them.
 */
@InspectionIntegrationTest
class InspectionRecordIT {

    private static final String CITY = "140100";
    private static final String COUNTY = "140105";
    private static final String OTHER_CITY = "140200";
    private static final String STANDARD = "GB 16171-2012";
    private static final ZoneOffset CST = ZoneOffset.ofHours(8);
    /**
     * Records are inspected now, China Standard Time, read when each body is built. Not "an hour ago" and not a
     * constant of the class: between 00:00 and 01:00 in Beijing (16:00-17:00 UTC, when CI ran) an hour ago is
     * yesterday, so every submission was back-dated and audited once more. Only the back-dating test back-dates.
     */
    private static String inspectedNow() {
        return OffsetDateTime.now(CST).withNano(0).toString();
    }

    private static final String[][] ITEMS = {
        {"UNPERMITTED_DISCHARGE", "33"}, {"UNPERMITTED_OUTLET", "36"}, {"EXCEEDING_LIMITS", "34(1)"},
        {"FACILITY_NOT_RUNNING", "34(2)"}, {"FUGITIVE_EMISSION", "35"}, {"REDUCTION_NOT_IMPLEMENTED", "35"},
        {"SELF_MONITORING_FALSIFIED", "34(2)"}, {"LEDGER_INCOMPLETE", "37"}, {"EXECUTION_REPORT_IRREGULAR", "37"},
        {"DISCLOSURE_NOT_IMPLEMENTED", "36"}
    };

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    JsonMapper json;

    /** Checklist item id by item number (1..10) of the version published for the test. */
    private final Map<Integer, UUID> items = new LinkedHashMap<>();

    private UUID checklistVersion;
    private UUID inspector;
    private UUID otherInspector;

    @BeforeEach
    void checklistAndInspectors() {
        checklistVersion = publishChecklist(items);
        inspector = newInspector();
        otherInspector = newInspector();
    }

    /** Publishes a province checklist version above any other, filling {@code into} with its item ids by number. */
    private UUID publishChecklist(Map<Integer, UUID> into) {
        UUID version = UUID.randomUUID();
        Integer next = db.sql("SELECT coalesce(max(version), 0) + 1000 FROM checklist_version")
                .map(r -> r.get(0, Integer.class))
                .one()
                .block();
        exec("INSERT INTO checklist_version (id, code, version, division_code, status, title, created_by) "
                + "VALUES ('" + version + "', 'record-it', " + next + ", '140000', 'DRAFT', '测试清单', 'test')");
        into.clear();
        for (int no = 1; no <= ITEMS.length; no++) {
            UUID id = UUID.randomUUID();
            into.put(no, id);
            // item 7's sub-points carry their own article and 项 (issue 12 item 1); the others take the item's
            String subPoints = no == 7
                    ? "[{\"code\":\"7.1\",\"text\":\"自行监测方案\",\"article\":\"第三十六条第（五）项\"},"
                            + "{\"code\":\"7.2\",\"text\":\"篡改、伪造监测数据\",\"article\":\"第三十四条第（二）项\"}]"
                    : "[{\"code\":\"" + no + ".1\",\"text\":\"要点\"}]";
            exec(
                    "INSERT INTO checklist_item (id, version_id, item_no, key_industry, code, title, sub_points, legal_basis, "
                            + "check_method, evidence_required, violation_type, article) VALUES ('" + id + "', '"
                            + version
                            + "', " + no + ", NULL, '" + no + ".GENERAL', '检查项" + no + "', '" + subPoints
                            + "', '《排污许可管理条例》', 'BOTH', '[\"照片\"]', '" + ITEMS[no - 1][0] + "', '"
                            + ITEMS[no - 1][1] + "')");
        }
        exec("UPDATE checklist_version SET status = 'PUBLISHED', published_at = now() WHERE id = '" + version + "'");
        return version;
    }

    @Test
    void aRecordKeepsTheChecklistVersionItStartedWith() {
        Fixture f = unitWithTask(COUNTY, inspector);
        String id = (String) post(
                        "/api/v1/inspections",
                        inspectorToken(inspector),
                        null,
                        body(f.taskId, false, List.of(item(1, "COMPLIANT", null)), List.of()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        Map<Integer, UUID> pinnedItems = new LinkedHashMap<>(items);
        UUID newer = publishChecklist(items);
        assertThat(newer).isNotEqualTo(checklistVersion);

        // The draft still validates against, and shows, the version it was started with.
        Map<String, Object> oldItem =
                new LinkedHashMap<>(Map.of("itemId", pinnedItems.get(2).toString(), "result", "COMPLIANT"));
        Map<String, Object> draft = content(List.of(oldItem), List.of());
        Map<String, Object> saved = web.put()
                .uri("/api/v1/inspections/" + id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + inspectorToken(inspector))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(draft)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(saved).containsEntry("checklistVersionId", checklistVersion.toString());
        assertThat(list(saved.get("items")))
                .extracting(i -> i.get("itemId"))
                .containsExactlyElementsOf(
                        pinnedItems.values().stream().map(UUID::toString).toList());
        Map<String, Object> newItem = content(List.of(item(2, "COMPLIANT", null)), List.of());
        expectProblem(
                web.put()
                        .uri("/api/v1/inspections/" + id)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + inspectorToken(inspector))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(newItem)
                        .exchange(),
                422,
                "items[0].itemId");

        // A record started now uses the newer version.
        Fixture g = unitWithTask(COUNTY, inspector);
        assertThat(post(
                                "/api/v1/inspections",
                                inspectorToken(inspector),
                                null,
                                body(g.taskId, false, List.of(item(1, "COMPLIANT", null)), List.of()))
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody())
                .containsEntry("checklistVersionId", newer.toString());
    }

    /**
     * The task, its unit and the city's checklist version come from one statement (issue 21); each missing part is
     * still its own 409, in the same order, with nothing written.
     */
    @Test
    void aRecordNeedsItsUnitInTheDirectoryAndAPublishedChecklistForItsCity() {
        Fixture notInDirectory = unitWithTask(COUNTY, inspector);
        exec("DELETE FROM directory_unit WHERE permit_number = '" + notInDirectory.permitNumber() + "'");
        expectConflict(submitNow(inspectorToken(inspector), notInDirectory), "unit-not-in-directory");
        assertNothingWritten(notInDirectory.taskId());

        // Inner Mongolia's province has published no checklist here: its city's task has none to use.
        Fixture noChecklist = unitWithTask("150102", inspector);
        String innerMongoliaCity = TestJwts.token("CITY", "150100");
        expectConflict(submitNow(innerMongoliaCity, noChecklist), "no-published-checklist");
        assertNothingWritten(noChecklist.taskId());

        // The same task once its unit has left the directory too: the unit is reported first, as before.
        exec("DELETE FROM directory_unit WHERE permit_number = '" + noChecklist.permitNumber() + "'");
        expectConflict(submitNow(innerMongoliaCity, noChecklist), "unit-not-in-directory");
    }

    private WebTestClient.ResponseSpec submitNow(String token, Fixture f) {
        return post(
                "/api/v1/inspections",
                token,
                null,
                body(f.taskId(), true, List.of(item(1, "COMPLIANT", null)), List.of()));
    }

    private static void expectConflict(WebTestClient.ResponseSpec response, String code) {
        response.expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code);
    }

    private void assertNothingWritten(UUID taskId) {
        assertThat(db.sql("SELECT count(*) FROM inspection_record WHERE task_id = :task")
                        .bind("task", taskId)
                        .map(r -> r.get(0, Long.class))
                        .one()
                        .block())
                .isZero();
        assertThat(db.sql("SELECT status FROM inspection_task WHERE id = :task")
                        .bind("task", taskId)
                        .map(r -> r.get(0, String.class))
                        .one()
                        .block())
                .isEqualTo("ASSIGNED");
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void draftIsEditableThenSubmittedRecordIsImmutable() {
        Fixture f = unitWithTask(COUNTY, inspector);
        Map<String, Object> draft = post(
                        "/api/v1/inspections",
                        inspectorToken(inspector),
                        null,
                        body(f.taskId, false, List.of(item(1, "COMPLIANT", null)), List.of()))
                .expectStatus()
                .isCreated()
                .expectHeader()
                .exists(HttpHeaders.LOCATION)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String id = (String) draft.get("id");
        assertThat(draft)
                .containsEntry("status", "DRAFT")
                .containsEntry("version", 0)
                .containsEntry("checklistVersionId", checklistVersion.toString());
        assertThat(itemResult(draft, 1)).isEqualTo("COMPLIANT");
        assertThat(itemResult(draft, 2)).isEqualTo("NOT_CHECKED");
        assertThat(scalar("SELECT status FROM inspection_task WHERE id = '" + f.taskId + "'"))
                .isEqualTo("IN_PROGRESS");

        Map<String, Object> edited = web.put()
                .uri("/api/v1/inspections/" + id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + inspectorToken(inspector))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(content(List.of(item(1, "COMPLIANT", null), item(2, "NOT_APPLICABLE", "无废水排放口")), List.of()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(itemResult(edited, 2)).isEqualTo("NOT_APPLICABLE");
        assertThat(count("SELECT count(*) FROM inspection_record_version WHERE record_id = '" + id + "'"))
                .isZero();

        Map<String, Object> submitted = post(
                        "/api/v1/inspections/" + id + "/submit", inspectorToken(inspector), null, null)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(submitted).containsEntry("status", "SUBMITTED").containsEntry("version", 1);
        assertThat(submitted.get("submittedAt")).isNotNull();
        assertThat(scalar("SELECT status FROM inspection_task WHERE id = '" + f.taskId + "'"))
                .isEqualTo("DONE");
        assertThat(scalar("SELECT last_inspected_at IS NOT NULL FROM directory_unit WHERE permit_number = '"
                        + f.permitNumber + "'"))
                .isEqualTo(true);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE topic = '" + InspectionTopics.INSPECTIONS
                        + "' AND message_key = '" + id + "'"))
                .isOne();
        assertThat(count("SELECT count(*) FROM audit_log WHERE resource_id = '" + id + "'"))
                .isEqualTo(3);

        web.put()
                .uri("/api/v1/inspections/" + id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + inspectorToken(inspector))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(content(List.of(item(1, "NON_COMPLIANT", "改口")), List.of()))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("inspection-submitted");
        post("/api/v1/inspections/" + id + "/submit", inspectorToken(inspector), null, null)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("inspection-already-submitted");
        Map<String, Object> after = getJson("/api/v1/inspections/" + id, inspectorToken(inspector));
        assertThat(itemResult(after, 1)).isEqualTo("COMPLIANT");
        assertThat(getList("/api/v1/inspections/" + id + "/versions", cityToken()))
                .hasSize(1);
    }

    @Test
    void concurrentRetriesOfOneSubmissionCreateOneRecordAndIdenticalResponses() throws Exception {
        Fixture f = unitWithTask(COUNTY, inspector);
        Map<String, Object> request = body(f.taskId, true, List.of(item(5, "NON_COMPLIANT", "料场未苫盖")), List.of());
        String key = "mobile-" + UUID.randomUUID();
        String token = inspectorToken(inspector);
        int parallel = 10;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<WebTestClient.ResponseSpec>> futures = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        Set<String> bodies = new HashSet<>();
        try {
            for (int i = 0; i < parallel; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return post("/api/v1/inspections", token, key, request);
                }));
            }
            start.countDown();
            for (Future<WebTestClient.ResponseSpec> future : futures) {
                var result = future.get(60, TimeUnit.SECONDS)
                        .expectBody(String.class)
                        .returnResult();
                statuses.add(result.getStatus().value());
                bodies.add(result.getResponseBody());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).hasSize(parallel).containsOnly(201);
        assertThat(bodies).hasSize(1);
        assertThat(bodies.iterator().next()).contains("\"status\":\"SUBMITTED\"");
        assertThat(count("SELECT count(*) FROM inspection_record WHERE task_id = '" + f.taskId + "'"))
                .isOne();
        String id = scalar("SELECT id::text FROM inspection_record WHERE task_id = '" + f.taskId + "'")
                .toString();
        assertThat(count("SELECT count(*) FROM inspection_record_version WHERE record_id = '" + id + "'"))
                .isOne();
        // Version 1 went in with the record (one statement): the same content, by its author, without a reason.
        assertThat(count(
                        "SELECT count(*) FROM inspection_record r JOIN inspection_record_version v ON v.record_id = r.id"
                                + " WHERE r.id = '" + id + "' AND v.version = 1 AND v.content = r.content"
                                + " AND v.submitted_by = r.created_by AND v.reason IS NULL AND r.current_version = 1"))
                .isOne();
        assertThat(count("SELECT count(*) FROM audit_log WHERE resource_id = '" + id + "' AND actor = '" + inspector
                        + "' AND action IN ('inspection.create', 'inspection.submit')"))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM finding WHERE record_id = '" + id + "'"))
                .isOne();
        assertThat(count("SELECT count(*) FROM outbox_event WHERE message_key = '" + id + "'"))
                .isOne();

        // A later retry replays as well; the same key with another body is refused and changes nothing.
        post("/api/v1/inspections", token, key, request)
                .expectStatus()
                .isCreated()
                .expectBody(String.class)
                .isEqualTo(bodies.iterator().next());
        Map<String, Object> other = body(f.taskId, true, List.of(item(5, "COMPLIANT", null)), List.of());
        post("/api/v1/inspections", token, key, other)
                .expectStatus()
                .isEqualTo(422)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("idempotency-key-reused")
                .jsonPath("$.errors[0].field")
                .isEqualTo("Idempotency-Key");
        assertThat(count("SELECT count(*) FROM inspection_record WHERE task_id = '" + f.taskId + "'"))
                .isOne();

        // Another replica's answer (the key's row, committed elsewhere, not in this process's memory) is replayed
        // from the database, and the key reused with another body is refused there too.
        String otherReplicasKey = "mobile-" + UUID.randomUUID();
        exec("INSERT INTO inspection_idempotency_key (caller, idempotency_key, request_hash, record_id, "
                + "response_status, response_body) SELECT caller, '" + otherReplicasKey + "', request_hash, record_id, "
                + "response_status, response_body FROM inspection_idempotency_key WHERE idempotency_key = '" + key
                + "'");
        post("/api/v1/inspections", token, otherReplicasKey, other)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("idempotency-key-reused");
        post("/api/v1/inspections", token, otherReplicasKey, request)
                .expectStatus()
                .isCreated()
                .expectBody(String.class)
                .isEqualTo(bodies.iterator().next());

        // The copies above were answered from the service's memory of what it committed: without the keys' rows
        // the database's way would claim each key afresh and meet the task's record (409).
        exec("DELETE FROM inspection_idempotency_key WHERE idempotency_key IN ('" + key + "', '" + otherReplicasKey
                + "')");
        for (String remembered : List.of(key, otherReplicasKey)) {
            post("/api/v1/inspections", token, remembered, request)
                    .expectStatus()
                    .isCreated()
                    .expectBody(String.class)
                    .isEqualTo(bodies.iterator().next());
        }
        post("/api/v1/inspections", token, key, other)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("idempotency-key-reused");

        // Without a key, a second record for the same task is a conflict, not a duplicate.
        post("/api/v1/inspections", token, null, request)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("inspection-exists");
    }

    @Test
    void exceedanceIsFlaggedWithLimitAndStandardAndBecomesAFinding() {
        Fixture f = unitWithTask(COUNTY, inspector);
        String photo = "ab".repeat(32);
        Map<String, Object> request = body(
                f.taskId,
                true,
                List.of(item(1, "COMPLIANT", null), item(8, "NON_COMPLIANT", "台账缺少3月记录", photo)),
                List.of(
                        measurement("DA001", "a21026", 180.0, "mg/m³", "HOURLY"),
                        measurement("DA001", "a21026", 40.0, "mg/m3", "DAILY")));
        request.put("evidence", List.of(evidence(photo)));
        Map<String, Object> record = post("/api/v1/inspections", inspectorToken(inspector), null, request)
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        List<Map<String, Object>> measurements = list(record.get("measurements"));
        assertThat(measurements.get(0))
                .containsEntry("exceeded", true)
                .containsEntry("limit", 100.0)
                .containsEntry("standard", STANDARD)
                .containsEntry("unit", "mg/m3");
        assertThat(measurements.get(1)).containsEntry("exceeded", false).containsEntry("limit", 50.0);
        assertThat(record).containsEntry("exceedances", 1);
        Map<String, Object> item3 = item(record, 3);
        assertThat(item3).containsEntry("result", "NON_COMPLIANT").containsEntry("resultSource", "AUTOMATIC");
        assertThat((String) item3.get("notes"))
                .contains("180.0")
                .contains("100.0")
                .contains(STANDARD);

        Map<String, Object> findings = getJson("/api/v1/findings?permitNumber=" + f.permitNumber, cityToken());
        assertThat(findings).containsEntry("total", 2);
        List<Map<String, Object>> found = list(findings.get("items"));
        Map<String, Object> limits = found.stream()
                .filter(x -> x.get("violationType").equals("EXCEEDING_LIMITS"))
                .findFirst()
                .orElseThrow();
        assertThat(limits)
                .containsEntry("article", "34(1)")
                .containsEntry("itemNo", 3)
                .containsEntry("divisionCode", COUNTY)
                .containsEntry("cityCode", CITY)
                .containsEntry("status", "ACTIVE");
        assertThat(list(limits.get("measurements")))
                .singleElement()
                .satisfies(m -> assertThat(m).containsEntry("value", 180.0).containsEntry("limit", 100.0));
        Map<String, Object> ledger = found.stream()
                .filter(x -> x.get("violationType").equals("LEDGER_INCOMPLETE"))
                .findFirst()
                .orElseThrow();
        assertThat(list(ledger.get("evidence")))
                .singleElement()
                .satisfies(e -> assertThat(e).containsEntry("sha256", photo));
        assertThat(getJson("/api/v1/findings/" + limits.get("id"), inspectorToken(inspector)))
                .containsEntry("recordId", record.get("id"));
        assertThat(count("SELECT count(*) FROM outbox_event WHERE topic = '" + InspectionTopics.FINDINGS
                        + "' AND message_key IN ('" + limits.get("id") + "', '" + ledger.get("id") + "')"))
                .isEqualTo(2);
        assertThat(total(getJson(
                        "/api/v1/findings?violationType=EXCEEDING_LIMITS&permitNumber=" + f.permitNumber, cityToken())))
                .isOne();

        // An explicit judgement of item 3 wins over the automatic one.
        Fixture g = unitWithTask(COUNTY, inspector);
        Map<String, Object> explicit = post(
                        "/api/v1/inspections",
                        inspectorToken(inspector),
                        null,
                        body(
                                g.taskId,
                                false,
                                List.of(item(3, "COMPLIANT", "超标系仪器故障,已复测")),
                                List.of(measurement("DA001", "a21026", 180.0, "mg/m3", "HOURLY"))))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(item(explicit, 3)).containsEntry("result", "COMPLIANT").containsEntry("resultSource", "INSPECTOR");
    }

    @Test
    void correctionIsANewVersionAndSupersedesChangedFindings() {
        Fixture f = unitWithTask(COUNTY, inspector);
        Map<String, Object> record = post(
                        "/api/v1/inspections",
                        inspectorToken(inspector),
                        null,
                        body(
                                f.taskId,
                                true,
                                List.of(item(5, "NON_COMPLIANT", "料场未苫盖"), item(8, "NON_COMPLIANT", "台账不全")),
                                List.of()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String id = (String) record.get("id");
        List<Map<String, Object>> before = list(getJson("/api/v1/findings?permitNumber=" + f.permitNumber, cityToken())
                .get("items"));
        assertThat(before)
                .extracting(x -> x.get("violationType"))
                .containsExactlyInAnyOrder("FUGITIVE_EMISSION", "LEDGER_INCOMPLETE");
        String ledgerId = before.stream()
                .filter(x -> x.get("itemNo").equals(8))
                .findFirst()
                .orElseThrow()
                .get("id")
                .toString();
        String fugitiveId = before.stream()
                .filter(x -> x.get("itemNo").equals(5))
                .findFirst()
                .orElseThrow()
                .get("id")
                .toString();

        // No reason: 400 naming the field, nothing changes.
        Map<String, Object> noReason = content(List.of(item(8, "NON_COMPLIANT", "台账不全")), List.of());
        post("/api/v1/inspections/" + id + "/corrections", cityToken(), null, noReason)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("reason");

        Map<String, Object> correction = content(
                List.of(
                        item(5, "COMPLIANT", "复核:已苫盖"),
                        item(8, "NON_COMPLIANT", "台账不全"),
                        item(9, "NON_COMPLIANT", "执行报告未按时提交")),
                List.of());
        correction.put("reason", "现场复核更正第5项");
        Map<String, Object> corrected = post(
                        "/api/v1/inspections/" + id + "/corrections", cityToken(), null, correction)
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(corrected).containsEntry("version", 2).containsEntry("status", "SUBMITTED");

        List<Map<String, Object>> versions =
                getList("/api/v1/inspections/" + id + "/versions", inspectorToken(inspector));
        assertThat(versions).extracting(v -> v.get("version")).containsExactly(1, 2);
        assertThat(versions.get(0).get("reason")).isNull();
        assertThat(versions.get(1)).containsEntry("reason", "现场复核更正第5项");
        assertThat(itemResult((Map<String, Object>) versions.get(0).get("content"), 5))
                .isEqualTo("NON_COMPLIANT");

        List<Map<String, Object>> active = list(getJson("/api/v1/findings?permitNumber=" + f.permitNumber, cityToken())
                .get("items"));
        assertThat(active)
                .extracting(x -> x.get("violationType"))
                .containsExactlyInAnyOrder("LEDGER_INCOMPLETE", "EXECUTION_REPORT_IRREGULAR");
        assertThat(active).extracting(x -> x.get("id")).contains(ledgerId);
        Map<String, Object> superseded = getJson("/api/v1/findings/" + fugitiveId, cityToken());
        assertThat(superseded).containsEntry("status", "SUPERSEDED");
        assertThat(superseded.get("supersededAt")).isNotNull();
        assertThat(total(getJson("/api/v1/findings?status=ALL&permitNumber=" + f.permitNumber, cityToken())))
                .isEqualTo(3);
        assertThat(count("SELECT count(*) FROM finding WHERE record_id = '" + id + "'"))
                .isEqualTo(3);
        // 2 recorded, then 1 new + 1 superseded; the unchanged ledger finding is not re-published.
        assertThat(count("SELECT count(*) FROM outbox_event WHERE topic = '" + InspectionTopics.FINDINGS
                        + "' AND payload->>'recordId' = '" + id + "'"))
                .isEqualTo(4);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE topic = '" + InspectionTopics.INSPECTIONS
                        + "' AND message_key = '" + id + "'"))
                .isEqualTo(2);

        // Changing what a non-compliant item says replaces its finding, linked both ways.
        Map<String, Object> second = content(
                List.of(item(8, "NON_COMPLIANT", "台账缺少3月至5月"), item(9, "NON_COMPLIANT", "执行报告未按时提交")), List.of());
        second.put("reason", "补充台账缺失月份");
        post("/api/v1/inspections/" + id + "/corrections", cityToken(), null, second)
                .expectStatus()
                .isCreated();
        Map<String, Object> oldLedger = getJson("/api/v1/findings/" + ledgerId, cityToken());
        assertThat(oldLedger).containsEntry("status", "SUPERSEDED");
        Map<String, Object> newLedger = getJson("/api/v1/findings/" + oldLedger.get("supersededBy"), cityToken());
        assertThat(newLedger)
                .containsEntry("status", "ACTIVE")
                .containsEntry("supersedes", ledgerId)
                .containsEntry("recordVersion", 3)
                .containsEntry("notes", "台账缺少3月至5月");
    }

    @Test
    void onlyAssignedInspectorsAndTheDivisionSeeOrWrite() {
        Fixture f = unitWithTask(COUNTY, inspector);
        Map<String, Object> request = body(f.taskId, false, List.of(item(1, "COMPLIANT", null)), List.of());
        post("/api/v1/inspections", inspectorToken(otherInspector), null, request)
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        post("/api/v1/inspections", TestJwts.token("CITY", OTHER_CITY), null, request)
                .expectStatus()
                .isNotFound();
        post("/api/v1/inspections", TestJwts.token("PROVINCE", "140000"), null, request)
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("inspection-write-forbidden");
        assertThat(count("SELECT count(*) FROM inspection_record WHERE task_id = '" + f.taskId + "'"))
                .isZero();

        String id = (String) post("/api/v1/inspections", TestJwts.token("COUNTY", COUNTY), null, request)
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        get("/api/v1/inspections/" + id, inspectorToken(otherInspector))
                .expectStatus()
                .isNotFound();
        get("/api/v1/inspections/" + id, TestJwts.token("CITY", OTHER_CITY))
                .expectStatus()
                .isNotFound();
        get("/api/v1/inspections/" + id + "/versions", TestJwts.token("CITY", OTHER_CITY))
                .expectStatus()
                .isNotFound();
        get("/api/v1/inspections/" + id, inspectorToken(inspector))
                .expectStatus()
                .isOk();
        get("/api/v1/inspections/" + id, TestJwts.token("PROVINCE", "140000"))
                .expectStatus()
                .isOk();
        post("/api/v1/inspections/" + id + "/submit", inspectorToken(otherInspector), null, null)
                .expectStatus()
                .isNotFound();
        post("/api/v1/inspections/" + id + "/submit", inspectorToken(inspector), null, null)
                .expectStatus()
                .isOk();

        assertThat(total(getJson("/api/v1/inspections?taskId=" + f.taskId, inspectorToken(otherInspector))))
                .isZero();
        assertThat(total(getJson("/api/v1/inspections?taskId=" + f.taskId, inspectorToken(inspector))))
                .isOne();
        assertThat(total(getJson("/api/v1/inspections?taskId=" + f.taskId, TestJwts.token("CITY", OTHER_CITY))))
                .isZero();

        Fixture g = unitWithTask(COUNTY, inspector);
        post(
                        "/api/v1/inspections",
                        inspectorToken(inspector),
                        null,
                        body(g.taskId, true, List.of(item(10, "NON_COMPLIANT", "未公开")), List.of()))
                .expectStatus()
                .isCreated();
        assertThat(total(getJson("/api/v1/findings?permitNumber=" + g.permitNumber, cityToken())))
                .isOne();
        assertThat(total(
                        getJson("/api/v1/findings?permitNumber=" + g.permitNumber, TestJwts.token("CITY", OTHER_CITY))))
                .isZero();
        assertThat(total(getJson("/api/v1/findings?permitNumber=" + g.permitNumber, inspectorToken(otherInspector))))
                .isZero();
        String findingId = list(getJson("/api/v1/findings?permitNumber=" + g.permitNumber, cityToken())
                        .get("items"))
                .get(0)
                .get("id")
                .toString();
        get("/api/v1/findings/" + findingId, TestJwts.token("CITY", OTHER_CITY))
                .expectStatus()
                .isNotFound();
    }

    @Test
    void aCountyBureausInspectorDrawnByItsCityWorksAnywhereInTheCity() {
        // A city draw pools the county bureaus' inspectors too (InspectorPool): Xiaodian's (140105) inspector is sent
        // to a unit in Wanbailin (140109). Its token names its own county, yet the assignment is what counts.
        UUID xiaodianInspector = newInspector();
        exec("UPDATE inspector SET division_code = '" + COUNTY + "' WHERE id = '" + xiaodianInspector + "'");
        Fixture wanbailin = unitWithTask("140109", xiaodianInspector);
        String token = TestJwts.builder()
                .subject(xiaodianInspector.toString())
                .roles("INSPECTOR")
                .division(COUNTY)
                .build();
        String id = (String) post(
                        "/api/v1/inspections",
                        token,
                        null,
                        body(wanbailin.taskId, false, List.of(item(1, "COMPLIANT", null)), List.of()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        get("/api/v1/inspections/" + id, token).expectStatus().isOk();
        assertThat(total(getJson("/api/v1/inspections?taskId=" + wanbailin.taskId, token)))
                .isOne();
        // The city still bounds it: an assignment in another city (大同 140202) stays invisible to this token.
        Fixture datong = unitWithTask("140202", xiaodianInspector);
        post(
                        "/api/v1/inspections",
                        token,
                        null,
                        body(datong.taskId, false, List.of(item(1, "COMPLIANT", null)), List.of()))
                .expectStatus()
                .isNotFound();
    }

    @Test
    void aFindingCitesTheArticleOfTheViolatedSubPointNotItsItemsFirstArticle() {
        Fixture f = unitWithTask(COUNTY, inspector);
        String token = inspectorToken(inspector);
        Map<String, Object> wrongSubPoint =
                body(f.taskId, true, List.of(subPoints(item(7, "NON_COMPLIANT", "x"), "8.1")), List.of());
        expectProblem(post("/api/v1/inspections", token, null, wrongSubPoint), 422, "items[0].subPoints[0]");
        Map<String, Object> compliantWithSubPoint =
                body(f.taskId, true, List.of(subPoints(item(7, "COMPLIANT", null), "7.1")), List.of());
        expectProblem(post("/api/v1/inspections", token, null, compliantWithSubPoint), 422, "items[0].subPoints");

        // 未制定自行监测方案 → 36(5), not the item's 34(2)
        Map<String, Object> record = post(
                        "/api/v1/inspections",
                        token,
                        null,
                        body(
                                f.taskId,
                                true,
                                List.of(subPoints(item(7, "NON_COMPLIANT", "未制定自行监测方案"), "7.1")),
                                List.of()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(item(record, 7)).containsEntry("article", "第三十六条第（五）项").containsEntry("subPoints", List.of("7.1"));
        Map<String, Object> finding =
                list(getJson("/api/v1/findings?permitNumber=" + f.permitNumber, cityToken())
                                .get("items"))
                        .stream()
                        .filter(x -> x.get("itemNo").equals(7))
                        .findFirst()
                        .orElseThrow();
        assertThat(finding).containsEntry("article", "第三十六条第（五）项");

        // without sub-points the item's own article applies, as before
        Fixture g = unitWithTask(COUNTY, inspector);
        post(
                        "/api/v1/inspections",
                        token,
                        null,
                        body(g.taskId, true, List.of(item(7, "NON_COMPLIANT", "数据异常")), List.of()))
                .expectStatus()
                .isCreated();
        assertThat(list(getJson("/api/v1/findings?permitNumber=" + g.permitNumber, cityToken())
                        .get("items")))
                .singleElement()
                .satisfies(x -> assertThat(x).containsEntry("article", ITEMS[6][1]));
    }

    private static Map<String, Object> subPoints(Map<String, Object> item, String... codes) {
        item.put("subPoints", List.of(codes));
        return item;
    }

    @Test
    void aBackDatedInspectionNeedsAReasonBeyondTheWindowAndEveryBackDatingIsAudited() {
        // window 3 days (default). 5 days back without a reason: 400 naming backdateReason, nothing stored.
        Fixture late = unitWithTask(COUNTY, inspector);
        java.time.LocalDate today = java.time.LocalDate.now(CST);
        java.time.LocalDate fiveBack = today.minusDays(5);
        Map<String, Object> body = body(late.taskId, true, List.of(item(8, "NON_COMPLIANT", "台账不全")), List.of());
        body.put("inspectedAt", fiveBack.atTime(10, 0).atOffset(CST).toString());
        expectProblem(post("/api/v1/inspections", inspectorToken(inspector), null, body), 400, "backdateReason");
        assertThat(count("SELECT count(*) FROM inspection_record WHERE task_id = '" + late.taskId + "'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM finding WHERE permit_number = '" + late.permitNumber + "'"))
                .isZero();

        // with a reason: stored with the record, audited with the day, 5 days and the reason
        body.put("backdateReason", "现场使用纸质笔录，网络中断后补录");
        Map<String, Object> created = post("/api/v1/inspections", inspectorToken(inspector), null, body)
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String id = (String) created.get("id");
        assertThat(created).containsEntry("backdateReason", "现场使用纸质笔录，网络中断后补录");
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'record.backdate' AND resource_id = '" + id
                        + "' AND details->>'inspectedOn' = '" + fiveBack
                        + "' AND details->>'days' = '5' AND details->>'reason' = "
                        + "'现场使用纸质笔录，网络中断后补录' AND details->>'windowDays' = '3'"))
                .isOne();

        // a correction that keeps the inspection day is no new back-dating: no reason needed, no second audit row
        Map<String, Object> correction =
                content(List.of(item(8, "NON_COMPLIANT", "台账记录不全，缺10月"), item(9, "COMPLIANT", null)), List.of());
        correction.put("inspectedAt", fiveBack.atTime(10, 0).atOffset(CST).toString());
        correction.put("reason", "补充第9项");
        post("/api/v1/inspections/" + id + "/corrections", cityToken(), null, correction)
                .expectStatus()
                .isCreated();
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'record.backdate' AND resource_id = '" + id
                        + "'"))
                .isOne();
        // moving it 6 days back is back-dating again: 400 without a reason
        correction.put(
                "inspectedAt", today.minusDays(6).atTime(10, 0).atOffset(CST).toString());
        expectProblem(
                post("/api/v1/inspections/" + id + "/corrections", cityToken(), null, correction),
                400,
                "backdateReason");

        // 2 days back is within the window: no reason needed, still audited (days 2, no reason)
        Fixture lag = unitWithTask(COUNTY, inspector);
        Map<String, Object> recent = body(lag.taskId, true, List.of(item(1, "COMPLIANT", null)), List.of());
        recent.put("inspectedAt", today.minusDays(2).atTime(10, 0).atOffset(CST).toString());
        String lagId = (String) post("/api/v1/inspections", inspectorToken(inspector), null, recent)
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'record.backdate' AND resource_id = '" + lagId
                        + "' AND details->>'days' = '2' AND details->>'reason' IS NULL"))
                .isOne();

        // inspected today: no back-dating, no audit row
        Fixture now = unitWithTask(COUNTY, inspector);
        Map<String, Object> current = body(now.taskId, true, List.of(item(1, "COMPLIANT", null)), List.of());
        current.put("inspectedAt", OffsetDateTime.now(CST).withNano(0).toString());
        String nowId = (String) post("/api/v1/inspections", inspectorToken(inspector), null, current)
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'record.backdate' AND resource_id = '" + nowId
                        + "'"))
                .isZero();
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndStoresNothing() {
        Fixture f = unitWithTask(COUNTY, inspector);
        String token = inspectorToken(inspector);

        Map<String, Object> unknownOutlet = body(
                f.taskId,
                true,
                List.of(item(1, "COMPLIANT", null)),
                List.of(measurement("DA999", "a21026", 10.0, "mg/m3", "HOURLY")));
        expectProblem(post("/api/v1/inspections", token, "bad-1", unknownOutlet), 422, "measurements[0].outletCode");

        Map<String, Object> unknownPollutant = body(
                f.taskId,
                true,
                List.of(item(1, "COMPLIANT", null)),
                List.of(measurement("DA001", "a99999", 10.0, "mg/m3", "HOURLY")));
        expectProblem(
                post("/api/v1/inspections", token, "bad-2", unknownPollutant), 422, "measurements[0].pollutantCode");

        Map<String, Object> wrongUnit = body(
                f.taskId,
                true,
                List.of(item(1, "COMPLIANT", null)),
                List.of(measurement("DA001", "a21026", 10.0, "mg/L", "HOURLY")));
        expectProblem(post("/api/v1/inspections", token, "bad-3", wrongUnit), 422, "measurements[0].unit");

        Map<String, Object> unknownItem = body(f.taskId, true, List.of(item(1, "COMPLIANT", null)), List.of());
        ((List<Map<String, Object>>) unknownItem.get("items"))
                .get(0)
                .put("itemId", UUID.randomUUID().toString());
        expectProblem(post("/api/v1/inspections", token, "bad-4", unknownItem), 422, "items[0].itemId");

        Map<String, Object> farAway = body(f.taskId, true, List.of(item(1, "COMPLIANT", null)), List.of());
        farAway.put("position", Map.of("lat", 95.0, "lon", 112.55));
        expectProblem(post("/api/v1/inspections", token, "bad-5", farAway), 400, "position.lat");

        Map<String, Object> badHash = body(f.taskId, true, List.of(item(1, "COMPLIANT", null)), List.of());
        Map<String, Object> ev = evidence("ab".repeat(32));
        ev.put("sha256", "not-a-hash");
        badHash.put("evidence", List.of(ev));
        expectProblem(post("/api/v1/inspections", token, "bad-6", badHash), 400, "evidence[0].sha256");

        Map<String, Object> nothingChecked = body(f.taskId, true, List.of(), List.of());
        expectProblem(post("/api/v1/inspections", token, "bad-7", nothingChecked), 422, "items");

        Map<String, Object> future = body(f.taskId, true, List.of(item(1, "COMPLIANT", null)), List.of());
        future.put(
                "inspectedAt",
                OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(2).toString());
        expectProblem(post("/api/v1/inspections", token, "bad-8", future), 422, "inspectedAt");

        // Other tests share the class's database: look only at what this unit and these keys could have left.
        String permit = "'" + f.permitNumber + "'";
        assertThat(count("SELECT count(*) FROM inspection_record WHERE task_id = '" + f.taskId + "'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM finding WHERE permit_number = " + permit))
                .isZero();
        assertThat(count("SELECT count(*) FROM inspection_idempotency_key WHERE idempotency_key LIKE 'bad-%'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM outbox_event WHERE payload->>'permitNumber' = " + permit))
                .isZero();
        assertThat(count("SELECT count(*) FROM audit_log WHERE details->>'taskId' = '" + f.taskId + "'"))
                .isZero();
        assertThat(scalar("SELECT last_inspected_at IS NULL FROM directory_unit WHERE permit_number = " + permit))
                .isEqualTo(true);
        assertThat(scalar("SELECT status FROM inspection_task WHERE id = '" + f.taskId + "'"))
                .isEqualTo("ASSIGNED");
    }

    @Test
    @SuppressWarnings("unchecked")
    void submissionAndFindingEventsReachKafkaWithRegionAndIndustry() {
        Fixture f = unitWithTask(COUNTY, inspector);
        Map<String, Object> record = post(
                        "/api/v1/inspections",
                        inspectorToken(inspector),
                        null,
                        body(f.taskId, true, List.of(item(4, "NON_COMPLIANT", "脱硫设施停运")), List.of()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String recordId = (String) record.get("id");
        String findingId = list(getJson("/api/v1/findings?permitNumber=" + f.permitNumber, cityToken())
                        .get("items"))
                .get(0)
                .get("id")
                .toString();

        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "record-it-" + UUID.randomUUID(), false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, ConsumerRecord<String, String>> seen = new HashMap<>();
        try (Consumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(InspectionTopics.INSPECTIONS, InspectionTopics.FINDINGS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(seen.containsKey(recordId) && seen.containsKey(findingId)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    seen.put(r.key(), r);
                }
            }
        }
        ConsumerRecord<String, String> submitted = seen.get(recordId);
        assertThat(submitted)
                .as("InspectionSubmitted on " + InspectionTopics.INSPECTIONS)
                .isNotNull();
        assertThat(submitted.topic()).isEqualTo(InspectionTopics.INSPECTIONS);
        assertThat(header(submitted, "ce_type")).isEqualTo(InspectionSubmitted.TYPE);
        Map<String, Object> submittedPayload = json.readValue(submitted.value(), Map.class);
        assertThat(submittedPayload)
                .containsEntry("countyCode", COUNTY)
                .containsEntry("cityCode", CITY)
                .containsEntry("provinceCode", "140000")
                .containsEntry("keyIndustry", "COKING")
                .containsEntry("nonCompliant", 1)
                .containsEntry("version", 1)
                .containsEntry("activeFindingIds", List.of(findingId));
        ConsumerRecord<String, String> finding = seen.get(findingId);
        assertThat(finding)
                .as("FindingRecorded on " + InspectionTopics.FINDINGS)
                .isNotNull();
        assertThat(header(finding, "ce_type")).isEqualTo(FindingRecorded.TYPE);
        Map<String, Object> findingPayload = json.readValue(finding.value(), Map.class);
        assertThat(findingPayload)
                .containsEntry("violationType", "FACILITY_NOT_RUNNING")
                .containsEntry("status", "ACTIVE")
                .containsEntry("countyCode", COUNTY)
                .containsEntry("keyIndustry", "COKING")
                .containsEntry("recordId", recordId)
                .containsEntry("article", "34(2)");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private record Fixture(String permitNumber, UUID taskId) {}

    private static final AtomicInteger SEQ = new AtomicInteger();

    /** A coking unit with one air outlet (SO2: hourly 100, daily 50 mg/m3) and a task assigned to {@code assignee}. */
    private Fixture unitWithTask(String county, UUID assignee) {
        String permit = "91140105MA0TEST" + String.format("%03d", SEQ.incrementAndGet()) + "001P";
        String snapshot = """
                {"permitNo":"%s","uscc":"91140105MA0TEST","unitName":"太原测试焦化有限公司","provinceCode":"140000",
                 "cityCode":"%s","countyCode":"%s","industryCode":"2521","industryName":"炼焦","keyIndustry":"COKING",
                 "managementCategory":"KEY","status":"VALID","withoutPermit":false,"sourceType":"KEY","positiveList":false,
                 "outlets":[{"outletCode":"DA001","outletName":"焦炉烟囱","medium":"废气","outletType":"主要排放口",
                   "pollutants":[{"pollutantCode":"a21026","pollutantName":"二氧化硫","hourlyLimit":100.0,"dailyLimit":50.0,
                                  "unit":"mg/m3","annualLimitTons":[12.5],"standard":"%s"}]}],
                 "violationCount":0,"version":1}""".formatted(permit, county.substring(0, 4) + "00", county, STANDARD);
        db.sql("""
                        INSERT INTO directory_unit (permit_number, unit_name, division_code, snapshot, source_event, city_code,
                            county_code, key_industry, status, version)
                        VALUES (:permit, '太原测试焦化有限公司', :county, CAST(:snapshot AS jsonb), 'test', :city, :county2,
                            'COKING', 'VALID', 1)""")
                .bind("permit", permit)
                .bind("county", county)
                .bind("snapshot", snapshot)
                .bind("city", county.substring(0, 4) + "00")
                .bind("county2", county)
                .then()
                .block();
        UUID task = UUID.randomUUID();
        exec("INSERT INTO inspection_task (id, permit_number, division_code, city_code, origin, method, due_date, "
                + "period_month, status, departments, created_by) VALUES ('" + task + "', '" + permit + "', '" + county
                + "', '" + county.substring(0, 4)
                + "00', 'MANUAL', 'ON_SITE', current_date + 10, '2026-06', 'ASSIGNED', "
                + "ARRAY['ENVIRONMENT_ENFORCEMENT'], 'test')");
        exec("INSERT INTO task_inspector (task_id, inspector_id) VALUES ('" + task + "', '" + assignee + "')");
        return new Fixture(permit, task);
    }

    private UUID newInspector() {
        UUID id = UUID.randomUUID();
        exec("INSERT INTO inspector (id, certificate_no, name, division_code, on_post) VALUES ('" + id + "', 'CERT-"
                + id + "', '检查员', '" + CITY + "', true)");
        return id;
    }

    private static String inspectorToken(UUID inspectorId) {
        return TestJwts.builder()
                .subject(inspectorId.toString())
                .roles("INSPECTOR")
                .division(CITY)
                .build();
    }

    private static String cityToken() {
        return TestJwts.token("CITY", CITY);
    }

    private Map<String, Object> item(int no, String result, String notes, String... evidence) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("itemId", items.get(no).toString());
        m.put("result", result);
        m.put("notes", notes);
        m.put("evidence", List.of(evidence));
        return m;
    }

    private static Map<String, Object> measurement(
            String outlet, String pollutant, double value, String unit, String averaging) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outletCode", outlet);
        m.put("pollutantCode", pollutant);
        m.put("value", value);
        m.put("unit", unit);
        m.put("averaging", averaging);
        m.put("measuredAt", "2026-06-10T10:00:00+08:00");
        return m;
    }

    private static Map<String, Object> evidence(String sha256) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fileName", "台账.jpg");
        m.put("sha256", sha256);
        m.put("size", 123456);
        m.put("takenAt", "2026-06-10T10:05:00+08:00");
        m.put("location", Map.of("lat", 37.87, "lon", 112.55));
        return m;
    }

    private static Map<String, Object> content(
            List<Map<String, Object>> items, List<Map<String, Object>> measurements) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inspectedAt", inspectedNow());
        m.put("position", Map.of("lat", 37.87, "lon", 112.55));
        m.put("notes", "现场检查");
        m.put("items", items);
        m.put("measurements", measurements);
        return m;
    }

    private static Map<String, Object> body(
            UUID taskId, boolean submit, List<Map<String, Object>> items, List<Map<String, Object>> measurements) {
        Map<String, Object> m = content(items, measurements);
        m.put("taskId", taskId.toString());
        m.put("submit", submit);
        return m;
    }

    private WebTestClient.ResponseSpec post(String uri, String token, String key, Object body) {
        var spec = web.post().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        if (key != null) {
            spec = spec.header("Idempotency-Key", key);
        }
        if (body == null) {
            return spec.exchange();
        }
        return spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec get(String uri, String token) {
        return web.get()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> getJson(String uri, String token) {
        return get(uri, token)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> getList(String uri, String token) {
        return get(uri, token)
                .expectStatus()
                .isOk()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody();
    }

    private static void expectProblem(WebTestClient.ResponseSpec response, int status, String field) {
        response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(status)
                .jsonPath("$.errors[?(@.field == '" + field + "')]")
                .exists();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    private static Map<String, Object> item(Map<String, Object> record, int itemNo) {
        return list(record.get("items")).stream()
                .filter(i -> i.get("itemNo").equals(itemNo))
                .findFirst()
                .orElseThrow();
    }

    private static String itemResult(Map<String, Object> record, int itemNo) {
        return (String) item(record, itemNo).get("result");
    }

    private static long total(Map<String, Object> page) {
        return ((Number) page.get("total")).longValue();
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
