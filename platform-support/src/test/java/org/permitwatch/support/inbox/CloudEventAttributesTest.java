package org.permitwatch.support.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.permitwatch.events.CloudEventHeaders;

/** The producer's trace id read from the CloudEvents {@code traceparent} header (W3C Trace Context, section 3.2). */
class CloudEventAttributesTest {

    private static CloudEventAttributes withTraceparent(String... values) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, "e-1".getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TYPE, "org.permitwatch.test.v1".getBytes(StandardCharsets.UTF_8));
        for (String value : values) {
            headers.add(CloudEventHeaders.TRACEPARENT, value.getBytes(StandardCharsets.UTF_8));
        }
        return CloudEventAttributes.from(headers);
    }

    @Test
    void theTraceIdIsTheSecondFieldOfTheTraceparent() {
        // The spec's own example (section 3.2.2.3 and 3.2.2.4).
        assertThat(withTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                        .traceId())
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        // Unsampled: still the trace of the request.
        assertThat(withTraceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00")
                        .traceId())
                .isEqualTo("0af7651916cd43dd8448eb211c80319c");
        // A later version may append fields; the first four keep their meaning.
        assertThat(withTraceparent("01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra")
                        .traceId())
                .isEqualTo("0af7651916cd43dd8448eb211c80319c");
    }

    @Test
    void theLastHeaderWins() {
        // As the record's other attributes: a consumer reads the last header of a name.
        assertThat(withTraceparent(
                                "00-11111111111111111111111111111111-1111111111111111-01",
                                "00-22222222222222222222222222222222-2222222222222222-01")
                        .traceId())
                .isEqualTo("22222222222222222222222222222222");
    }

    @Test
    void noHeaderNoTrace() {
        assertThat(withTraceparent().traceId()).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "garbage",
                // version ff is forbidden
                "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                // all-zero trace id / parent id are invalid
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
                // upper case is not allowed
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
                // version 00 has exactly four fields
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
                // short trace id
                "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01"
            })
    void anInvalidTraceparentGivesNoTraceId(String value) {
        assertThat(withTraceparent(value).traceId()).isNull();
    }
}
