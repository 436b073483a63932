package org.permitwatch.events.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.permitwatch.events.Topics;

/**
 * Every event payload type of platform-events, found on disk rather than listed by hand, so a new event cannot be
 * added without a contract: a record with a {@code public static final String TYPE} (its CloudEvents {@code ce_type}).
 */
final class EventCatalog {

    private EventCatalog() {}

    /** An event payload type and its {@code ce_type}. */
    record EventType(Class<? extends Record> type, String ceType) {}

    static List<EventType> all() {
        Path root = classesRoot();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> root.relativize(p).toString())
                    .map(name ->
                            name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .map(EventCatalog::load)
                    .filter(Class::isRecord)
                    .map(EventCatalog::eventType)
                    .filter(t -> t != null)
                    .sorted(Comparator.comparing(EventType::ceType))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every record reachable from the events, nested ones included (they are part of the wire format too). */
    static List<Class<?>> allRecords() {
        Path root = classesRoot();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> root.relativize(p).toString())
                    .map(name ->
                            name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .<Class<?>>map(EventCatalog::load)
                    .filter(Class::isRecord)
                    .sorted(Comparator.comparing(Class::getName))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static EventType eventType(Class<?> type) {
        try {
            Field field = type.getField("TYPE");
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
                return null;
            }
            return new EventType((Class<? extends Record>) type, (String) field.get(null));
        } catch (NoSuchFieldException e) {
            return null;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, EventCatalog.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** target/classes of platform-events: where {@link Topics} was loaded from. */
    private static Path classesRoot() {
        try {
            return Path.of(Topics.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
