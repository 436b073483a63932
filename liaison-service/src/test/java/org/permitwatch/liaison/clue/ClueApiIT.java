package org.permitwatch.liaison.clue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.CloudEventHeaders;
import org.permitwatch.events.inspection.ClueTaskDecided;
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.events.liaison.ClueAccepted;
import org.permitwatch.events.liaison.ClueTransferred;
import org.permitwatch.events.liaison.LiaisonTopics;
import org.permitwatch.liaison.LiaisonIntegrationTest;
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
 * Clue transfer, acceptance and feedback: state machine, sender/receiver scope, the events on the topic, the
 * receiver's mail, and inspection-service's answer recorded on the clue.
 */
@LiaisonIntegrationTest
class ClueApiIT {

    private static final String PROVINCE_MONITORING = TestJwts.token("PROVINCE", "140000");
    private static final String XIAODIAN = TestJwts.token("COUNTY", "140105");
    private static final String TAIYUAN = TestJwts.token("CITY", "140100");
    private static final String DATONG = TestJwts.token("CITY", "140200");
    private static final String PERMIT = "91140105MA0CLUE001001P";

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    JsonMapper json;

    private Map<String, Object> clue(String toDivision, String toDepartment) {
        Map<String, Object> form = new HashMap<>();
        form.put("fromDepartment", "MONITORING");
        form.put("toDivisionCode", toDivision);
        form.put("toDepartment", toDepartment);
        form.put("permitNumber", PERMIT);
        form.put("summary", "在线监测二氧化硫小时均值连续超标");
        form.put("evidence", List.of(Map.of("kind", "MONITORING_DATA", "description", "6月小时数据", "reference", "doc-7")));
        form.put("requestedBy", "2026-07-15");
        return form;
    }

    private String create(String token, Map<String, Object> form) {
        return web.post()
                .uri("/api/v1/clues")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .bodyValue(form)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
    }

    private WebTestClient.ResponseSpec action(String token, String id, String action, Object body) {
        var spec = web.post()
                .uri("/api/v1/clues/{id}/{action}", id, action)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        return body == null ? spec.exchange() : spec.bodyValue(body).exchange();
    }

    @Test
    void aClueMovesThroughItsLifecycleAndIllegalMovesAreConflicts() {
        String id = create(PROVINCE_MONITORING, clue("140105", "ENFORCEMENT"));

        // feedback before accepting, and closing early, are illegal
        action(XIAODIAN, id, "feedback", Map.of("text", "已立案", "result", "CASE_FILED"))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("clue-illegal-transition");
        action(PROVINCE_MONITORING, id, "close", null).expectStatus().isEqualTo(409);

        // only the receiver accepts and feeds back; another city does not even see the clue
        action(PROVINCE_MONITORING, "00000000-0000-0000-0000-000000000000", "accept", null)
                .expectStatus()
                .isNotFound();
        action(DATONG, id, "accept", null)
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        action(TestJwts.token("COUNTY", "140106"), id, "accept", null)
                .expectStatus()
                .isNotFound();
        action(XIAODIAN, id, "accept", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("ACCEPTED")
                .jsonPath("$.direction")
                .isEqualTo("INCOMING")
                .jsonPath("$.acceptedAt")
                .isNotEmpty();
        action(XIAODIAN, id, "accept", null).expectStatus().isEqualTo(409);
        action(XIAODIAN, id, "reject", Map.of("reason", "太迟了")).expectStatus().isEqualTo(409);
        action(XIAODIAN, id, "feedback", Map.of("text", ""))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("validation-failed");
        action(XIAODIAN, id, "feedback", Map.of("text", "已责令改正", "result", "RECTIFICATION_ORDERED"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("FEEDBACK_GIVEN")
                .jsonPath("$.feedbackResult")
                .isEqualTo("RECTIFICATION_ORDERED");
        // the receiver cannot close; the sender does
        action(XIAODIAN, id, "close", null)
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("clue-sender-only");
        action(PROVINCE_MONITORING, id, "close", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CLOSED");
        action(PROVINCE_MONITORING, id, "close", null).expectStatus().isEqualTo(409);

        Long audited = db.sql("SELECT count(*) AS n FROM audit_log WHERE resource_type = 'clue' AND resource_id = :id")
                .bind("id", id)
                .map(r -> r.get("n", Long.class))
                .one()
                .block();
        assertThat(audited).isEqualTo(4L);
    }

    /** Issue 11.3: the receiving bureau may decline; the reason is required, audited and shown to the sender. */
    @Test
    void theReceiverRejectsWithAReason() {
        String id = create(XIAODIAN, clue("140200", "ENFORCEMENT"));
        action(DATONG, id, "reject", Map.of("reason", " "))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("reason");
        action(DATONG, id, "reject", Map.of("reason", "该单位不在本市辖区"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("REJECTED")
                .jsonPath("$.rejectionReason")
                .isEqualTo("该单位不在本市辖区");
        action(DATONG, id, "accept", null).expectStatus().isEqualTo(409);
        web.get()
                .uri("/api/v1/clues/{id}", id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + XIAODIAN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("REJECTED")
                .jsonPath("$.rejectionReason")
                .isEqualTo("该单位不在本市辖区");
        Long audited = db.sql("SELECT count(*) AS n FROM audit_log WHERE action = 'clue.reject' AND resource_id = :id "
                        + "AND details->>'reason' = '该单位不在本市辖区'")
                .bind("id", id)
                .map(r -> r.get("n", Long.class))
                .one()
                .block();
        assertThat(audited).isOne();
        // nothing for inspection-service to act on: no acceptance on the topic
        assertThat(outboxTypes(id)).containsExactly(ClueTransferred.TYPE);
    }

    @Test
    void senderSeesOutgoingReceiverSeesIncomingOthersSeeNothing() {
        String id = create(XIAODIAN, clue("140200", "PERMIT_ISSUING"));

        web.get()
                .uri("/api/v1/clues?direction=OUTGOING")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + XIAODIAN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[?(@.id == '" + id + "')].direction")
                .isEqualTo(List.of("OUTGOING"));
        web.get()
                .uri("/api/v1/clues?direction=INCOMING")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + DATONG)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[?(@.id == '" + id + "')].direction")
                .isEqualTo(List.of("INCOMING"));
        web.get()
                .uri("/api/v1/clues?direction=OUTGOING")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + DATONG)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[?(@.id == '" + id + "')]")
                .isEmpty();
        // a county of Taiyuan other than the sender sees nothing
        web.get()
                .uri("/api/v1/clues/{id}", id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("COUNTY", "140106"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("clue-not-found");
        // the sender's city sees it as outgoing
        web.get()
                .uri("/api/v1/clues/{id}", id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TAIYUAN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.direction")
                .isEqualTo("OUTGOING");
        // the sender cannot accept or reject its own outgoing clue
        action(XIAODIAN, id, "accept", null)
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("clue-receiver-only");
        action(XIAODIAN, id, "reject", Map.of("reason", "x")).expectStatus().isForbidden();
        // inspectors neither handle nor read clues (they read the tasks assigned to them)
        String inspector = TestJwts.token("INSPECTOR", "140105");
        web.post()
                .uri("/api/v1/clues")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + inspector)
                .bodyValue(clue("140105", "ENFORCEMENT"))
                .exchange()
                .expectStatus()
                .isForbidden();
        web.get()
                .uri("/api/v1/clues")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("INSPECTOR", "140200"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        web.get()
                .uri("/api/v1/clues/{id}", id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("INSPECTOR", "140200"))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void invalidCluesAreRejectedWithFieldProblems() {
        Map<String, Object> form = clue("14010", "ENFORCEMENT");
        form.put("summary", " ");
        web.post()
                .uri("/api/v1/clues")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TAIYUAN)
                .bodyValue(form)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'toDivisionCode')]")
                .exists()
                .jsonPath("$.errors[?(@.field == 'summary')]")
                .exists();
    }

    /**
     * Issue 11.3: a clue to another city is only INCOMING there; nothing goes to inspection-service until that city
     * accepts it, and the acceptance carries what inspection-service checks (addressed division, unit).
     */
    @Test
    void theAddressedCitySeesTheClueAndOnlyItsAcceptanceGoesToInspection() {
        String id = create(TAIYUAN, clue("140200", "ENFORCEMENT"));
        assertThat(outboxTypes(id)).containsExactly(ClueTransferred.TYPE);
        web.get()
                .uri("/api/v1/clues?direction=INCOMING&status=CREATED")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + DATONG)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[?(@.id == '" + id + "')].direction")
                .isEqualTo(List.of("INCOMING"));
        // the province oversees every division and sees it too; Taiyuan's counties do not
        web.get()
                .uri("/api/v1/clues/{id}", id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + PROVINCE_MONITORING)
                .exchange()
                .expectStatus()
                .isOk();
        action(XIAODIAN, id, "accept", null).expectStatus().isNotFound();
        // the sender cannot accept on the receiver's behalf
        action(TAIYUAN, id, "accept", null)
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("clue-receiver-only");
        assertThat(outboxTypes(id)).containsExactly(ClueTransferred.TYPE);

        action(DATONG, id, "accept", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("ACCEPTED");
        assertThat(outboxTypes(id)).containsExactly(ClueTransferred.TYPE, ClueAccepted.TYPE);
        ClueAccepted event = json.readValue(
                db.sql("SELECT payload::text AS p FROM outbox_event WHERE message_key = :k " + "AND event_type = :t")
                        .bind("k", id)
                        .bind("t", ClueAccepted.TYPE)
                        .map(r -> r.get("p", String.class))
                        .one()
                        .block(),
                ClueAccepted.class);
        assertThat(event.clueId()).hasToString(id);
        assertThat(event.fromDivisionCode()).isEqualTo("140100");
        assertThat(event.toDivisionCode()).isEqualTo("140200");
        assertThat(event.toDepartment()).isEqualTo("ENFORCEMENT");
        assertThat(event.permitNumber()).isEqualTo(PERMIT);
        assertThat(event.acceptedAt()).isNotNull();
    }

    /**
     * inspection-service answers an accepted clue: a task (shown on the clue) or a refusal that rejects the clue with
     * the reason, e.g. a clue Taiyuan addressed to itself about a unit elsewhere.
     */
    @Test
    void inspectionsAnswerIsRecordedOnTheClueOnce() {
        String refused = create(TAIYUAN, clue("140100", "ENFORCEMENT"));
        action(TAIYUAN, refused, "accept", null).expectStatus().isOk();
        ClueTaskDecided refusal = new ClueTaskDecided(
                UUID.fromString(refused),
                ClueTaskDecided.REFUSED,
                ClueTaskDecided.UNIT_OUTSIDE_DIVISION,
                "unit X lies in 140202, outside 140100",
                null,
                "140202",
                java.time.OffsetDateTime.now());
        String eventId = UUID.randomUUID().toString();
        assertThat(outcomes.apply(eventId, refusal).block()).isTrue();
        assertThat(outcomes.apply(eventId, refusal).block()).isFalse();
        web.get()
                .uri("/api/v1/clues/{id}", refused)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TAIYUAN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("REJECTED")
                .jsonPath("$.taskOutcome")
                .isEqualTo("REFUSED")
                .jsonPath("$.taskOutcomeReason")
                .isEqualTo("unit-outside-division")
                .jsonPath("$.rejectionReason")
                .isEqualTo("unit-outside-division: unit X lies in 140202, outside 140100");

        // the answer of a task arrives over the real broker, through the listener
        String tasked = create(PROVINCE_MONITORING, clue("140105", "ENFORCEMENT"));
        action(XIAODIAN, tasked, "accept", null).expectStatus().isOk();
        UUID taskId = UUID.randomUUID();
        ClueTaskDecided created = new ClueTaskDecided(
                UUID.fromString(tasked),
                ClueTaskDecided.TASK_CREATED,
                null,
                "task",
                taskId,
                "140105",
                java.time.OffsetDateTime.now());
        KafkaTemplate<String, String> producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new StringSerializer()));
        try {
            ProducerRecord<String, String> record =
                    new ProducerRecord<>(InspectionTopics.CLUES, tasked, json.writeValueAsString(created));
            record.headers().add(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(StandardCharsets.UTF_8));
            record.headers()
                    .add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            record.headers().add(CloudEventHeaders.TYPE, ClueTaskDecided.TYPE.getBytes(StandardCharsets.UTF_8));
            record.headers()
                    .add(CloudEventHeaders.SOURCE, "/permitwatch/inspection-service".getBytes(StandardCharsets.UTF_8));
            record.headers().add(CloudEventHeaders.SUBJECT, tasked.getBytes(StandardCharsets.UTF_8));
            record.headers()
                    .add(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON.getBytes(StandardCharsets.UTF_8));
            producer.send(record).join();
        } finally {
            producer.destroy();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "TASK_CREATED"
                        .equals(db.sql("SELECT task_outcome FROM clue WHERE id = :id")
                                .bind("id", UUID.fromString(tasked))
                                .map(r -> String.valueOf(r.get("task_outcome", String.class)))
                                .one()
                                .block()));
        web.get()
                .uri("/api/v1/clues/{id}", tasked)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + XIAODIAN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("ACCEPTED")
                .jsonPath("$.taskOutcome")
                .isEqualTo("TASK_CREATED")
                .jsonPath("$.taskId")
                .isEqualTo(taskId.toString());
    }

    @Autowired
    ClueTaskOutcomes outcomes;

    private List<String> outboxTypes(String clueId) {
        return db.sql("SELECT event_type FROM outbox_event WHERE message_key = :k ORDER BY occurred_at, id")
                .bind("k", clueId)
                .map(r -> r.get("event_type", String.class))
                .all()
                .collectList()
                .block();
    }

    @Test
    void aNewClueIsPublishedThroughTheOutboxAndMailsTheReceivingLiaisons() {
        UUID enforcementLiaison = UUID.randomUUID();
        db.sql("""
                        INSERT INTO liaison_contact (id, division_code, organisation, person_name, email, role)
                        VALUES (:id, '140100', '太原市生态环境综合行政执法队', '王五', 'wang@ty.example.cn', 'ENFORCEMENT'),
                               (:other, '140100', '太原市行政审批服务管理局', '李四', 'li@ty.example.cn', 'PERMIT_ISSUING')""")
                .bind("id", enforcementLiaison)
                .bind("other", UUID.randomUUID())
                .then()
                .block();

        String id = create(PROVINCE_MONITORING, clue("140100", "ENFORCEMENT"));

        var props = KafkaTestUtils.consumerProps(broker, "clue-test-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(
                        props, new StringDeserializer(), new StringDeserializer())
                .createConsumer()) {
            consumer.subscribe(List.of(LiaisonTopics.CLUES));
            ConsumerRecord<String, String> record = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (record == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (id.equals(r.key())) {
                        record = r;
                    }
                }
            }
            assertThat(record)
                    .as("ClueTransferred for " + id + " on " + LiaisonTopics.CLUES)
                    .isNotNull();
            assertThat(new String(
                            record.headers().lastHeader(CloudEventHeaders.TYPE).value(), StandardCharsets.UTF_8))
                    .isEqualTo(ClueTransferred.TYPE);
            ClueTransferred event = json.readValue(record.value(), ClueTransferred.class);
            assertThat(event.clueId()).hasToString(id);
            assertThat(event.fromDivisionCode()).isEqualTo("140000");
            assertThat(event.toDivisionCode()).isEqualTo("140100");
            assertThat(event.toDepartment()).isEqualTo("ENFORCEMENT");
            assertThat(event.permitNumber()).isEqualTo(PERMIT);
            assertThat(event.evidence())
                    .extracting(ClueTransferred.Evidence::kind)
                    .containsExactly("MONITORING_DATA");
        }

        // the enforcement liaison of the receiving city (not the permit-issuing one) is to be mailed
        List<UUID> addressed = db.sql("SELECT contact_id FROM notification WHERE event_key = :k")
                .bind("k", "clue-transferred:" + id)
                .map(r -> r.get("contact_id", UUID.class))
                .all()
                .collectList()
                .block();
        assertThat(addressed).containsExactly(enforcementLiaison);
    }
}
