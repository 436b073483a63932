package org.permitwatch.support.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Jackson side of {@link InputRules}, without a server: which values are refused and at which path. */
class InputGuardModuleTest {

    record Doc(
            String title,
            List<Line> lines,
            Map<String, Object> data,
            JsonNode raw,
            LocalDate day,
            Instant stamp,
            java.time.OffsetDateTime at) {}

    record Line(String note) {}

    private final JsonMapper json =
            JsonMapper.builder().addModule(new InputGuardModule()).build();

    private String pathOf(String body) {
        try {
            json.readValue(body, Doc.class);
        } catch (InputRejectedException e) {
            StringBuilder sb = new StringBuilder();
            for (JacksonException.Reference ref : e.getPath()) {
                sb.append(ref.getPropertyName() != null ? "." + ref.getPropertyName() : "[" + ref.getIndex() + "]");
            }
            return sb.toString();
        }
        return null;
    }

    @Test
    void refusesControlCharactersWhereverTheyAre() {
        assertThat(pathOf("{\"lines\":[{},{\"note\":\"a\\u0000\"}]}")).isEqualTo(".lines[1].note");
        assertThat(pathOf("{\"data\":{\"outer\":{\"list\":[\"ok\",\"b\\u001b\"]}}}"))
                .isEqualTo(".data.outer.list[1]");
        assertThat(pathOf("{\"title\":\"\\ud800\"}")).isEqualTo(".title");
        assertThat(pathOf("{\"title\":\"tab\\tcr\\rlf\\n \\ud83d\\ude00\"}")).isNull();
    }

    @Test
    void refusesDatesOutsideTheWindow() {
        assertThat(pathOf("{\"day\":\"+999999999-12-31\"}")).isEqualTo(".day");
        assertThat(pathOf("{\"day\":\"-999999999-01-01\"}")).isEqualTo(".day");
        assertThat(pathOf("{\"day\":\"1949-12-31\"}")).isEqualTo(".day");
        assertThat(pathOf("{\"day\":\"3000-01-01\"}")).isEqualTo(".day");
        assertThat(pathOf("{\"stamp\":\"-999999999-01-01T00:00:00Z\"}")).isEqualTo(".stamp");
        assertThat(pathOf("{\"stamp\":\"+999999999-12-31T23:59:59Z\"}")).isEqualTo(".stamp");
        assertThat(pathOf("{\"at\":\"3000-01-01T12:00:00+08:00\"}")).isEqualTo(".at");
        assertThat(pathOf("{\"at\":\"1950-01-01T06:00:00+08:00\"}")).isEqualTo(".at");
        assertThat(pathOf("{\"day\":\"1950-01-01\",\"stamp\":\"2999-12-31T23:59:59Z\"}"))
                .isNull();
    }

    @Test
    void aPlainMapperIsUntouched() {
        assertThatThrownBy(() -> json.readValue("\"\\u0000\"", String.class))
                .isInstanceOf(InputRejectedException.class);
        assertThat(JsonMapper.builder().build().readValue("\"\\u0000\"", String.class))
                .isEqualTo("\u0000");
    }
}
