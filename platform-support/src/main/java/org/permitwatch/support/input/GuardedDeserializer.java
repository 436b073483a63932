package org.permitwatch.support.input;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;

/**
 * Wraps Jackson's own deserializer of a text, date or free-form type and applies {@link InputRules} to what it
 * produced. Wrapping (rather than replacing) keeps every format option ({@code @JsonFormat}, leniency, coercions).
 */
final class GuardedDeserializer extends DelegatingDeserializer {

    GuardedDeserializer(ValueDeserializer<?> delegate) {
        super(delegate);
    }

    @Override
    protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> newDelegatee) {
        return new GuardedDeserializer(newDelegatee);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
        return check(p, super.deserialize(p, ctxt));
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt, Object intoValue) throws JacksonException {
        return check(p, super.deserialize(p, ctxt, intoValue));
    }

    static boolean guards(Class<?> type) {
        return type == String.class
                || JsonNode.class.isAssignableFrom(type)
                || type == LocalDate.class
                || type == LocalDateTime.class
                || type == OffsetDateTime.class
                || type == ZonedDateTime.class
                || type == Instant.class
                || type == YearMonth.class
                || type == Year.class;
    }

    /** Returns the value when it passes, else throws with the path inside the value (free-form maps and lists). */
    static Object check(JsonParser p, Object value) {
        Object[] inner = new Object[1];
        String problem = problem(value, inner, 0);
        if (problem == null) {
            return value;
        }
        InputRejectedException rejected = new InputRejectedException(p, problem);
        // The caller's path is prepended by the bean deserializers as the exception travels outwards.
        if (inner[0] instanceof List<?> path) {
            for (int i = path.size() - 1; i >= 0; i--) {
                Object step = path.get(i);
                if (step instanceof Integer index) {
                    rejected.prependPath(value, index);
                } else {
                    rejected.prependPath(value, (String) step);
                }
            }
        }
        return throwIt(rejected);
    }

    private static Object throwIt(InputRejectedException e) {
        throw e;
    }

    /** The rule broken by {@code value} or anything nested in it, recording the nested path in {@code at[0]}. */
    private static String problem(Object value, Object[] at, int depth) {
        if (value == null || depth > 64) {
            return null;
        }
        if (value instanceof CharSequence text) {
            return InputRules.hasForbiddenCharacter(text) ? InputRules.TEXT_MESSAGE : null;
        }
        Long year = yearOf(value);
        if (year != null) {
            return InputRules.yearAllowed(year) ? null : InputRules.DATE_MESSAGE;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (InputRules.hasForbiddenCharacter(key)) {
                    return InputRules.TEXT_MESSAGE;
                }
                String nested = problem(e.getValue(), at, depth + 1);
                if (nested != null) {
                    at[0] = prepend(key, at[0]);
                    return nested;
                }
            }
            return null;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String nested = problem(list.get(i), at, depth + 1);
                if (nested != null) {
                    at[0] = prepend(i, at[0]);
                    return nested;
                }
            }
            return null;
        }
        if (value instanceof JsonNode node) {
            return nodeProblem(node, at, depth);
        }
        return null;
    }

    private static String nodeProblem(JsonNode node, Object[] at, int depth) {
        if (node.isString()) {
            return InputRules.hasForbiddenCharacter(node.asString()) ? InputRules.TEXT_MESSAGE : null;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (InputRules.hasForbiddenCharacter(e.getKey())) {
                    return InputRules.TEXT_MESSAGE;
                }
                String nested = problem(e.getValue(), at, depth + 1);
                if (nested != null) {
                    at[0] = prepend(e.getKey(), at[0]);
                    return nested;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String nested = problem(node.get(i), at, depth + 1);
                if (nested != null) {
                    at[0] = prepend(i, at[0]);
                    return nested;
                }
            }
        }
        return null;
    }

    private static List<Object> prepend(Object step, Object rest) {
        java.util.ArrayList<Object> path = new java.util.ArrayList<>();
        path.add(step);
        if (rest instanceof List<?> tail) {
            path.addAll(tail);
        }
        return path;
    }

    private static Long yearOf(Object value) {
        if (value instanceof LocalDate d) {
            return (long) d.getYear();
        }
        if (value instanceof LocalDateTime t) {
            return (long) t.getYear();
        }
        if (value instanceof OffsetDateTime t) {
            return yearOf(t.toInstant());
        }
        if (value instanceof ZonedDateTime t) {
            return yearOf(t.toInstant());
        }
        if (value instanceof Instant t) {
            // Instant's range (±1e9 years) exceeds LocalDateTime's only at the extremes; compare seconds instead.
            long seconds = t.getEpochSecond();
            if (seconds < EARLIEST_SECOND) {
                return (long) InputRules.EARLIEST_YEAR - 1;
            }
            if (seconds >= AFTER_LATEST_SECOND) {
                return (long) InputRules.LATEST_YEAR + 1;
            }
            return (long) t.atOffset(ZoneOffset.UTC).getYear();
        }
        if (value instanceof YearMonth m) {
            return (long) m.getYear();
        }
        if (value instanceof Year y) {
            return (long) y.getValue();
        }
        return null;
    }

    private static final long EARLIEST_SECOND =
            InputRules.EARLIEST_DATE.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    private static final long AFTER_LATEST_SECOND =
            InputRules.LATEST_DATE.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
}
