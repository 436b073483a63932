package org.permitwatch.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.inspection.InspectionSubmitted;
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.testsupport.CloudEventRecords;
import org.permitwatch.testsupport.KafkaBatches;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read models take a poll at a time (ADR 0069): its events in one transaction, each once, and an event that cannot
 * be stored sets aside only itself. The events of each test go in one producer batch (one key, sent before any is
 * awaited, {@code linger.ms} 200) so that one fetch holds them.
 */
@ReportingIntegrationTest
class ReadModelBatchIT {

    private static final String CONSUMER = "reporting.read-models";
    private static final String INSPECTIONS = InspectionTopics.INSPECTIONS;

    @Autowired
    DatabaseClient db;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    JsonMapper json;

    @Test
    void aPollIsAppliedInOneTransactionEachEventOnceAndAnUnreadableOneHoldsNothingBack() throws Exception {
        long before = processed();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        String aEvent = UUID.randomUUID().toString();
        String bEvent = UUID.randomUUID().toString();
        String unreadable = UUID.randomUUID().toString();
        sendInOneBatch(List.of(
                inspection(aEvent, a, "甲厂"),
                inspection(bEvent, b, "乙厂"),
                // the relay's retry of the same event
                inspection(bEvent, b, "乙厂"),
                CloudEventRecords.record(INSPECTIONS, "k", InspectionSubmitted.TYPE, unreadable, "/test", "{not json"),
                inspection(UUID.randomUUID().toString(), c, "丙厂")));

        // a, b and c once each, c after the unreadable event too; the unreadable one is not marked
        await().atMost(Duration.ofSeconds(30)).until(() -> processed() == before + 3);
        assertThat(count("SELECT count(*) FROM processed_event WHERE event_id = '" + unreadable + "'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM rm_inspection WHERE record_id IN ('" + a + "', '" + b + "', '" + c
                        + "')"))
                .isEqualTo(3);
        // the events before the unreadable one went in one transaction: their markers share its time
        assertThat(count("SELECT count(DISTINCT processed_at) FROM processed_event WHERE consumer = '" + CONSUMER
                        + "' AND event_id IN ('" + aEvent + "', '" + bEvent + "')"))
                .isOne();
    }

    @Test
    void aPollThatFailsAsAWholeIsAppliedOneByOneAndOnlyTheEventAtFaultIsSetAside() throws Exception {
        long before = processed();
        UUID d = UUID.randomUUID();
        UUID e = UUID.randomUUID();
        UUID f = UUID.randomUUID();
        String poison = UUID.randomUUID().toString();
        // Readable JSON and a valid event to Java, but PostgreSQL's text cannot hold a NUL: only the write fails.
        sendInOneBatch(List.of(
                inspection(UUID.randomUUID().toString(), d, "丁厂"),
                inspection(poison, e, "戊\u0000厂"),
                inspection(UUID.randomUUID().toString(), f, "己厂")));

        // d at once, f once the poison event has had its retries and gone to the dead-letter topic
        await().atMost(Duration.ofSeconds(60)).until(() -> processed() == before + 2);
        assertThat(count("SELECT count(*) FROM processed_event WHERE event_id = '" + poison + "'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM rm_inspection WHERE record_id = '" + d + "' OR record_id = '" + f + "'"))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM rm_inspection WHERE record_id = '" + e + "'"))
                .isZero();
    }

    private ProducerRecord<String, String> inspection(String eventId, UUID record, String unitName) {
        OffsetDateTime inspectedAt = OffsetDateTime.parse("2026-06-03T10:00:00+08:00");
        InspectionSubmitted payload = new InspectionSubmitted(
                record,
                1,
                null,
                UUID.randomUUID(),
                "91140105MA0BATCH" + record.toString().substring(0, 2),
                unitName,
                "140000",
                "140100",
                "140105",
                "THERMAL_POWER",
                UUID.randomUUID(),
                inspectedAt,
                inspectedAt.plusHours(3),
                "inspector",
                9,
                1,
                0,
                0,
                0,
                List.of());
        return CloudEventRecords.record(
                INSPECTIONS, "k", InspectionSubmitted.TYPE, eventId, "/test", json.writeValueAsString(payload));
    }

    private void sendInOneBatch(List<ProducerRecord<String, String>> records) throws Exception {
        KafkaBatches.sendInOneBatch(broker.getBrokersAsString(), records);
    }

    private long processed() {
        return count("SELECT count(*) FROM processed_event WHERE consumer = '" + CONSUMER + "'");
    }

    private long count(String sql) {
        return db.sql(sql).map(r -> r.get(0, Long.class)).one().block();
    }
}
