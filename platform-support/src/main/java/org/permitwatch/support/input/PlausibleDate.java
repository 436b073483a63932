package org.permitwatch.support.input;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A business date that must lie in a window that makes sense for its meaning: not before {@link #notBefore()} and
 * not more than {@link #yearsAhead()} years after today. Null passes (combine with {@code @NotNull}).
 * <p>
 * The global guard ({@link InputRules#EARLIEST_DATE}..{@link InputRules#LATEST_DATE}) only keeps out what PostgreSQL
 * cannot store or what no record of this platform can ever mean; this constraint is the field's own rule, e.g. a clue
 * requested by 1990-01-01 is storable but was typed by mistake. Works on {@code LocalDate}, {@code LocalDateTime},
 * {@code OffsetDateTime}, {@code ZonedDateTime} and {@code Instant} (compared by their date in the platform's zone).
 * Forms validated by hand call {@link PlausibleDateValidator#problem} with the same bounds.
 */
@Documented
@Constraint(validatedBy = PlausibleDateValidator.class)
@Target({
    ElementType.FIELD,
    ElementType.PARAMETER,
    ElementType.RECORD_COMPONENT,
    ElementType.METHOD,
    ElementType.TYPE_USE
})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlausibleDate {

    /** ISO date; the earliest accepted day. */
    String notBefore() default "2000-01-01";

    /** How many years after today the date may lie at most. */
    int yearsAhead() default 10;

    /** Empty: a message naming the window is built. */
    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
