package org.permitwatch.support.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.CloudEventHeaders;
import tools.jackson.databind.json.JsonMapper;

class EventReaderTest {

    record Payload(String permitNo, LocalDate due) {}

    static final String TYPE = "org.permitwatch.test.thing.happened.v1";
    final EventReader reader =
            new EventReader(JsonMapper.builder().findAndAddModules().build());

    static ConsumerRecord<String, String> record(String type, String value) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("t.events.v1", 0, 7, "k", value);
        record.headers().add(CloudEventHeaders.ID, "id-1".getBytes(StandardCharsets.UTF_8));
        if (type != null) {
            record.headers().add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    @Test
    void readsTheTypedPayloadWithItsAttributes() {
        var event = reader.ifType(
                record(TYPE, "{\"permitNo\":\"P1\",\"due\":\"2026-12-04\",\"later\":1}"), TYPE, Payload.class);
        assertThat(event).hasValueSatisfying(e -> {
            assertThat(e.id()).isEqualTo("id-1");
            assertThat(e.payload()).isEqualTo(new Payload("P1", LocalDate.of(2026, 12, 4)));
        });
    }

    @Test
    void skipsOtherTypesOnASharedTopic() {
        assertThat(reader.ifType(record("org.permitwatch.test.other.v1", "not even json"), TYPE, Payload.class))
                .isEmpty();
    }

    @Test
    void whatCanNeverBeHandledIsAnIllegalArgumentSoItGoesToTheDeadLetterTopicWithoutRetries() {
        assertThatThrownBy(() -> reader.ifType(record(TYPE, null), TYPE, Payload.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a value");
        assertThatThrownBy(() -> reader.ifType(record(TYPE, "{\"permitNo\":"), TYPE, Payload.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> reader.ifType(record(null, "{}"), TYPE, Payload.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ce_id and ce_type");
    }
}
