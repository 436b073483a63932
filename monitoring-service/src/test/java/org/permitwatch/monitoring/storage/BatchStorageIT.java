package org.permitwatch.monitoring.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.Topics;
import org.permitwatch.monitoring.MonitoringIntegrationTest;
import org.permitwatch.monitoring.receiver.RawTopic;
import org.permitwatch.monitoring.receiver.StreamTimeTicker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The storage consumer as a batch listener: messages published while it is stopped arrive in one poll and are written
 * in one transaction with multi-row statements. The batch's own duplicates, out-of-order latest values, two months
 * (two partitions) and an unreadable message between valid ones must give the same tables as one message at a time.
 */
@MonitoringIntegrationTest
class BatchStorageIT {

    static final String MN = "BATCH0000001";

    @Autowired
    DatabaseClient db;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    EmbeddedKafkaBroker broker;

    static String segment(String cn, String dataTime, String values) {
        return "QN=b;ST=31;CN=" + cn + ";PW=pw;MN=" + MN + ";Flag=5;CP=&&DataTime=" + dataTime + ";" + values + "&&";
    }

    @Test
    void aPollIsStoredAsOneMessageAtATimeWouldBe() throws Exception {
        List<String> messages = List.of(
                segment("2061", "20260731230000", "a21026-Avg=10,a21026-Flag=N;a34013-Avg=3.2,a34013-Flag=M"),
                segment("2061", "20260801000000", "a21026-Min=1,a21026-Avg=20,a21026-Max=30,a21026-Flag=N"),
                // the same MN + pollutant + DataTime again with another value, in the same poll: the first is the
                // record
                segment("2061", "20260801000000", "a21026-Avg=99,a21026-Flag=N"),
                // older than the poll's newest: a series row, but the latest value must not move back
                segment("2061", "20260731210000", "a21026-Avg=3,a21026-Flag=N"),
                "this is no HJ 212 segment",
                // after the unreadable one (redelivered in the next poll): older again, latest stays
                segment("2061", "20260731220000", "a21026-Avg=5,a21026-Flag=N"),
                // real time at the latest's DataTime: 2011 replaces at equal DataTime
                segment("2011", "20260801000000", "a21026-Rtd=7,a21026-Flag=N"));
        var storage = listeners.getListenerContainer("monitoring-storage");
        storage.stop();
        try {
            int partition = -1;
            for (String m : messages) {
                if (m.startsWith("this is no")) {
                    // Stream-time ticks (ADR 0049) around the unreadable message, in the same partition and poll:
                    // skipped, they must not shift which message the error handler dead-letters.
                    tick(partition);
                    tick(partition);
                }
                // key = MN, as the receiver publishes: one partition, so one poll in this order
                partition = kafka.send(RawTopic.NAME, MN, m)
                        .get()
                        .getRecordMetadata()
                        .partition();
            }
            tick(partition);
        } finally {
            storage.start();
        }
        // hourly_value rows, by hand: a21026 at 07-31 21:00, 22:00, 23:00 and 08-01 00:00 (the 99 duplicate dropped,
        // the 2011 message has no series) = 4; a34013 at 07-31 23:00 = 1; total 5.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT count(*) FROM hourly_value WHERE mn = :mn") == 5);
        // two months, two partitions: 3 + 1 = 4 rows in July, 1 row in August.
        assertThat(count("SELECT count(*) FROM hourly_value_202607 WHERE mn = :mn"))
                .isEqualTo(4);
        assertThat(count("SELECT count(*) FROM hourly_value_202608 WHERE mn = :mn"))
                .isEqualTo(1);
        // first arrival wins: 20 (min 1, max 30), not 99
        assertThat(decimal("SELECT avg FROM hourly_value WHERE mn = :mn AND pollutant = 'a21026'"
                        + " AND data_time = '2026-08-01T00:00:00+08:00'"))
                .isEqualByComparingTo("20");
        assertThat(decimal("SELECT max FROM hourly_value WHERE mn = :mn AND pollutant = 'a21026'"
                        + " AND data_time = '2026-08-01T00:00:00+08:00'"))
                .isEqualByComparingTo("30");
        // a34013 came without Min: stored as NULL (typed null in the multi-row statement)
        assertThat(count("SELECT count(*) FROM hourly_value WHERE mn = :mn AND pollutant = 'a34013' AND min IS NULL"))
                .isEqualTo(1);
        // The valid message after the unreadable one is stored: its row is there (avg 5).
        assertThat(decimal("SELECT avg FROM hourly_value WHERE mn = :mn AND pollutant = 'a21026'"
                        + " AND data_time = '2026-07-31T22:00:00+08:00'"))
                .isEqualByComparingTo("5");
        // latest a21026: newest DataTime 08-01 00:00; 20 (2061) then 7 (2011, equal time) → 7, CN 2011;
        // the 21:00 and 22:00 values (older) did not move it back.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "2011"
                        .equals(db.sql("SELECT cn FROM latest_value WHERE mn = :mn AND pollutant = 'a21026'")
                                .bind("mn", MN)
                                .map(r -> r.get(0, String.class))
                                .one()
                                .block()));
        assertThat(decimal("SELECT value FROM latest_value WHERE mn = :mn AND pollutant = 'a21026'"
                        + " AND data_time = '2026-08-01T00:00:00+08:00'"))
                .isEqualByComparingTo("7");
        // latest a34013: only one message carried it → 3.2
        assertThat(decimal("SELECT value FROM latest_value WHERE mn = :mn AND pollutant = 'a34013'"))
                .isEqualByComparingTo("3.2");
        assertThat(deadLettered("this is no HJ 212 segment")).isTrue();
        assertThat(deadLetteredTicks()).as("ticks are never dead letters").isZero();
    }

    @Autowired
    StreamTimeTicker ticker;

    @Test
    void theReceiverTicksEveryPartitionOfTheRawTopic() {
        ticker.tick();
        // the raw topic has 3 partitions here (MonitoringIntegrationTest): one tick each at least, no key, no value
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ticksByPartition().keySet().equals(Set.of(0, 1, 2)));
    }

    private void tick(int partition) throws Exception {
        ProducerRecord<String, String> tick =
                new ProducerRecord<String, String>(RawTopic.NAME, partition, (Long) null, (String) null, (String) null);
        tick.headers().add(RawTopic.TICK, "1".getBytes(StandardCharsets.UTF_8));
        kafka.send(tick).get();
    }

    private Map<Integer, Long> ticksByPartition() {
        Map<Integer, Long> ticks = new HashMap<>();
        for (var r : readAll(RawTopic.NAME)) {
            if (RawTopic.isTick(r.headers()) && r.key() == null && r.value() == null) {
                ticks.merge(r.partition(), 1L, Long::sum);
            }
        }
        return ticks;
    }

    private long deadLetteredTicks() {
        return readAll(Topics.dlt(RawTopic.NAME)).stream()
                .filter(r -> RawTopic.isTick(r.headers()) || r.value() == null)
                .count();
    }

    /** Everything on the topic now (reads until a poll comes back empty). */
    private List<ConsumerRecord<String, String>> readAll(String topic) {
        var props = KafkaTestUtils.consumerProps(broker, "batch-it-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(
                        props, new StringDeserializer(), new StringDeserializer())
                .createConsumer()) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            boolean seenAny = false;
            while (System.nanoTime() < deadline) {
                var polled = consumer.poll(Duration.ofMillis(500));
                polled.forEach(out::add);
                if (polled.isEmpty() && seenAny) {
                    break;
                }
                seenAny |= !polled.isEmpty();
            }
        }
        return out;
    }

    /** The unreadable message goes to the dead-letter topic, as it did with one message per poll. */
    private boolean deadLettered(String value) {
        var props = KafkaTestUtils.consumerProps(broker, "batch-it-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(
                        props, new StringDeserializer(), new StringDeserializer())
                .createConsumer()) {
            consumer.subscribe(List.of(Topics.dlt(RawTopic.NAME)));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    if (value.equals(r.value())) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private long count(String sql) {
        return db.sql(sql).bind("mn", MN).map(r -> r.get(0, Long.class)).one().block();
    }

    private BigDecimal decimal(String sql) {
        return db.sql(sql)
                .bind("mn", MN)
                .map(r -> r.get(0, BigDecimal.class))
                .one()
                .block();
    }
}
