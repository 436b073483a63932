package org.permitwatch.support.input;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.permitwatch.support.problem.FieldProblem;

/** Checks {@link PlausibleDate}; also usable from hand-written form validation through {@link #problem}. */
public class PlausibleDateValidator implements ConstraintValidator<PlausibleDate, Object> {

    private LocalDate notBefore;
    private int yearsAhead;
    private String message;

    @Override
    public void initialize(PlausibleDate annotation) {
        notBefore = LocalDate.parse(annotation.notBefore());
        yearsAhead = annotation.yearsAhead();
        message = annotation.message();
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        LocalDate day = dayOf(value);
        if (day == null || within(day, notBefore, yearsAhead, InputRules.clock())) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(
                        escape(message.isEmpty() ? describe(notBefore, yearsAhead, InputRules.clock()) : message))
                .addConstraintViolation();
        return false;
    }

    /**
     * The same rule for forms validated in code: a problem naming {@code field}, or null when the date is fine.
     */
    public static FieldProblem problem(String field, Object value, LocalDate notBefore, int yearsAhead) {
        LocalDate day = dayOf(value);
        if (day == null || within(day, notBefore, yearsAhead, InputRules.clock())) {
            return null;
        }
        return new FieldProblem(field, describe(notBefore, yearsAhead, InputRules.clock()), day.toString());
    }

    static boolean within(LocalDate day, LocalDate notBefore, int yearsAhead, Clock clock) {
        return !day.isBefore(notBefore) && !day.isAfter(LocalDate.now(clock).plusYears(yearsAhead));
    }

    static String describe(LocalDate notBefore, int yearsAhead, Clock clock) {
        return "must be between " + notBefore + " and " + LocalDate.now(clock).plusYears(yearsAhead) + " (at most "
                + yearsAhead + " years ahead)";
    }

    private static LocalDate dayOf(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof LocalDateTime t) {
            return t.toLocalDate();
        }
        if (value instanceof OffsetDateTime t) {
            return t.atZoneSameInstant(InputRules.ZONE).toLocalDate();
        }
        if (value instanceof ZonedDateTime t) {
            return t.withZoneSameInstant(InputRules.ZONE).toLocalDate();
        }
        if (value instanceof Instant t) {
            return t.atZone(InputRules.ZONE).toLocalDate();
        }
        return null;
    }

    /** Bean validation interpolates {@code {}} and {@code $}; our messages are plain text. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\")
                .replace("{", "\\{")
                .replace("}", "\\}")
                .replace("$", "\\$");
    }
}
