package org.permitwatch.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.CloudEventHeaders;
import org.permitwatch.support.inbox.IdempotentConsumer;
import org.permitwatch.support.testapp.MessagingTestBase;
import org.permitwatch.support.time.BureauClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The transactional outbox against real PostgreSQL and a real (embedded KRaft) Kafka broker. */
class OutboxRelayIT extends MessagingTestBase {

    private static final BureauClock SYSTEM_CLOCK =
            new BureauClock(java.time.Clock.systemUTC(), java.time.ZoneOffset.UTC);

    record Payload(String unit, int seq) {}

    @Autowired
    OutboxWriter writer;

    @Autowired
    OutboxProperties properties;

    @Autowired
    KafkaProperties kafkaProperties;

    @Autowired
    ReactiveTransactionManager transactionManager;

    @Autowired
    IdempotentConsumer inbox;

    TransactionalOperator tx;

    private final List<DefaultKafkaProducerFactory<?, ?>> factories = new ArrayList<>();

    @BeforeEach
    void clean() {
        tx = TransactionalOperator.create(transactionManager);
        db.sql("DELETE FROM outbox_event").then().block();
        factories.forEach(DefaultKafkaProducerFactory::destroy);
        factories.clear();
    }

    private OutboxRelay relay(OutboxProperties props) {
        DefaultKafkaProducerFactory<String, byte[]> factory =
                OutboxAutoConfiguration.RelayConfiguration.producerFactory(kafkaProperties, null);
        factories.add(factory);
        return new OutboxRelay(
                db,
                TransactionalOperator.create(transactionManager),
                new KafkaTemplate<>(factory),
                props,
                SYSTEM_CLOCK);
    }

    private OutboxRelay relay() {
        return relay(properties);
    }

    /** A relay whose broker does not exist: every send fails quickly. */
    private OutboxRelay brokenRelay() {
        Map<String, Object> config =
                new HashMap<>(OutboxAutoConfiguration.RelayConfiguration.producerFactory(kafkaProperties, null)
                        .getConfigurationProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 500);
        DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(config);
        factories.add(factory);
        return new OutboxRelay(
                db,
                TransactionalOperator.create(transactionManager),
                new KafkaTemplate<>(factory),
                properties,
                SYSTEM_CLOCK);
    }

    private static OutboxMessage message(String topic, String key, int seq) {
        return OutboxMessage.of(topic, key, "org.permitwatch.test.unit.changed.v1", new Payload(key, seq));
    }

    private long unpublished() {
        return db.sql("SELECT count(*) AS n FROM outbox_event WHERE published_at IS NULL")
                .map(r -> r.get("n", Long.class))
                .one()
                .block();
    }

    @Test
    void appendOutsideATransactionIsRefused() {
        assertThatThrownBy(() ->
                        writer.append(message("test.notx.events.v1", "k", 1)).block())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transaction");
        assertThat(unpublished()).isZero();
    }

    @Test
    void eventOfARolledBackTransactionIsNeverSent() {
        String topic = "test.rollback.events.v1";
        Mono<UUID> failing = writer.append(message(topic, "rolled-back", 1))
                .flatMap(id -> Mono.<UUID>error(new IllegalStateException("business rule failed after append")));
        assertThatThrownBy(() -> tx.transactional(failing).block()).hasMessageContaining("business rule");

        assertThat(unpublished()).isZero();
        assertThat(relay().relayOnce().block()).isZero();

        tx.transactional(writer.append(message(topic, "marker", 2))).block();
        assertThat(relay().relayOnce().block()).isEqualTo(1);
        List<ConsumerRecord<String, String>> records = consumeUntilKey(topic, "marker");
        assertThat(records).extracting(ConsumerRecord::key).containsExactly("marker");
    }

    @Test
    void committedEventIsSentOnceAsBinaryCloudEvent() {
        String topic = "test.committed.events.v1";
        UUID id = tx.transactional(writer.append(new OutboxMessage(
                        topic,
                        "PN-140105-001",
                        "org.permitwatch.test.unit.changed.v1",
                        "unit/PN-140105-001",
                        new Payload("太原市小店区某厂", 7))))
                .block();

        OutboxRelay relay = relay();
        assertThat(relay.relayOnce().block()).isEqualTo(1);
        assertThat(relay.relayOnce().block()).isZero();
        assertThat(unpublished()).isZero();
        assertThat(relay.backlog()).isZero();

        tx.transactional(writer.append(message(topic, "marker", 0))).block();
        relay.relayOnce().block();
        List<ConsumerRecord<String, String>> records = consumeUntilKey(topic, "marker");
        assertThat(records).hasSize(2);
        ConsumerRecord<String, String> record = records.stream()
                .filter(r -> r.key().equals("PN-140105-001"))
                .findFirst()
                .orElseThrow();
        assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(id.toString());
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo("org.permitwatch.test.unit.changed.v1");
        assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/permitwatch/support-test");
        assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo("unit/PN-140105-001");
        assertThat(OffsetDateTime.parse(header(record, CloudEventHeaders.TIME)))
                .isAfter(OffsetDateTime.now().minusMinutes(10));
        assertThat(header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(header(record, CloudEventHeaders.TRACEPARENT)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(record.value()).contains("\"unit\": \"太原市小店区某厂\"").contains("\"seq\": 7");
    }

    @Test
    void orderPerKeyIsKeptAcrossBatchesAndPartitions() {
        String topic = "test.order.events.v1";
        List<String> keys = List.of("unit-a", "unit-b", "unit-c", "unit-d");
        int perKey = 25;
        // Five transactions of five steps each, every step interleaving all keys.
        for (int t = 0; t < 5; t++) {
            List<OutboxMessage> batch = new ArrayList<>();
            for (int seq = t * 5; seq < t * 5 + 5; seq++) {
                for (String key : keys) {
                    batch.add(message(topic, key, seq));
                }
            }
            tx.transactional(writer.appendAll(batch)).block();
        }
        long total = unpublished();
        assertThat(total).isEqualTo((long) keys.size() * perKey);

        OutboxProperties smallBatches = new OutboxProperties(
                true,
                true,
                null,
                Duration.ofHours(1),
                7,
                Duration.ofSeconds(10),
                Duration.ofDays(7),
                Duration.ofHours(1));
        assertThat(relay(smallBatches).relayOnce().block()).isEqualTo((int) total);

        List<ConsumerRecord<String, String>> records = consume(topic, (int) total);
        assertThat(records).hasSize((int) total);
        Map<String, List<Integer>> seqByKey = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            int seq = Integer.parseInt(r.value().replaceAll(".*\"seq\": ?(\\d+).*", "$1"));
            seqByKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(seq);
        }
        List<Integer> expected =
                java.util.stream.IntStream.range(0, perKey).boxed().toList();
        keys.forEach(key -> assertThat(seqByKey.get(key)).as("order of %s", key).isEqualTo(expected));
    }

    @Test
    void failedSendKeepsRowsForTheNextRoundWithoutLoss() {
        String topic = "test.failure.events.v1";
        tx.transactional(writer.appendAll(List.of(message(topic, "k1", 1), message(topic, "k1", 2))))
                .block();

        OutboxRelay broken = brokenRelay();
        assertThat(broken.relayOnce().block()).isZero();
        assertThat(unpublished()).isEqualTo(2);
        assertThat(broken.backlog()).isEqualTo(2);

        // A fresh relay, as after a restart, finds and sends both.
        assertThat(relay().relayOnce().block()).isEqualTo(2);
        assertThat(unpublished()).isZero();
        assertThat(consume(topic, 2))
                .extracting(ConsumerRecord::value)
                .containsExactly("{\"seq\": 1, \"unit\": \"k1\"}", "{\"seq\": 2, \"unit\": \"k1\"}");
    }

    @Test
    void crashAfterSendBeforeCommitResendsAndTheConsumerDeduplicates() {
        String topic = "test.crash.events.v1";
        UUID id = tx.transactional(writer.append(message(topic, "k-crash", 1))).block();

        // The relay's round joins this outer transaction, which then dies: Kafka has the record, the DB forgets.
        OutboxRelay crashing = relay();
        assertThatThrownBy(() -> tx.transactional(crashing.relayOnce()
                                .then(Mono.error(new IllegalStateException("process killed before commit"))))
                        .block())
                .hasMessageContaining("killed");
        assertThat(unpublished()).isEqualTo(1);

        assertThat(relay().relayOnce().block()).isEqualTo(1);
        List<ConsumerRecord<String, String>> records = consume(topic, 2);
        assertThat(records)
                .hasSize(2)
                .allSatisfy(r -> assertThat(header(r, CloudEventHeaders.ID)).isEqualTo(id.toString()));

        AtomicInteger effects = new AtomicInteger();
        List<Boolean> handled = Flux.fromIterable(records)
                .concatMap(r -> inbox.handleOnce(
                        "crash-test",
                        header(r, CloudEventHeaders.ID),
                        () -> Mono.fromRunnable(effects::incrementAndGet)))
                .collectList()
                .block();
        assertThat(handled).containsExactly(true, false);
        assertThat(effects).hasValue(1);
    }

    @Test
    void commitWakesARunningRelay() {
        String topic = "test.wakeup.events.v1";
        // Polling every hour: only the after-commit wake-up can deliver within the test.
        OutboxProperties hourly = new OutboxProperties(
                true,
                true,
                null,
                Duration.ofHours(1),
                100,
                Duration.ofSeconds(10),
                Duration.ofDays(7),
                Duration.ofHours(1));
        OutboxRelay running = relay(hourly);
        OutboxWriter wakingWriter = new OutboxWriter(
                db,
                tools.jackson.databind.json.JsonMapper.builder().build(),
                "/permitwatch/support-test",
                running::wakeUp);
        running.start();
        try {
            tx.transactional(wakingWriter.append(message(topic, "woken", 1))).block();
            assertThat(consume(topic, 1)).extracting(ConsumerRecord::key).containsExactly("woken");
        } finally {
            running.stop();
        }
    }

    @Test
    void cleanupRemovesOnlyOldPublishedRows() {
        String topic = "test.cleanup.events.v1";
        tx.transactional(writer.appendAll(List.of(message(topic, "a", 1), message(topic, "b", 1))))
                .block();
        assertThat(relay().relayOnce().block()).isEqualTo(2);
        tx.transactional(writer.append(message(topic, "c", 1))).block();
        db.sql("UPDATE outbox_event SET published_at = now() - interval '8 days' WHERE message_key = 'a'")
                .then()
                .block();

        assertThat(relay().cleanUp().block()).isEqualTo(1L);
        List<String> left = db.sql("SELECT message_key FROM outbox_event ORDER BY seq")
                .map(r -> r.get("message_key", String.class))
                .all()
                .collectList()
                .block();
        assertThat(left).containsExactly("b", "c");
    }
}
