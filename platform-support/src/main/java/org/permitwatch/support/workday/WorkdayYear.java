package org.permitwatch.support.workday;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One year's 部分节假日安排 as published by the State Council General Office.
 *
 * @param year            the calendar year
 * @param title           the notice's title
 * @param documentNumber  its 文号 where known (e.g. 国办发明电〔2024〕12号), else null
 * @param issuedOn        the day the notice was issued
 * @param source          where the dates were taken from and when they were checked
 * @param holidays        the 放假 ranges (inclusive), weekends inside them included
 * @param workingWeekends the Saturdays and Sundays declared working days (调休上班)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkdayYear(
        int year,
        String title,
        String documentNumber,
        LocalDate issuedOn,
        String source,
        List<Holiday> holidays,
        List<WorkingWeekend> workingWeekends) {

    public WorkdayYear {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException(year + ": every year states its source");
        }
        if (year < 2000 || year > 2100) {
            throw new IllegalArgumentException("year " + year + " is not a plausible arrangement year");
        }
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        workingWeekends = workingWeekends == null ? List.of() : List.copyOf(workingWeekends);
        if (holidays.isEmpty()) {
            // Every arrangement lists at least 元旦: an empty list is a truncated or wrong file, not a year without
            // holidays.
            throw new IllegalArgumentException(year + ": the arrangement lists no holiday");
        }
        for (Holiday h : holidays) {
            if (h.from() == null
                    || h.to() == null
                    || h.to().isBefore(h.from())
                    || h.from().getYear() != year
                    || h.to().getYear() != year) {
                throw new IllegalArgumentException(
                        year + ": holiday " + h.name() + " must lie inside the year, from <= to");
            }
        }
        List<LocalDate> off = dates(holidays);
        if (new java.util.HashSet<>(off).size() != off.size()) {
            // Overlapping ranges are a typo in one of them (the notice never lists a day twice).
            throw new IllegalArgumentException(year + ": holiday ranges overlap");
        }
        if (workingWeekends.stream().map(WorkingWeekend::date).distinct().count() != workingWeekends.size()) {
            throw new IllegalArgumentException(year + ": a make-up working day is listed twice");
        }
        for (WorkingWeekend w : workingWeekends) {
            if (w.date() == null || w.date().getYear() != year) {
                throw new IllegalArgumentException(
                        year + ": make-up working day " + w.date() + " must lie inside the year");
            }
            DayOfWeek dow = w.date().getDayOfWeek();
            if (dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY) {
                // A typo here would turn a normal weekday into nothing; a make-up day is always a weekend day.
                throw new IllegalArgumentException(year + ": make-up working day " + w.date() + " is a " + dow);
            }
            if (off.contains(w.date())) {
                throw new IllegalArgumentException(year + ": " + w.date() + " is both a holiday and a working day");
            }
        }
    }

    List<LocalDate> holidayDates() {
        return dates(holidays);
    }

    // Compact constructors cannot read the record's fields yet, hence a static helper.
    private static List<LocalDate> dates(List<Holiday> ranges) {
        List<LocalDate> days = new ArrayList<>();
        for (Holiday h : ranges) {
            for (LocalDate d = h.from(); !d.isAfter(h.to()); d = d.plusDays(1)) {
                days.add(d);
            }
        }
        return days;
    }

    List<LocalDate> workingWeekendDates() {
        return workingWeekends.stream().map(WorkingWeekend::date).toList();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Holiday(String name, LocalDate from, LocalDate to) {}

    /** @param forHoliday the holiday the day makes up for */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WorkingWeekend(
            LocalDate date, @JsonProperty("for") String forHoliday) {}
}
