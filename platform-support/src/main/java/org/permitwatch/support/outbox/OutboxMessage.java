package org.permitwatch.support.outbox;

import java.util.Objects;

/**
 * An event to publish once the surrounding transaction commits.
 *
 * @param topic   Kafka topic (see {@code org.permitwatch.events.Topics})
 * @param key     Kafka key: the aggregate id (or division code where per-region order matters); order is kept per key
 * @param type    CloudEvents type {@code org.permitwatch.<service>.<aggregate>.<event>.v1}
 * @param subject CloudEvents subject, the aggregate id; defaults to the key when null
 * @param payload serialised as JSON with the application's {@code JsonMapper}
 */
public record OutboxMessage(String topic, String key, String type, String subject, Object payload) {

    public OutboxMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (subject == null) {
            subject = key;
        }
    }

    public static OutboxMessage of(String topic, String key, String type, Object payload) {
        return new OutboxMessage(topic, key, type, key, payload);
    }
}
