package org.permitwatch.support.inbox;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
     * W3C trace context: version-traceid-parentid-flags, lowercase hex; a version after 00 may append fields, version
     * ff is invalid (Trace Context, section 3.2.2).
     */
    private static final Pattern TRACEPARENT =
            Pattern.compile("^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}(-.*)?$");

    private static final String ZERO_TRACE_ID = "0".repeat(32);
    private static final String ZERO_PARENT_ID = "0".repeat(16);

    /**
     * The trace id of the producing request, from the {@code traceparent} distributed-tracing extension; null when the
     * event carries none or an invalid one. A fact of the event, so what a consumer stores from it is the same on
     * every replay (unlike the listener's own span, which is new each time when the event carries no trace).
     */
    public String traceId() {
        if (traceparent == null) {
            return null;
        }
        Matcher m = TRACEPARENT.matcher(traceparent.trim());
        if (!m.matches()) {
            return null;
        }
        String version = m.group(1);
        boolean invalid = version.equals("ff")
                || (version.equals("00") && m.group(4) != null)
                || m.group(2).equals(ZERO_TRACE_ID)
                || m.group(3).equals(ZERO_PARENT_ID);
        return invalid ? null : m.group(2);
    }

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
