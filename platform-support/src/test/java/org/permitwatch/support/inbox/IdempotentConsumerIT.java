package org.permitwatch.support.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.CloudEventHeaders;
import org.permitwatch.events.Topics;
import org.permitwatch.support.testapp.MessagingTestBase;
import org.permitwatch.support.testapp.PoisonListener;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class IdempotentConsumerIT extends MessagingTestBase {

    @Autowired
    IdempotentConsumer inbox;

    @Autowired
    PoisonListener poison;

    @BeforeEach
    void table() {
        db.sql("CREATE TABLE IF NOT EXISTS test_effect (event_id text NOT NULL, note text)")
                .then()
                .block();
    }

    private Mono<Void> insertEffect(String eventId) {
        return db.sql("INSERT INTO test_effect (event_id, note) VALUES (:id, 'direct')")
                .bind("id", eventId)
                .then();
    }

    private long effects(String eventId) {
        return db.sql("SELECT count(*) AS n FROM test_effect WHERE event_id = :id")
                .bind("id", eventId)
                .map(r -> r.get("n", Long.class))
                .one()
                .block();
    }

    private long markers(String consumer, String eventId) {
        return db.sql("SELECT count(*) AS n FROM processed_event WHERE consumer = :c AND event_id = :id")
                .bind("c", consumer)
                .bind("id", eventId)
                .map(r -> r.get("n", Long.class))
                .one()
                .block();
    }

    @Test
    void sameEventTwiceHasOneEffect() {
        String id = UUID.randomUUID().toString();
        assertThat(inbox.handleOnce("projection-a", id, () -> insertEffect(id)).block())
                .isTrue();
        assertThat(inbox.handleOnce("projection-a", id, () -> insertEffect(id)).block())
                .isFalse();
        assertThat(effects(id)).isEqualTo(1);
        // Another consumer of the same event deduplicates on its own.
        assertThat(inbox.handleOnce("projection-b", id, () -> insertEffect(id)).block())
                .isTrue();
        assertThat(effects(id)).isEqualTo(2);
    }

    @Test
    void failedEffectRollsTheMarkerBackSoARetryRunsIt() {
        String id = UUID.randomUUID().toString();
        Mono<Void> failing = insertEffect(id).then(Mono.error(new IllegalStateException("effect failed")));
        assertThatThrownBy(() ->
                        inbox.handleOnce("projection-a", id, () -> failing).block())
                .hasMessageContaining("effect failed");
        assertThat(markers("projection-a", id)).isZero();
        assertThat(effects(id)).isZero();

        assertThat(inbox.handleOnce("projection-a", id, () -> insertEffect(id)).block())
                .isTrue();
        assertThat(markers("projection-a", id)).isEqualTo(1);
        assertThat(effects(id)).isEqualTo(1);
    }

    @Test
    void aBatchRunsItsEffectOnceForTheEventsNotSeenBefore() {
        String seen = UUID.randomUUID().toString();
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        inbox.handleOnce("projection-a", seen, () -> insertEffect(seen)).block();

        // one event seen before, one new twice in the poll (a producer's retry), one other new
        List<Set<String>> given = new ArrayList<>();
        Set<String> ran = inbox.handleEachOnce("projection-a", List.of(seen, a, a, b), fresh -> {
                    given.add(fresh);
                    return Flux.fromIterable(fresh)
                            .concatMap(this::insertEffect)
                            .then();
                })
                .block();

        assertThat(ran).containsExactlyInAnyOrder(a, b);
        assertThat(given).containsExactly(Set.of(a, b));
        assertThat(effects(seen)).isEqualTo(1);
        assertThat(effects(a)).isEqualTo(1);
        assertThat(effects(b)).isEqualTo(1);
        assertThat(markers("projection-a", a)).isEqualTo(1);

        // the same poll again (a redelivery): nothing is new, the effect does not run
        assertThat(inbox.handleEachOnce("projection-a", List.of(seen, a, b), fresh -> {
                            given.add(fresh);
                            return Mono.empty();
                        })
                        .block())
                .isEmpty();
        assertThat(given).hasSize(1);
    }

    @Test
    void aFailedBatchEffectLeavesNoMarkerOfAnyOfItsEvents() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        assertThatThrownBy(() -> inbox.handleEachOnce(
                                "projection-a",
                                List.of(a, b),
                                fresh -> insertEffect(a).then(Mono.error(new IllegalStateException("effect failed"))))
                        .block())
                .hasMessageContaining("effect failed");
        assertThat(markers("projection-a", a)).isZero();
        assertThat(markers("projection-a", b)).isZero();
        assertThat(effects(a)).isZero();

        assertThat(inbox.handleEachOnce(
                                "projection-a",
                                List.of(a, b),
                                fresh -> Flux.fromIterable(fresh)
                                        .concatMap(this::insertEffect)
                                        .then())
                        .block())
                .containsExactlyInAnyOrder(a, b);
        assertThat(effects(a)).isEqualTo(1);
        assertThat(effects(b)).isEqualTo(1);
    }

    @Test
    void poisonMessageGoesToTheDeadLetterTopicAndDoesNotBlockThePartition() throws Exception {
        String poisonId = UUID.randomUUID().toString();
        String goodId = UUID.randomUUID().toString();
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class);
        RecordMetadata last;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            // Same key = same partition: the good event queues behind the poison one.
            producer.send(event(poisonId, "{\"kind\":\"poison\"}"));
            producer.send(event(goodId, "{\"kind\":\"fine\"}"));
            last = producer.send(event(goodId, "{\"kind\":\"fine\"}")).get(30, TimeUnit.SECONDS);
        }

        List<ConsumerRecord<String, String>> dead = consume(Topics.dlt(PoisonListener.TOPIC), 1);
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), CloudEventHeaders.ID)).isEqualTo(poisonId);
        assertThat(header(dead.get(0), "kafka_dlt-exception-message")).contains("cannot handle " + poisonId);

        // Wait for the second delivery itself, not for the first effect: asserting as soon as one effect exists let a
        // duplicate applied a moment later go unseen.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!poison.finished(last.partition(), last.offset()) && System.nanoTime() < deadline) {
            Mono.delay(Duration.ofMillis(200)).block();
        }
        assertThat(poison.finished(last.partition(), last.offset()))
                .as("the redelivery was handled")
                .isTrue();
        // Delivered twice, applied once.
        assertThat(effects(goodId)).isEqualTo(1);
        assertThat(markers(PoisonListener.CONSUMER, goodId)).isEqualTo(1);
        assertThat(markers(PoisonListener.CONSUMER, poisonId)).isZero();
    }

    @Test
    void cloudEventAttributesAreReadFromHeaders() {
        ProducerRecord<String, String> sent = event("id-1", "{}");
        ConsumerRecord<String, String> record = new ConsumerRecord<>("t", 0, 0, "k", "{}");
        sent.headers().forEach(h -> record.headers().add(h));
        CloudEventAttributes attributes = CloudEventAttributes.from(record);
        assertThat(attributes.id()).isEqualTo("id-1");
        assertThat(attributes.type()).isEqualTo("org.permitwatch.test.unit.changed.v1");
        assertThat(attributes.source()).isEqualTo("/permitwatch/test-producer");
        assertThat(attributes.time()).isNotNull();
        assertThatThrownBy(() -> CloudEventAttributes.from(new ConsumerRecord<>("t", 0, 0, "k", "{}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ProducerRecord<String, String> event(String id, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(PoisonListener.TOPIC, "same-unit", value);
        record.headers().add(CloudEventHeaders.SPEC_VERSION, bytes("1.0"));
        record.headers().add(CloudEventHeaders.ID, bytes(id));
        record.headers().add(CloudEventHeaders.TYPE, bytes("org.permitwatch.test.unit.changed.v1"));
        record.headers().add(CloudEventHeaders.SOURCE, bytes("/permitwatch/test-producer"));
        record.headers().add(CloudEventHeaders.TIME, bytes("2026-11-28T10:00:00Z"));
        return record;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
