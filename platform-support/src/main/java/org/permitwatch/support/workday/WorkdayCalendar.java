package org.permitwatch.support.workday;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chinese working days (工作日) as the State Council General Office publishes them each year
 * (国务院办公厅关于〈年份〉年部分节假日安排的通知): Monday to Friday, minus the listed holidays, plus the listed make-up
 * Saturdays and Sundays (调休上班). The arrangement is political, not computable (it follows the lunar calendar and
 * is decided each November for the next year), so it is data: one {@link WorkdayYear} file per year under
 * {@value #LOCATION}. A date in a year without a file throws {@link YearNotLoadedException} — counting such a year as
 * plain Monday–Friday would silently move statutory deadlines by up to a week around 春节 and 国庆.
 *
 * <p>Periods follow the 期间 rule of 《民法典》 art. 201 (开始的当日不计入，自下一日开始计算): "N working days after
 * day D" counts from the day after D, and its last day is itself a working day, so art. 203 (a period ending on a
 * holiday ends the day after it) needs no extra step.
 */
public final class WorkdayCalendar {

    /** Where the yearly files live on the classpath (one JSON per year, any file name). */
    public static final String LOCATION = "classpath*:permitwatch/workdays/*.json";

    private final Map<Integer, WorkdayYear> years;
    private final Set<LocalDate> holidays = new HashSet<>();
    private final Set<LocalDate> workingWeekends = new HashSet<>();

    public WorkdayCalendar(Collection<WorkdayYear> loaded) {
        Map<Integer, WorkdayYear> byYear = new HashMap<>();
        for (WorkdayYear year : loaded) {
            if (byYear.put(year.year(), year) != null) {
                throw new IllegalArgumentException("working-day calendar: year " + year.year() + " is loaded twice");
            }
            holidays.addAll(year.holidayDates());
            workingWeekends.addAll(year.workingWeekendDates());
        }
        this.years = Map.copyOf(byYear);
    }

    /** Every yearly file at {@link #LOCATION}; fails when there is none or one is malformed. */
    public static WorkdayCalendar fromClasspath(JsonMapper json) {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources(LOCATION);
            if (files.length == 0) {
                throw new IllegalStateException("no working-day calendar at " + LOCATION);
            }
            java.util.List<WorkdayYear> loaded = new java.util.ArrayList<>();
            for (Resource file : files) {
                try (InputStream in = file.getInputStream()) {
                    loaded.add(json.readValue(in, WorkdayYear.class));
                } catch (RuntimeException e) {
                    throw new IllegalStateException(
                            "working-day calendar " + file.getFilename() + ": " + e.getMessage(), e);
                }
            }
            return new WorkdayCalendar(loaded);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the working-day calendar at " + LOCATION, e);
        }
    }

    /** The years whose arrangement is loaded, ascending. */
    public SortedSet<Integer> years() {
        return new TreeSet<>(years.keySet());
    }

    public boolean covers(LocalDate day) {
        return years.containsKey(day.getYear());
    }

    /** Whether government offices work on that day; throws when the day's year is not loaded. */
    public boolean isWorkingDay(LocalDate day) {
        if (!covers(day)) {
            throw new YearNotLoadedException(day.getYear(), years());
        }
        if (holidays.contains(day)) {
            return false;
        }
        if (workingWeekends.contains(day)) {
            return true;
        }
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    /**
     * The {@code n}-th working day after {@code start} (the start day itself is not counted, whatever it is).
     * Throws when the count reaches a year that is not loaded.
     */
    public LocalDate plusWorkingDays(LocalDate start, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a period counts at least one working day: " + n);
        }
        LocalDate day = start;
        int counted = 0;
        while (counted < n) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /**
     * Working days in {@code (from, to]}: 0 when {@code to} is not after {@code from}. "Late by N working days" is
     * {@code workingDaysBetween(due, today)}; "due within N working days" is {@code workingDaysBetween(today, due) <= N}.
     */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }

    /** A date fell in a year whose State Council arrangement is not loaded: add its file, do not guess. */
    public static final class YearNotLoadedException extends IllegalStateException {

        private final int year;

        YearNotLoadedException(int year, SortedSet<Integer> loaded) {
            super("the working-day calendar has no arrangement for " + year + " (loaded: " + loaded
                    + "); add permitwatch/workdays/cn-" + year + ".json from the State Council General Office notice");
            this.year = year;
        }

        public int year() {
            return year;
        }
    }
}
