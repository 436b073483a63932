package org.permitwatch.support.testapp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.permitwatch.testsupport.TestJwts;
import org.permitwatch.testsupport.TestPostgres;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Shared context of the messaging tests (one PostgreSQL database, one KRaft broker): subclasses reuse the cached
 * context. The background relay is off so each test drives relay rounds itself and counts are deterministic.
 */
@SpringBootTest(
        classes = {TestApplication.class, PoisonListener.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.application.name=support-test",
            "permitwatch.outbox.relay-enabled=false",
            "permitwatch.kafka.consumer.initial-interval=20ms",
            "permitwatch.kafka.consumer.max-retries=2",
            "permitwatch.kafka.consumer.max-interval=100ms"
        })
@EmbeddedKafka(
        partitions = 3,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        topics = {PoisonListener.TOPIC, PoisonListener.TOPIC + ".dlt"})
public abstract class MessagingTestBase {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "support_messaging");
        TestJwts.register(registry);
    }

    @Autowired
    protected EmbeddedKafkaBroker broker;

    @Autowired
    protected DatabaseClient db;

    /** A consumer reading {@code topic} from the beginning with a fresh group. */
    protected KafkaConsumer<String, String> consumer(String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Polls until {@code count} records arrived (or 60 s passed, then returns what it has). */
    protected List<ConsumerRecord<String, String>> consume(String topic, int count) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KafkaConsumer<String, String> consumer = consumer(topic)) {
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(250)).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * Reads everything up to and including the record with key {@code markerKey}: a marker produced after the
     * records under test proves that nothing else is coming, without waiting for an arbitrary silence.
     */
    protected List<ConsumerRecord<String, String>> consumeUntilKey(String topic, String markerKey) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KafkaConsumer<String, String> consumer = consumer(topic)) {
            while (records.stream().noneMatch(r -> markerKey.equals(r.key())) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(250)).forEach(records::add);
            }
        }
        return records;
    }

    protected static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
