package org.permitwatch.mock.server;

import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Minimal JSON writer for the mock's own types. Written by hand rather than through WireMock's shaded
 * Jackson so the wire format (offset timestamps with seconds, nulls kept, record field order) is exactly
 * the contract's and does not depend on a shaded library's defaults.
 */
public final class Json {

    /** ISO-8601 with seconds and offset, e.g. 2026-03-02T10:15:00+08:00 (OffsetDateTime.toString drops :00). */
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private static final Map<Class<?>, RecordComponent[]> COMPONENTS = new ConcurrentHashMap<>();

    private Json() {}

    public static String write(Object value) {
        StringBuilder sb = new StringBuilder(256);
        write(sb, value);
        return sb.toString();
    }

    static void write(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Double d) {
            sb.append(d.isNaN() || d.isInfinite() ? "null" : d.toString());
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof OffsetDateTime t) {
            string(sb, TIMESTAMP.format(t));
        } else if (v instanceof LocalDate d) {
            string(sb, d.toString());
        } else if (v instanceof Enum<?> e) {
            string(sb, e.name());
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof Iterable<?> it) {
            sb.append('[');
            boolean first = true;
            for (Object o : it) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(sb, o);
            }
            sb.append(']');
        } else if (v instanceof Record r) {
            sb.append('{');
            writeMembers(sb, r, true);
            sb.append('}');
        } else {
            string(sb, v.toString());
        }
    }

    /** Writes the record's components as members (without braces), for flattening summary + detail. */
    static boolean writeMembers(StringBuilder sb, Record r, boolean first) {
        RecordComponent[] components = COMPONENTS.computeIfAbsent(r.getClass(), Class::getRecordComponents);
        for (RecordComponent c : components) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            string(sb, c.getName());
            sb.append(':');
            try {
                write(sb, c.getAccessor().invoke(r));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c, e);
            }
        }
        return first;
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
