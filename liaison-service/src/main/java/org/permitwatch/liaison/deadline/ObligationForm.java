package org.permitwatch.liaison.deadline;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.permitwatch.support.input.PlausibleDateValidator;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.problem.ProblemCodes;

/**
 * Body of POST and PUT {@code /api/v1/deadlines}: ONCE needs {@code dueDate}; MONTHLY needs {@code dueDay},
 * {@code firstMonth} and {@code lastMonth} (YYYY-MM, at most 36 months).
 */
record ObligationForm(
        String code,
        String title,
        String description,
        String recurrence,
        String dueDate,
        Integer dueDay,
        String firstMonth,
        String lastMonth) {

    private static final Pattern CODE = Pattern.compile("[A-Z0-9_\\-]{2,60}");
    private static final int MAX_MONTHS = 36;
    /**
     * Reporting deadlines are set for this year's and the next few years' campaigns; the strings are parsed here, so
     * the platform's date guard does not see them and the shared rule is applied by hand.
     */
    private static final LocalDate NOT_BEFORE = LocalDate.of(2000, 1, 1);

    private static final int YEARS_AHEAD = 5;

    record Valid(
            String code,
            String title,
            String description,
            Recurrence recurrence,
            LocalDate dueDate,
            Integer dueDay,
            YearMonth firstMonth,
            YearMonth lastMonth) {}

    Valid validated() {
        List<FieldProblem> problems = new ArrayList<>();
        if (code == null || !CODE.matcher(code).matches()) {
            problems.add(new FieldProblem("code", "2 to 60 upper-case letters, digits, '_' or '-'", code));
        }
        if (title == null || title.isBlank() || title.length() > 200) {
            problems.add(new FieldProblem("title", "is required, at most 200 characters", null));
        }
        if (description != null && description.length() > 2000) {
            problems.add(new FieldProblem("description", "at most 2000 characters", null));
        }
        Recurrence parsed = null;
        try {
            parsed = recurrence == null ? null : Recurrence.valueOf(recurrence);
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        LocalDate due = null;
        YearMonth first = null;
        YearMonth last = null;
        if (parsed == null) {
            problems.add(new FieldProblem("recurrence", "must be ONCE or MONTHLY", recurrence));
        } else if (parsed == Recurrence.ONCE) {
            due = date(dueDate, problems);
        } else {
            if (dueDay == null || dueDay < 1 || dueDay > 31) {
                problems.add(new FieldProblem("dueDay", "must be a day of the month, 1 to 31", dueDay));
            }
            first = month("firstMonth", firstMonth, problems);
            last = month("lastMonth", lastMonth, problems);
            if (first != null
                    && last != null
                    && (last.isBefore(first) || first.plusMonths(MAX_MONTHS - 1).isBefore(last))) {
                problems.add(new FieldProblem(
                        "lastMonth",
                        "must be on or after firstMonth, at most " + MAX_MONTHS + " months later",
                        lastMonth));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(ProblemCodes.VALIDATION_FAILED, "deadline is invalid", problems);
        }
        return new Valid(
                code,
                title.trim(),
                description == null || description.isBlank() ? null : description.trim(),
                parsed,
                due,
                parsed == Recurrence.MONTHLY ? dueDay : null,
                first,
                last);
    }

    private static LocalDate date(String value, List<FieldProblem> problems) {
        try {
            LocalDate parsed = LocalDate.parse(value);
            FieldProblem implausible = PlausibleDateValidator.problem("dueDate", parsed, NOT_BEFORE, YEARS_AHEAD);
            if (implausible != null) {
                problems.add(implausible);
                return null;
            }
            return parsed;
        } catch (DateTimeParseException | NullPointerException e) {
            problems.add(new FieldProblem("dueDate", "must be a date (YYYY-MM-DD)", value));
            return null;
        }
    }

    private static YearMonth month(String field, String value, List<FieldProblem> problems) {
        try {
            YearMonth parsed = YearMonth.parse(value);
            FieldProblem implausible = PlausibleDateValidator.problem(field, parsed.atDay(1), NOT_BEFORE, YEARS_AHEAD);
            if (implausible != null) {
                problems.add(new FieldProblem(field, implausible.message(), value));
                return null;
            }
            return parsed;
        } catch (DateTimeParseException | NullPointerException e) {
            problems.add(new FieldProblem(field, "must be a month (YYYY-MM)", value));
            return null;
        }
    }
}
