package org.permitwatch.reporting.catalog;

import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.DivisionCode;

/** Parsing and scope checks shared by the report endpoints; bad input becomes a 400 problem naming the parameter. */
public final class ReportRequests {

    private ReportRequests() {}

    /**
     * The division a report covers: the caller's when absent, otherwise one inside it. A division outside the
     * caller's is 403 (division codes are public knowledge, so naming one leaks nothing).
     */
    public static DivisionCode division(Caller caller, String field, String value) {
        if (value == null || value.isBlank()) {
            return caller.division();
        }
        if (!DivisionCode.isValid(value)) {
            throw ApiException.invalidField(field, "must be a 6-digit division code", value);
        }
        DivisionCode requested = DivisionCode.of(value);
        if (!caller.division().contains(requested)) {
            throw ApiException.forbidden(
                    "division-out-of-scope",
                    "division " + value + " lies outside the caller's division " + caller.division());
        }
        return requested;
    }

    public static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalidField(field, "is required (yyyy-MM-dd)", value);
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(field, "must be a date yyyy-MM-dd", value);
        }
    }

    public static YearMonth month(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalidField(field, "is required (yyyy-MM)", value);
        }
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(field, "must be a month yyyy-MM", value);
        }
    }

    public static int year(String field, Integer value) {
        if (value == null) {
            throw ApiException.invalidField(field, "is required", null);
        }
        if (value < 2000 || value > Year.MAX_VALUE || value > 2200) {
            throw ApiException.invalidField(field, "must be a year between 2000 and 2200", value);
        }
        return value;
    }

    /** "2027年6月1日". */
    public static String chineseDate(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    /** "2027年6月1日至2027年6月30日", or one date when both ends are the same day. */
    public static String chinesePeriod(LocalDate from, LocalDate to) {
        return from.equals(to) ? chineseDate(from) : chineseDate(from) + "至" + chineseDate(to);
    }
}
