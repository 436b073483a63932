package org.permitwatch.events.contract;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A deterministic, fully populated instance of an event record: every component gets a non-null value derived from
 * its name and type, lists one element, maps one entry, so the golden JSON shows every field a consumer may read.
 */
final class SampleEvents {

    private static final OffsetDateTime INSTANT = OffsetDateTime.of(2026, 3, 1, 8, 30, 0, 0, ZoneOffset.ofHours(8));

    private SampleEvents() {}

    static Object sample(Class<?> recordType) {
        RecordComponent[] components = recordType.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(components[i].getName(), components[i].getGenericType());
        }
        try {
            Constructor<?> canonical = recordType.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a sample of " + recordType.getName(), e);
        }
    }

    private static Object value(String name, Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                return List.of(value(name, arguments[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                Map<Object, Object> map = new LinkedHashMap<>();
                map.put(value(name + "Key", arguments[0]), value(name, arguments[1]));
                return map;
            }
            throw new IllegalStateException("no sample for " + type + " (" + name + "): extend SampleEvents");
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return name + "-sample";
        }
        if (c == UUID.class) {
            return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
        }
        if (c == int.class || c == Integer.class) {
            return 7;
        }
        if (c == long.class || c == Long.class) {
            return 42L;
        }
        if (c == boolean.class || c == Boolean.class) {
            return true;
        }
        if (c == double.class || c == Double.class) {
            return 1.5d;
        }
        if (c == BigDecimal.class) {
            return new BigDecimal("50000.00");
        }
        if (c == LocalDate.class) {
            return INSTANT.toLocalDate();
        }
        if (c == OffsetDateTime.class) {
            return INSTANT;
        }
        if (c == Instant.class) {
            return INSTANT.toInstant();
        }
        if (c.isEnum()) {
            return c.getEnumConstants()[0];
        }
        if (c.isRecord()) {
            return sample(c);
        }
        if (c == Object.class) {
            // an untyped JSON value (MonitoringAlertChanged.parameters: rule parameters such as minHours=4); an
            // integer reads back as the same Integer, so the round trip stays exact
            return 4;
        }
        throw new IllegalStateException("no sample for " + c.getName() + " (" + name + "): extend SampleEvents");
    }
}
