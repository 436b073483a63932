package org.permitwatch.support.problem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.permitwatch.support.input.InputRejectedException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Plain messages for values of the wrong shape: what was expected, in the caller's terms. Jackson's and Spring's own
 * messages name Java types ({@code java.util.UUID}, {@code org.permitwatch.liaison.clue.Department}) and so leak the
 * implementation; nothing from them reaches a problem.
 */
final class ExpectedValue {

    private ExpectedValue() {}

    /** "must be a UUID", "must be one of A, B" — for a parameter or body value of type {@code type}. */
    static String of(Class<?> type) {
        if (type == null) {
            return "has an invalid value";
        }
        if (type.isEnum()) {
            return "must be one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(c -> ((Enum<?>) c).name())
                            .collect(Collectors.joining(", "));
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (type == LocalDate.class) {
            return "must be a date (yyyy-MM-dd)";
        }
        if (type == OffsetDateTime.class || type == ZonedDateTime.class || type == Instant.class) {
            return "must be a date-time with an offset (yyyy-MM-ddTHH:mm:ss+08:00)";
        }
        if (type == LocalDateTime.class) {
            return "must be a date-time (yyyy-MM-ddTHH:mm:ss)";
        }
        if (type == LocalTime.class) {
            return "must be a time (HH:mm or HH:mm:ss)";
        }
        if (type == YearMonth.class) {
            return "must be a month (yyyy-MM)";
        }
        if (type == Year.class) {
            return "must be a year (yyyy)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Short.class
                || type == short.class
                || type == Byte.class
                || type == byte.class
                || type == java.math.BigInteger.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "must be a number";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "must be a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
            return "must be an object";
        }
        return "has an invalid value";
    }

    /** The message for a JSON value Jackson could not read. */
    static String of(JacksonException error) {
        if (error instanceof InputRejectedException rejected) {
            return rejected.plainMessage();
        }
        if (error instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (error instanceof ValueInstantiationException) {
            return "has an invalid value";
        }
        if (error instanceof MismatchedInputException mismatch) {
            return of(mismatch.getTargetType());
        }
        if (error instanceof StreamReadException) {
            return "is not valid JSON";
        }
        return "has an invalid value";
    }
}
