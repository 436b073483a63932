package org.permitwatch.inspection.clue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.CloudEventHeaders;
import org.permitwatch.events.inspection.ClueTaskDecided;
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.events.liaison.ClueAccepted;
import org.permitwatch.events.liaison.ClueTransferred;
import org.permitwatch.events.liaison.LiaisonTopics;
import org.permitwatch.inspection.InspectionIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clue events on the real (embedded KRaft) broker: only a ClueAccepted for ENFORCEMENT whose unit lies in the
 * addressed division becomes a CLUE task, once, with two free inspectors; every accepted clue for ENFORCEMENT is
 * answered with a ClueTaskDecided through the outbox.
 */
@InspectionIntegrationTest
class ClueTaskIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PERMIT = "91140105MA0CLUE001001P";

    @Autowired
    DatabaseClient db;

    @Autowired
    JsonMapper json;

    private static KafkaTemplate<String, String> producer;

    /** Inspectors of Taiyuan, in id order: a is busy, b has a conflict with the unit, c and d are free. */
    private final UUID busy = UUID.fromString("00000000-0000-0000-0000-00000000000a");

    private final UUID conflicted = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private final UUID free1 = UUID.fromString("00000000-0000-0000-0000-00000000000c");
    private final UUID free2 = UUID.fromString("00000000-0000-0000-0000-00000000000d");
    private final UUID otherCity = UUID.fromString("00000000-0000-0000-0000-000000000001");

    @BeforeAll
    static void producer(@Autowired EmbeddedKafkaBroker broker) {
        producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new StringSerializer()));
    }

    @AfterAll
    static void closeProducer() {
        producer.destroy();
    }

    @BeforeEach
    void inspectors() {
        Long existing = db.sql("SELECT count(*) AS n FROM inspector")
                .map(r -> r.get("n", Long.class))
                .one()
                .block();
        if (existing > 0) {
            return;
        }
        inspector(busy, "140100");
        inspector(conflicted, "140105");
        inspector(free1, "140106");
        inspector(free2, "140100");
        inspector(otherCity, "140200");
        db.sql("INSERT INTO inspector_conflict (inspector_id, permit_number, reason) VALUES (:i, :p, '亲属关系')")
                .bind("i", conflicted)
                .bind("p", PERMIT)
                .then()
                .block();
        unit(PERMIT, "140105");
        // give "busy" an open task elsewhere, so the least-loaded rule skips it
        UUID task = UUID.randomUUID();
        db.sql("""
                        INSERT INTO inspection_task (id, permit_number, division_code, city_code, origin, method, due_date,
                                                     period_month, status, departments, created_by)
                        VALUES (:id, 'OTHER-UNIT', '140105', '140100', 'MANUAL', 'ON_SITE', DATE '2026-06-30', '2026-06',
                                'ASSIGNED', ARRAY['ENFORCEMENT'], 'test')""").bind("id", task).then().block();
        db.sql("INSERT INTO task_inspector (task_id, inspector_id) VALUES (:t, :i)")
                .bind("t", task)
                .bind("i", busy)
                .then()
                .block();
    }

    @Test
    void anAcceptedClueForEnforcementBecomesOneClueTaskEvenWhenDeliveredTwice() {
        UUID clueId = UUID.randomUUID();
        ClueAccepted clue = accepted(clueId, "140000", "140105", "ENFORCEMENT", PERMIT, LocalDate.of(2026, 7, 15));
        String eventId = UUID.randomUUID().toString();
        send(clueId, ClueAccepted.TYPE, clue, eventId);
        send(clueId, ClueAccepted.TYPE, clue, eventId); // redelivery of the same event

        await().atMost(WAIT).until(() -> processed(eventId));
        List<Map<String, Object>> tasks = tasks(PERMIT);
        assertThat(tasks).hasSize(1);
        Map<String, Object> task = tasks.get(0);
        assertThat(task.get("origin")).isEqualTo("CLUE");
        assertThat(task.get("division_code")).isEqualTo("140105");
        assertThat(task.get("city_code")).isEqualTo("140100");
        assertThat(task.get("due_date")).isEqualTo(LocalDate.of(2026, 7, 15));
        assertThat(task.get("period_month")).isEqualTo("2026-07");
        assertThat(task.get("created_by")).isEqualTo("clue:" + clueId);
        assertThat(Arrays.asList((String[]) task.get("departments"))).containsExactly("ENFORCEMENT");
        assertThat(inspectorsOf((UUID) task.get("id"))).containsExactlyInAnyOrder(free1, free2);

        // the task event and the answer to liaison-service went through the outbox, once each
        Long events = db.sql("SELECT count(*) AS n FROM outbox_event WHERE topic = 'inspection.task.events.v1' "
                        + "AND payload->>'origin' = 'CLUE' AND payload->>'permitNumber' = :p")
                .bind("p", PERMIT)
                .map(r -> r.get("n", Long.class))
                .one()
                .block();
        assertThat(events).isEqualTo(1L);
        List<ClueTaskDecided> answers = answers(clueId);
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).outcome()).isEqualTo(ClueTaskDecided.TASK_CREATED);
        assertThat(answers.get(0).taskId()).isEqualTo(task.get("id"));
        assertThat(answers.get(0).unitDivisionCode()).isEqualTo("140105");
    }

    /**
     * Issue 11.3: on main a transfer alone became a task, assigned to inspectors of the unit's city, before anyone
     * there had seen the clue. Now only the addressed bureau's acceptance does.
     */
    @Test
    void aTransferAloneCreatesNoTask() {
        String permit = "91140105MA0CLUE003003P";
        unit(permit, "140105");
        ClueTransferred transfer = new ClueTransferred(
                UUID.randomUUID(),
                "140000",
                "MONITORING",
                "140105",
                "ENFORCEMENT",
                permit,
                "在线监测数据异常",
                List.of(),
                null,
                OffsetDateTime.now(ZoneOffset.UTC));
        send(
                transfer.clueId(),
                ClueTransferred.TYPE,
                transfer,
                UUID.randomUUID().toString());
        // one partition: once a later event is processed, the transfer has been consumed
        String later = UUID.randomUUID().toString();
        send(
                UUID.randomUUID(),
                ClueAccepted.TYPE,
                accepted(UUID.randomUUID(), "140100", "140100", "PERMIT_ISSUING", permit, null),
                later);

        await().atMost(WAIT).until(() -> processed(later));
        assertThat(tasks(permit)).isEmpty();
    }

    /**
     * Issue 11.3: Taiyuan addressed a clue to itself about a Datong unit; main made a task in Datong, assigned to
     * Datong's inspectors, and Datong never saw the clue. The unit must lie in the addressed division.
     */
    @Test
    void aClueAddressedToItsOwnDivisionAboutAnotherCitysUnitCreatesNoTaskAnywhere() {
        String datongUnit = "91140202MA0CLUE004004P";
        unit(datongUnit, "140202");
        UUID clueId = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        send(clueId, ClueAccepted.TYPE, accepted(clueId, "140100", "140100", "ENFORCEMENT", datongUnit, null), eventId);

        await().atMost(WAIT).until(() -> processed(eventId));
        assertThat(tasks(datongUnit)).isEmpty();
        List<ClueTaskDecided> answers = answers(clueId);
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).outcome()).isEqualTo(ClueTaskDecided.REFUSED);
        assertThat(answers.get(0).reason()).isEqualTo(ClueTaskDecided.UNIT_OUTSIDE_DIVISION);
        assertThat(answers.get(0).unitDivisionCode()).isEqualTo("140202");
        assertThat(answers.get(0).taskId()).isNull();
        // a county cannot reach a unit of a neighbouring county of its city either
        UUID countyClue = UUID.randomUUID();
        String countyEvent = UUID.randomUUID().toString();
        send(
                countyClue,
                ClueAccepted.TYPE,
                accepted(countyClue, "140106", "140106", "ENFORCEMENT", PERMIT, null),
                countyEvent);
        await().atMost(WAIT).until(() -> processed(countyEvent));
        assertThat(answers(countyClue))
                .extracting(ClueTaskDecided::reason)
                .containsExactly(ClueTaskDecided.UNIT_OUTSIDE_DIVISION);
    }

    /** The receiving city accepted a clue about its own unit: the task exists there, with that city's inspector. */
    @Test
    void aClueAcceptedByTheAddressedCityBecomesATaskInThatCity() {
        String datongUnit = "91140202MA0CLUE005005P";
        unit(datongUnit, "140202");
        UUID clueId = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        send(clueId, ClueAccepted.TYPE, accepted(clueId, "140100", "140200", "ENFORCEMENT", datongUnit, null), eventId);

        await().atMost(WAIT).until(() -> processed(eventId));
        List<Map<String, Object>> tasks = tasks(datongUnit);
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("city_code")).isEqualTo("140200");
        assertThat(inspectorsOf((UUID) tasks.get(0).get("id"))).containsExactly(otherCity);
        assertThat(answers(clueId)).extracting(ClueTaskDecided::outcome).containsExactly(ClueTaskDecided.TASK_CREATED);
    }

    @Test
    void aClueAboutAnUnknownUnitIsRefused() {
        UUID clueId = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        send(
                clueId,
                ClueAccepted.TYPE,
                accepted(clueId, "140000", "140100", "ENFORCEMENT", "91140105MA0NOSUCH01001P", null),
                eventId);

        await().atMost(WAIT).until(() -> processed(eventId));
        assertThat(tasks("91140105MA0NOSUCH01001P")).isEmpty();
        assertThat(answers(clueId))
                .extracting(ClueTaskDecided::reason)
                .containsExactly(ClueTaskDecided.UNIT_NOT_IN_DIRECTORY);
    }

    @Test
    void anAcceptedClueForAnotherDepartmentCreatesNoTask() {
        String permit = "91140105MA0CLUE002002P";
        unit(permit, "140105");
        UUID clueId = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        send(clueId, ClueAccepted.TYPE, accepted(clueId, "140100", "140100", "PERMIT_ISSUING", permit, null), eventId);

        await().atMost(WAIT).until(() -> processed(eventId));
        assertThat(tasks(permit)).isEmpty();
        assertThat(answers(clueId)).isEmpty();
    }

    private static ClueAccepted accepted(
            UUID clueId, String from, String to, String department, String permit, LocalDate requestedBy) {
        return new ClueAccepted(
                clueId,
                from,
                "MONITORING",
                to,
                department,
                permit,
                requestedBy,
                "receiver",
                OffsetDateTime.of(2026, 6, 20, 9, 0, 0, 0, ZoneOffset.ofHours(8)));
    }

    private void send(UUID clueId, String type, Object payload, String eventId) {
        String key = clueId.toString();
        ProducerRecord<String, String> record =
                new ProducerRecord<>(LiaisonTopics.CLUES, key, json.writeValueAsString(payload));
        record.headers().add(CloudEventHeaders.SPEC_VERSION, bytes("1.0"));
        record.headers().add(CloudEventHeaders.ID, bytes(eventId));
        record.headers().add(CloudEventHeaders.TYPE, bytes(type));
        record.headers().add(CloudEventHeaders.SOURCE, bytes("/permitwatch/liaison-service"));
        record.headers().add(CloudEventHeaders.SUBJECT, bytes(key));
        record.headers().add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
        producer.send(record).join();
    }

    private List<ClueTaskDecided> answers(UUID clueId) {
        return db.sql("SELECT payload::text AS p FROM outbox_event WHERE topic = :t AND message_key = :k")
                .bind("t", InspectionTopics.CLUES)
                .bind("k", clueId.toString())
                .map(r -> json.readValue(r.get("p", String.class), ClueTaskDecided.class))
                .all()
                .collectList()
                .block();
    }

    /** A directory projection row: the unit's county and city. */
    private void unit(String permit, String county) {
        db.sql("""
                        INSERT INTO directory_unit (permit_number, unit_name, division_code, snapshot, source_event,
                                                    city_code, county_code, status, version)
                        VALUES (:p, '测试单位', :county, '{}'::jsonb, 'test', :city, :county, 'VALID', 1)
                        ON CONFLICT (permit_number) DO NOTHING""")
                .bind("p", permit)
                .bind("county", county)
                .bind("city", county.substring(0, 4) + "00")
                .then()
                .block();
    }

    private boolean processed(String eventId) {
        return db.sql("SELECT count(*) AS n FROM processed_event WHERE consumer = :c AND event_id = :e")
                        .bind("c", ClueTasks.CONSUMER)
                        .bind("e", eventId)
                        .map(r -> r.get("n", Long.class))
                        .one()
                        .block()
                == 1L;
    }

    private List<Map<String, Object>> tasks(String permit) {
        return db.sql("SELECT * FROM inspection_task WHERE permit_number = :p")
                .bind("p", permit)
                .fetch()
                .all()
                .collectList()
                .block();
    }

    private List<UUID> inspectorsOf(UUID taskId) {
        return db.sql("SELECT inspector_id FROM task_inspector WHERE task_id = :t")
                .bind("t", taskId)
                .map(r -> r.get("inspector_id", UUID.class))
                .all()
                .collectList()
                .block();
    }

    private void inspector(UUID id, String division) {
        db.sql(
                        "INSERT INTO inspector (id, certificate_no, name, division_code, on_post) VALUES (:id, :cert, '执法员', :d, true)")
                .bind("id", id)
                .bind("cert", "CERT-" + id)
                .bind("d", division)
                .then()
                .block();
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
