package org.permitwatch.k8spolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.permitwatch.events.Topics;

/**
 * Every topic the code uses has a KafkaTopic (in overlays that run Kafka on Strimzi): the constants of
 * {@link Topics}, any topic-shaped string literal in a module's main sources, and the dead-letter topic of each.
 * Also checks that permit-sync's NewTopic settings (DIRECTORY_TOPIC_*) equal the KafkaTopic, since the app's
 * KafkaAdmin would otherwise add partitions behind the Topic Operator's back.
 */
final class TopicPolicy {

    /** {@code <context>.<aggregate>.events.v<major>} (ADR 0001), optionally with the DLT suffix. */
    private static final Pattern TOPIC_LITERAL = Pattern.compile("\"([a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.events\\.v\\d+)\"");

    /** Topics the code names: {@link Topics} constants plus literals found under {@code <module>/src/main/java}. */
    static Set<String> topicsInCode(Path repositoryRoot) {
        Set<String> topics = new TreeSet<>();
        for (Field field : Topics.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())
                    && field.getType() == String.class
                    && !field.getName().equals("DLT_SUFFIX")) {
                try {
                    topics.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        try (Stream<Path> files = Files.walk(repositoryRoot)) {
            files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/")
                            && !p.toString().contains("/target/"))
                    .forEach(p -> {
                        Matcher m = TOPIC_LITERAL.matcher(read(p));
                        while (m.find()) {
                            topics.add(m.group(1));
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Every consumed topic may dead-letter (platform-support's error handler sends to <topic>.dlt).
        return topics.stream().flatMap(t -> Stream.of(t, Topics.dlt(t))).collect(Collectors.toCollection(TreeSet::new));
    }

    List<Violation> validate(RenderedOverlay overlay, Set<String> required) {
        List<Violation> out = new ArrayList<>();
        if (overlay.ofKind("Kafka").findAny().isEmpty()) {
            return out; // external Kafka: topics are created there by its operators (docs/kubernetes.md)
        }
        Map<String, Manifest> declared = overlay.ofKind("KafkaTopic")
                .collect(Collectors.toMap(t -> t.string("spec", "topicName").orElse(t.name()), t -> t, (a, b) -> a));
        for (String topic : required) {
            if (!declared.containsKey(topic)) {
                out.add(new Violation(
                        "topic.missing",
                        "KafkaTopic/" + topic,
                        "the code uses " + topic + " but no KafkaTopic declares it"));
            }
        }
        Optional<Manifest> directory = Optional.ofNullable(declared.get(Topics.DIRECTORY_UNITS));
        Optional<Manifest> config = overlay.ofKind("ConfigMap")
                .filter(c -> c.name().equals("permit-sync-config"))
                .findFirst();
        if (directory.isPresent() && config.isPresent()) {
            compare(directory.get(), config.get(), "partitions", "DIRECTORY_TOPIC_PARTITIONS", out);
            compare(directory.get(), config.get(), "replicas", "DIRECTORY_TOPIC_REPLICAS", out);
            if (!"compact"
                    .equals(directory
                            .get()
                            .string("spec", "config", "cleanup.policy")
                            .orElse(""))) {
                out.add(new Violation(
                        "topic.config", directory.get().id(), "the directory changelog must be compacted"));
            }
        }
        return out;
    }

    private static void compare(Manifest topic, Manifest config, String field, String key, List<Violation> out) {
        String inTopic = topic.string("spec", field).orElse("?");
        String inConfig = config.string("data", key).orElse("?");
        if (!inTopic.equals(inConfig)) {
            out.add(new Violation(
                    "topic.app-mismatch",
                    topic.id(),
                    "spec." + field + " " + inTopic + " but permit-sync's " + key + " is " + inConfig));
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
