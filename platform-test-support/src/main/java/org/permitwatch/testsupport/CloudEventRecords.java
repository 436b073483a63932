package org.permitwatch.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.permitwatch.events.CloudEventHeaders;

/** Kafka records as the outbox relay sends them (binary-mode CloudEvents), for tests that play a producing service. */
public final class CloudEventRecords {

    private CloudEventRecords() {}

    /**
     * A record with the CloudEvent attributes in {@code ce_*} headers: this id, type and source, the key as subject,
     * now as time, JSON as content type.
     *
     * @param value the payload as sent (any text: a test may send what is not JSON)
     */
    public static ProducerRecord<String, String> record(
            String topic, String key, String type, String id, String source, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers()
                .add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_VALUE))
                .add(CloudEventHeaders.ID, bytes(id))
                .add(CloudEventHeaders.TYPE, bytes(type))
                .add(CloudEventHeaders.SOURCE, bytes(source))
                .add(CloudEventHeaders.SUBJECT, bytes(key))
                .add(
                        CloudEventHeaders.TIME,
                        bytes(OffsetDateTime.now(ZoneOffset.UTC).toString()))
                .add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
        return record;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
