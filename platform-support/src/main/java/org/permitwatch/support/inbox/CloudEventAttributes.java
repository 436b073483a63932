package org.permitwatch.support.inbox;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.permitwatch.events.CloudEventHeaders;

/**
 * The CloudEvents attributes of a Kafka record in binary mode.
 *
 * @param time parsed {@code ce_time}, null when absent or malformed
 */
public record CloudEventAttributes(
        String id,
        String type,
        String source,
        String subject,
        OffsetDateTime time,
        String specVersion,
        String contentType,
        String traceparent) {

    /**
     * Reads the headers of a record. Throws {@link IllegalArgumentException} when {@code ce_id} or
     * {@code ce_type} is missing: such a record cannot be deduplicated, so it belongs in the dead-letter topic.
     */
    public static CloudEventAttributes from(ConsumerRecord<?, ?> record) {
        return from(record.headers());
    }

    public static CloudEventAttributes from(Headers headers) {
        String id = last(headers, CloudEventHeaders.ID);
        String type = last(headers, CloudEventHeaders.TYPE);
        if (id == null || id.isBlank() || type == null || type.isBlank()) {
            throw new IllegalArgumentException("record is not a CloudEvent: ce_id and ce_type are required");
        }
        return new CloudEventAttributes(
                id,
                type,
                last(headers, CloudEventHeaders.SOURCE),
                last(headers, CloudEventHeaders.SUBJECT),
                parseTime(last(headers, CloudEventHeaders.TIME)),
                last(headers, CloudEventHeaders.SPEC_VERSION),
                last(headers, CloudEventHeaders.CONTENT_TYPE),
                last(headers, CloudEventHeaders.TRACEPARENT));
    }

    /** The value of the last header with this name as UTF-8, or null. */
    public static String last(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static OffsetDateTime parseTime(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
