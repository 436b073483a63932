package org.permitwatch.monitoring.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.Topics;
import org.permitwatch.monitoring.MonitoringIntegrationTest;
import org.permitwatch.monitoring.receiver.RawTopic;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The storage consumer against a real database that refuses one value or goes away for a while. A value PostgreSQL
 * rejects (a number beyond numeric's range, which BigDecimal reads fine) must cost that message alone: it goes to the
 * dead-letter topic with the database's reason, its neighbours in the same poll are stored. A database that fails for
 * longer than the shared error handler's retries (0.5 + 1 + 2 + 4 s) must cost nothing: the poll is retried until the
 * database answers again, every value stored once, nothing dead-lettered.
 */
@MonitoringIntegrationTest
class StorageFailureIT {

    @Autowired
    DatabaseClient db;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    MeterRegistry meters;

    static String segment(String mn, String dataTime, String values) {
        return "QN=f;ST=31;CN=2061;PW=pw;MN=" + mn + ";Flag=5;CP=&&DataTime=" + dataTime + ";" + values + "&&";
    }

    @Test
    void aValueTheDatabaseRefusesIsDeadLetteredAloneAndItsNeighboursAreStored() throws Exception {
        String mn = "POISON000001";
        // What the database refuses (SQLSTATE class 23) though the parser takes it: the parser now refuses what used to
        // be
        // the poison here (an exponent such as 1E+200000 beyond numeric's range), and partitions are created on demand,
        // so the test declares a value the database refuses — a CHECK on the stored tables, dropped afterwards.
        db.sql("ALTER TABLE hourly_value ADD CONSTRAINT storage_it_poison CHECK (avg <> 666)")
                .then()
                .block();
        try {
            String poison = segment(mn, "20260801010000", "a21026-Avg=666,a21026-Flag=N");
            List<String> messages = List.of(
                    segment(mn, "20260801000000", "a21026-Avg=11,a21026-Flag=N"),
                    poison,
                    segment(mn, "20260801020000", "a21026-Avg=13,a21026-Flag=N"),
                    segment(mn, "20260801030000", "a21026-Avg=14,a21026-Flag=N"));
            publishAsOnePoll(mn, messages);

            // By hand: four messages, one refused → 3 hourly rows (00:00, 02:00, 03:00), none at 01:00.
            await().atMost(Duration.ofSeconds(60)).until(() -> count(mn) == 3);
            assertThat(count(
                            "SELECT count(*) FROM hourly_value WHERE mn = :mn AND data_time = '2026-08-01T01:00:00+08:00'",
                            mn))
                    .isZero();
            // latest: the newest stored DataTime, 03:00, value 14
            assertThat(db.sql("SELECT value FROM latest_value WHERE mn = :mn AND pollutant = 'a21026'")
                            .bind("mn", mn)
                            .map(r -> r.get(0, java.math.BigDecimal.class))
                            .one()
                            .block())
                    .isEqualByComparingTo("14");
            // The dead-letter topic holds the refused message once, with the database's reason, and none of the others.
            List<ConsumerRecord<String, String>> dead = deadLetters(mn, Duration.ofSeconds(10));
            assertThat(dead).extracting(ConsumerRecord::value).containsExactly(poison);
            assertThat(header(dead.get(0), "kafka_dlt-exception-message")).contains("storage_it_poison");
        } finally {
            db.sql("ALTER TABLE hourly_value DROP CONSTRAINT storage_it_poison")
                    .then()
                    .block();
        }
    }

    @Test
    void aDatabaseAwayLongerThanTheRetriesLosesNothing() throws Exception {
        String mn = "TRANSIENT001";
        List<String> messages = new ArrayList<>();
        for (int hour = 0; hour < 5; hour++) {
            messages.add(
                    segment(mn, "202608020%d0000".formatted(hour), "a21026-Avg=2%d,a21026-Flag=N".formatted(hour)));
        }
        double retriedBefore = retried();
        // The database refuses every write to latest_value for 12 s with lock_not_available (SQLSTATE 55P03: what a
        // write gets after waiting DB_LOCK_TIMEOUT behind a migration's or a maintenance job's lock), longer than the
        // shared handler's 7.5 s of retries that used to end with the poll in the dead-letter topic. A statement
        // trigger raises it, so every attempt fails at once instead of after 30 s of waiting.
        db.sql("""
                        CREATE FUNCTION storage_it_unavailable() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN RAISE EXCEPTION 'latest_value is locked (test)' USING ERRCODE = '55P03'; END $$
                        """).then().block();
        db.sql("CREATE TRIGGER storage_it_unavailable BEFORE INSERT ON latest_value"
                        + " FOR EACH STATEMENT EXECUTE FUNCTION storage_it_unavailable()")
                .then()
                .block();
        try {
            publishAsOnePoll(mn, messages);
            Thread.sleep(12_000);
            assertThat(count(mn))
                    .as("nothing stored while the database refuses")
                    .isZero();
        } finally {
            db.sql("DROP TRIGGER storage_it_unavailable ON latest_value").then().block();
            db.sql("DROP FUNCTION storage_it_unavailable()").then().block();
        }
        // By hand: 5 messages × 1 value = 5 hourly rows, each once (the table's key), none dead-lettered.
        await().atMost(Duration.ofSeconds(90)).until(() -> count(mn) == 5);
        assertThat(retried()).isGreaterThan(retriedBefore);
        assertThat(deadLetters(mn, Duration.ofSeconds(5))).isEmpty();
    }

    private void publishAsOnePoll(String mn, List<String> messages) throws Exception {
        var storage = listeners.getListenerContainer("monitoring-storage");
        storage.stop();
        try {
            for (String m : messages) {
                kafka.send(RawTopic.NAME, mn, m).get(); // key = MN: one partition, one poll, this order
            }
        } finally {
            storage.start();
        }
    }

    private double retried() {
        var counter = meters.find("monitoring.storage.retried").counter();
        return counter == null ? 0 : counter.count();
    }

    private long count(String mn) {
        return count("SELECT count(*) FROM hourly_value WHERE mn = :mn", mn);
    }

    private long count(String sql, String mn) {
        return db.sql(sql).bind("mn", mn).map(r -> r.get(0, Long.class)).one().block();
    }

    private List<ConsumerRecord<String, String>> deadLetters(String mn, Duration wait) {
        var props = KafkaTestUtils.consumerProps(broker, "failure-it-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(
                        props, new StringDeserializer(), new StringDeserializer())
                .createConsumer()) {
            consumer.subscribe(List.of(Topics.dlt(RawTopic.NAME)));
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() != null && r.value().contains("MN=" + mn + ";")) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
