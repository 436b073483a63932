package org.permitwatch.liaison.clue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.CloudEventHeaders;
import org.permitwatch.events.liaison.ClueTransferred;
import org.permitwatch.events.liaison.LiaisonTopics;
import org.permitwatch.testsupport.TestJwts;
import org.permitwatch.testsupport.TestPostgres;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/** Clue transfer and feedback: state machine, sender/receiver scope, the event on the topic and the receiver's mail. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"eureka.client.enabled=false", "permitwatch.liaison.notification.relay-enabled=false"})
@AutoConfigureWebTestClient(timeout = "30s")
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
class ClueApiTest {

    private static final String PROVINCE_MONITORING = TestJwts.token("PROVINCE", "140000");
    private static final String XIAODIAN = TestJwts.token("COUNTY", "140105");
    private static final String TAIYUAN = TestJwts.token("CITY", "140100");
    private static final String DATONG = TestJwts.token("CITY", "140200");
    private static final String PERMIT = "91140105MA0CLUE001001P";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "liaison");
        TestJwts.register(registry);
    }

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
        return web.post().uri("/api/v1/clues").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).bodyValue(form)
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
    }

    private WebTestClient.ResponseSpec action(String token, String id, String action, Object body) {
        var spec = web.post().uri("/api/v1/clues/{id}/{action}", id, action)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        return body == null ? spec.exchange() : spec.bodyValue(body).exchange();
    }

    @Test
    void aClueMovesThroughItsLifecycleAndIllegalMovesAreConflicts() {
        String id = create(PROVINCE_MONITORING, clue("140105", "ENFORCEMENT"));

        // feedback before acknowledging, and closing early, are illegal
        action(XIAODIAN, id, "feedback", Map.of("text", "已立案", "result", "CASE_FILED"))
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("clue-illegal-transition");
        action(PROVINCE_MONITORING, id, "close", null).expectStatus().isEqualTo(409);

        // only the receiver acknowledges and feeds back
        action(PROVINCE_MONITORING, "00000000-0000-0000-0000-000000000000", "acknowledge", null)
                .expectStatus().isNotFound();
        action(DATONG, id, "acknowledge", null).expectStatus().isNotFound();
        action(XIAODIAN, id, "acknowledge", null).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ACKNOWLEDGED").jsonPath("$.direction").isEqualTo("INCOMING");
        action(XIAODIAN, id, "acknowledge", null).expectStatus().isEqualTo(409);
        action(XIAODIAN, id, "feedback", Map.of("text", "")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("validation-failed");
        action(XIAODIAN, id, "feedback", Map.of("text", "已责令改正", "result", "RECTIFICATION_ORDERED"))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("FEEDBACK_GIVEN")
                .jsonPath("$.feedbackResult").isEqualTo("RECTIFICATION_ORDERED");
        // the receiver cannot close; the sender does
        action(XIAODIAN, id, "close", null).expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("clue-sender-only");
        action(PROVINCE_MONITORING, id, "close", null).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CLOSED");
        action(PROVINCE_MONITORING, id, "close", null).expectStatus().isEqualTo(409);

        Long audited = db.sql("SELECT count(*) AS n FROM audit_log WHERE resource_type = 'clue' AND resource_id = :id")
                .bind("id", id).map(r -> r.get("n", Long.class)).one().block();
        assertThat(audited).isEqualTo(4L);
    }

    @Test
    void senderSeesOutgoingReceiverSeesIncomingOthersSeeNothing() {
        String id = create(XIAODIAN, clue("140200", "PERMIT_ISSUING"));

        web.get().uri("/api/v1/clues?direction=OUTGOING").header(HttpHeaders.AUTHORIZATION, "Bearer " + XIAODIAN)
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[?(@.id == '" + id + "')].direction").isEqualTo(List.of("OUTGOING"));
        web.get().uri("/api/v1/clues?direction=INCOMING").header(HttpHeaders.AUTHORIZATION, "Bearer " + DATONG)
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[?(@.id == '" + id + "')].direction").isEqualTo(List.of("INCOMING"));
        web.get().uri("/api/v1/clues?direction=OUTGOING").header(HttpHeaders.AUTHORIZATION, "Bearer " + DATONG)
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[?(@.id == '" + id + "')]").isEmpty();
        // a county of Taiyuan other than the sender sees nothing
        web.get().uri("/api/v1/clues/{id}", id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("COUNTY", "140106"))
                .exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("clue-not-found");
        // the sender's city sees it as outgoing
        web.get().uri("/api/v1/clues/{id}", id).header(HttpHeaders.AUTHORIZATION, "Bearer " + TAIYUAN)
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.direction").isEqualTo("OUTGOING");
        // the sender cannot acknowledge its own outgoing clue
        action(XIAODIAN, id, "acknowledge", null).expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("clue-receiver-only");
        // inspectors do not handle clues
        web.post().uri("/api/v1/clues").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("INSPECTOR", "140105"))
                .bodyValue(clue("140105", "ENFORCEMENT")).exchange().expectStatus().isForbidden();
    }

    @Test
    void invalidCluesAreRejectedWithFieldProblems() {
        Map<String, Object> form = clue("14010", "ENFORCEMENT");
        form.put("summary", " ");
        web.post().uri("/api/v1/clues").header(HttpHeaders.AUTHORIZATION, "Bearer " + TAIYUAN).bodyValue(form)
                .exchange().expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'toDivisionCode')]").exists()
                .jsonPath("$.errors[?(@.field == 'summary')]").exists();
    }

    @Test
    void aNewClueIsPublishedThroughTheOutboxAndMailsTheReceivingLiaisons() {
        UUID enforcementLiaison = UUID.randomUUID();
        db.sql("""
                        INSERT INTO liaison_contact (id, division_code, organisation, person_name, email, role)
                        VALUES (:id, '140100', '太原市生态环境综合行政执法队', '王五', 'wang@ty.example.cn', 'ENFORCEMENT'),
                               (:other, '140100', '太原市行政审批服务管理局', '李四', 'li@ty.example.cn', 'PERMIT_ISSUING')""")
                .bind("id", enforcementLiaison).bind("other", UUID.randomUUID()).then().block();

        String id = create(PROVINCE_MONITORING, clue("140100", "ENFORCEMENT"));

        var props = KafkaTestUtils.consumerProps(broker, "clue-test-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new StringDeserializer()).createConsumer()) {
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
            assertThat(record).as("ClueTransferred for " + id + " on " + LiaisonTopics.CLUES).isNotNull();
            assertThat(new String(record.headers().lastHeader(CloudEventHeaders.TYPE).value(), StandardCharsets.UTF_8))
                    .isEqualTo(ClueTransferred.TYPE);
            ClueTransferred event = json.readValue(record.value(), ClueTransferred.class);
            assertThat(event.clueId()).hasToString(id);
            assertThat(event.fromDivisionCode()).isEqualTo("140000");
            assertThat(event.toDivisionCode()).isEqualTo("140100");
            assertThat(event.toDepartment()).isEqualTo("ENFORCEMENT");
            assertThat(event.permitNumber()).isEqualTo(PERMIT);
            assertThat(event.evidence()).extracting(ClueTransferred.Evidence::kind).containsExactly("MONITORING_DATA");
        }

        // the enforcement liaison of the receiving city (not the permit-issuing one) is to be mailed
        List<UUID> addressed = db.sql("SELECT contact_id FROM notification WHERE event_key = :k")
                .bind("k", "clue-transferred:" + id).map(r -> r.get("contact_id", UUID.class)).all().collectList().block();
        assertThat(addressed).containsExactly(enforcementLiaison);
    }
}
