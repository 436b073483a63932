package org.permitwatch.events.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.permitwatch.events.CloudEventHeaders;
import org.permitwatch.events.contract.EventCatalog.EventType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event contracts. Events are kept forever (compacted and replayed topics) and rebuilt into read models years
 * later, so their JSON is a published interface:
 * <ul>
 *   <li>{@code contracts/current/<ce_type>.json} is the exact JSON a producer writes for a fully populated sample of
 *       the type today, read back by the type consumers use; any change to it shows up in review.</li>
 *   <li>{@code contracts/v1/<ce_type>.json} is the contract as first published, never edited. A v1 type may only grow:
 *       every field of the baseline must still be written with the same JSON type, and the baseline (an old event on
 *       the topic) must still be readable, every value surviving. Removing or retyping a field needs a v2 type.</li>
 * </ul>
 * Regenerate {@code current/} (and create the baseline of a new type) with
 * {@code ./mvnw -pl platform-events test -Dcontracts.update=true}; baselines are never overwritten.
 */
class EventContractTest {

    /** As the services' JsonMapper (Spring Boot 4: Jackson 3 defaults, modules found on the class path). */
    private static final JsonMapper JSON =
            JsonMapper.builder().findAndAddModules().build();

    private static final JsonMapper PRETTY = JsonMapper.builder()
            .findAndAddModules()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private static final Path CONTRACTS = Path.of("src/test/resources/contracts");
    private static final boolean UPDATE = Boolean.getBoolean("contracts.update");

    @Test
    void everyEventTypeIsFoundAndNamedByConvention() {
        List<EventType> events = EventCatalog.all();
        // 18 event types existed when this test was written (grep -l "String TYPE = " in platform-events, minus
        // CloudEventHeaders); fewer means the scan lost some and the contracts below would silently cover less.
        assertThat(events).hasSizeGreaterThanOrEqualTo(18);
        Set<String> seen = new HashSet<>();
        for (EventType event : events) {
            assertThat(event.ceType())
                    .as("ce_type of %s: org.permitwatch.<context>.<aggregate>.<happened>.v<major>", event.type())
                    .matches("org\\.permitwatch\\.[a-z]+(\\.[a-z-]+){2,}\\.v[1-9][0-9]*");
            assertThat(seen.add(event.ceType()))
                    .as("ce_type %s used twice", event.ceType())
                    .isTrue();
        }
    }

    @Test
    void everyRecordOnTheWireToleratesFieldsItDoesNotKnow() {
        // A consumer deployed before a producer's additive change must keep reading: every record, nested ones too.
        List<String> strict = EventCatalog.allRecords().stream()
                .filter(c -> Modifier.isPublic(c.getModifiers()))
                .filter(c -> {
                    JsonIgnoreProperties ignore = c.getAnnotation(JsonIgnoreProperties.class);
                    return ignore == null || !ignore.ignoreUnknown();
                })
                .map(Class::getName)
                .toList();
        assertThat(strict)
                .as("records without @JsonIgnoreProperties(ignoreUnknown = true)")
                .isEmpty();
    }

    @Test
    void cloudEventsHeadersAreTheKafkaBindingNames() {
        // CloudEvents 1.0 Kafka protocol binding, binary content mode: attributes as "ce_" headers,
        // datacontenttype as the plain "content-type" header. Consumers outside PermitWatch read these names.
        assertThat(List.of(
                        CloudEventHeaders.SPEC_VERSION,
                        CloudEventHeaders.ID,
                        CloudEventHeaders.TYPE,
                        CloudEventHeaders.SOURCE,
                        CloudEventHeaders.SUBJECT,
                        CloudEventHeaders.TIME))
                .containsExactly("ce_specversion", "ce_id", "ce_type", "ce_source", "ce_subject", "ce_time");
        assertThat(CloudEventHeaders.CONTENT_TYPE).isEqualTo("content-type");
        assertThat(CloudEventHeaders.SPEC_VERSION_VALUE).isEqualTo("1.0");
        assertThat(CloudEventHeaders.JSON).isEqualTo("application/json");
    }

    @TestFactory
    Stream<DynamicTest> currentContractIsExactlyWhatIsWritten() {
        return EventCatalog.all().stream()
                .map(event -> DynamicTest.dynamicTest(event.ceType(), () -> {
                    Object sample = SampleEvents.sample(event.type());
                    JsonNode written = JSON.readTree(JSON.writeValueAsString(sample));
                    Path file = CONTRACTS.resolve("current").resolve(event.ceType() + ".json");
                    if (UPDATE) {
                        write(file, written);
                        Path baseline = CONTRACTS.resolve("v1").resolve(event.ceType() + ".json");
                        if (!Files.exists(baseline)) {
                            write(baseline, written);
                        }
                    }
                    if (!Files.exists(file)) {
                        fail(
                                "no contract for %s: run with -Dcontracts.update=true and review %s",
                                event.ceType(), file);
                    }
                    JsonNode golden = JSON.readTree(Files.readString(file));
                    assertThat(written)
                            .as(
                                    "%s differs from %s (regenerate with -Dcontracts.update=true if intended)",
                                    event.ceType(), file)
                            .isEqualTo(golden);
                    // Read back by the consumers' type, nothing lost.
                    Object read = JSON.readValue(Files.readString(file), event.type());
                    List<String> lost = new ArrayList<>();
                    compareValues("", golden, JSON.readTree(JSON.writeValueAsString(read)), lost);
                    assertThat(lost)
                            .as("values of %s lost when read back by its type", event.ceType())
                            .isEmpty();
                }));
    }

    @TestFactory
    Stream<DynamicTest> v1OnlyGrows() {
        return EventCatalog.all().stream()
                .map(event -> DynamicTest.dynamicTest(event.ceType(), () -> {
                    Path baseline = CONTRACTS.resolve("v1").resolve(event.ceType() + ".json");
                    if (UPDATE && !Files.exists(baseline)) {
                        write(baseline, JSON.readTree(JSON.writeValueAsString(SampleEvents.sample(event.type()))));
                    }
                    if (!Files.exists(baseline)) {
                        fail(
                                "no v1 baseline for %s: run with -Dcontracts.update=true once, then never edit it",
                                event.ceType());
                    }
                    String old = Files.readString(baseline);
                    JsonNode oldTree = JSON.readTree(old);
                    JsonNode now = JSON.readTree(JSON.writeValueAsString(SampleEvents.sample(event.type())));
                    List<String> broken = new ArrayList<>();
                    compareShape("", oldTree, now, broken);
                    assertThat(broken)
                            .as(
                                    "%s is no longer compatible with its v1 contract: additive changes only, "
                                            + "or publish a v2 type",
                                    event.ceType())
                            .isEmpty();
                    // An old event on the topic is still readable by today's type, every value it carried surviving.
                    Object read = JSON.readValue(old, event.type());
                    JsonNode reread = JSON.readTree(JSON.writeValueAsString(read));
                    List<String> lost = new ArrayList<>();
                    compareValues("", oldTree, reread, lost);
                    assertThat(lost)
                            .as("values of an old %s event lost when read today", event.ceType())
                            .isEmpty();
                }));
    }

    /** Every field of {@code old} is still written, with the same JSON type (numbers are one type). */
    private static void compareShape(String path, JsonNode old, JsonNode now, List<String> broken) {
        if (now == null || now.isMissingNode()) {
            broken.add(path + " removed");
            return;
        }
        if (kind(old) != kind(now) && !old.isNull()) {
            broken.add(path + " was " + kind(old) + ", now " + kind(now));
            return;
        }
        if (old.isObject()) {
            for (Map.Entry<String, JsonNode> field : old.properties()) {
                compareShape(path + "/" + field.getKey(), field.getValue(), now.get(field.getKey()), broken);
            }
        } else if (old.isArray() && !old.isEmpty() && !now.isEmpty()) {
            compareShape(path + "/0", old.get(0), now.get(0), broken);
        }
    }

    private static void compareValues(String path, JsonNode old, JsonNode reread, List<String> lost) {
        if (old.isObject()) {
            for (Map.Entry<String, JsonNode> field : old.properties()) {
                JsonNode value = reread.get(field.getKey());
                if (value == null) {
                    lost.add(path + "/" + field.getKey());
                } else {
                    compareValues(path + "/" + field.getKey(), field.getValue(), value, lost);
                }
            }
        } else if (old.isArray()) {
            for (int i = 0; i < old.size(); i++) {
                if (i >= reread.size()) {
                    lost.add(path + "/" + i);
                } else {
                    compareValues(path + "/" + i, old.get(i), reread.get(i), lost);
                }
            }
        } else if (!sameValue(old, reread)) {
            lost.add(path + " was " + old + ", read as " + reread);
        }
    }

    /**
     * Numbers by value; timestamps by instant. Jackson reads an OffsetDateTime into UTC by default
     * (ADJUST_DATES_TO_CONTEXT_TIME_ZONE), so a consumer gets {@code 00:30Z} for a producer's {@code 08:30+08:00}:
     * the instant survives, the offset does not — consumers must take calendar dates in the bureau's zone, never from
     * the offset of the value they read.
     */
    private static boolean sameValue(JsonNode old, JsonNode reread) {
        if (old.isNumber() && reread.isNumber()) {
            return old.decimalValue().compareTo(reread.decimalValue()) == 0;
        }
        if (old.isString()
                && reread.isString()
                && TIMESTAMP.matcher(old.asString()).matches()) {
            try {
                return OffsetDateTime.parse(old.asString())
                        .toInstant()
                        .equals(OffsetDateTime.parse(reread.asString()).toInstant());
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return old.equals(reread);
    }

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.*");

    private static String kind(JsonNode node) {
        return node.isNumber() ? "NUMBER" : node.getNodeType().name();
    }

    private static void write(Path file, JsonNode tree) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, PRETTY.writeValueAsString(tree) + "\n", StandardCharsets.UTF_8);
    }
}
