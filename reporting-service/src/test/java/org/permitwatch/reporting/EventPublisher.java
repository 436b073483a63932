package org.permitwatch.reporting;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.permitwatch.events.CloudEventHeaders;
import org.permitwatch.testsupport.CloudEventRecords;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.json.JsonMapper;

/** Publishes contract payloads to the embedded broker as binary-mode CloudEvents, as the producing services do. */
public final class EventPublisher implements AutoCloseable {

    private final KafkaTemplate<String, String> template;
    private final DefaultKafkaProducerFactory<String, String> factory;
    private final JsonMapper json;
    private final AtomicInteger sent = new AtomicInteger();

    public EventPublisher(EmbeddedKafkaBroker broker, JsonMapper json) {
        this.factory = new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new StringSerializer());
        this.template = new KafkaTemplate<>(factory);
        this.json = json;
    }

    /** Sends and waits for the broker's ack; returns the ce_id. */
    public String send(String topic, String key, String type, Object payload) {
        return send(topic, key, type, payload, null);
    }

    /** As {@link #send(String, String, String, Object)}, with the producing request's W3C traceparent when not null. */
    public String send(String topic, String key, String type, Object payload, String traceparent) {
        String id = UUID.randomUUID().toString();
        ProducerRecord<String, String> record =
                CloudEventRecords.record(topic, key, type, id, "/test", json.writeValueAsString(payload));
        if (traceparent != null) {
            record.headers().add(CloudEventHeaders.TRACEPARENT, bytes(traceparent));
        }
        try {
            template.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + type, e);
        }
        sent.incrementAndGet();
        return id;
    }

    public int sent() {
        return sent.get();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        factory.destroy();
    }
}
