package org.permitwatch.support.inbox;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way a listener reads an event: CloudEvents attributes from the headers, the payload from the value.
 * A record that can never be handled — no {@code ce_id}/{@code ce_type}, no value, invalid JSON — is an
 * {@link IllegalArgumentException}, which platform-support's error handler sends to the dead-letter topic without
 * retrying; an event of another type on a shared topic is skipped.
 */
public class EventReader {

    private static final Logger log = LoggerFactory.getLogger(EventReader.class);

    private final JsonMapper json;

    public EventReader(JsonMapper json) {
        this.json = json;
    }

    /** An event as read: its attributes and its typed payload. */
    public record Event<T>(CloudEventAttributes attributes, T payload) {

        /** {@code ce_id}: the deduplication key. */
        public String id() {
            return attributes.id();
        }
    }

    /** The event if the record's {@code ce_type} is {@code ceType}; empty (logged at debug) for any other type. */
    public <T> Optional<Event<T>> ifType(ConsumerRecord<String, String> record, String ceType, Class<T> payloadType) {
        CloudEventAttributes attributes = CloudEventAttributes.from(record);
        if (!ceType.equals(attributes.type())) {
            log.debug("ignoring event {} of type {} on {}", attributes.id(), attributes.type(), record.topic());
            return Optional.empty();
        }
        return Optional.of(new Event<>(attributes, payload(record, payloadType)));
    }

    /** The record's value as {@code payloadType}. */
    public <T> T payload(ConsumerRecord<String, String> record, Class<T> payloadType) {
        if (record.value() == null) {
            throw new IllegalArgumentException(
                    payloadType.getSimpleName() + " record without a value on " + record.topic());
        }
        try {
            return json.readValue(record.value(), payloadType);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(
                    payloadType.getSimpleName() + " event is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
