package org.permitwatch.support.workday;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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
 * is decided each November for the next year), so it is data: one {@link WorkdayYear} file per year, on the classpath
 * ({@value #LOCATION}) and at the operators' external location ({@link WorkdayFiles}), re-read while the service runs.
 *
 * <p>Two ways to count (ADR 0044):
 * <ul>
 *   <li>{@link #isWorkingDay}, {@link #plusWorkingDays}, {@link #workingDaysBetween} are strict: a date in a year
 *       without a file throws {@link YearNotLoadedException}. Callers that may not guess use them (reporting's
 *       disclosure deadlines show "no due date" instead).</li>
 *   <li>{@link #deadline} never throws: a year without its file is counted <em>provisionally</em> — weekends and the
 *       fixed-date holidays of 《全国年节及纪念日放假办法》 with their 补假 ({@link #provisionalHolidays}) are off,
 *       every other day works —
 *       and the result says which years were guessed. A provisional date is never final: the caller keeps the right
 *       it bounds open until the year is loaded (inspection's procedure does).</li>
 * </ul>
 *
 * <p>Periods follow the 期间 rule of 《民法典》 art. 201 (开始的当日不计入，自下一日开始计算): "N working days after
 * day D" counts from the day after D, and its last day is itself a working day, so art. 203 (a period ending on a
 * holiday ends the day after it) needs no extra step. Calendar-day periods use {@link #onOrAfterWorkingDay} for it.
 *
 * <p>Thread-safe: the loaded years are one immutable snapshot, replaced whole by {@link #replace} when the files
 * change; every count reads one snapshot.
 */
public final class WorkdayCalendar {

    /** Where the shipped yearly files live on the classpath (one JSON per year, any file name). */
    public static final String LOCATION = "classpath*:permitwatch/workdays/*.json";

    /**
     * The holidays of 《全国年节及纪念日放假办法》 (as amended by the State Council's decision of November 2024, in force
     * 2025-01-01, 第二条) that fall on a fixed Gregorian date, one list per holiday: 元旦 1 January, 劳动节 1–2 May,
     * 国庆节 1–3 October. 春节 (除夕 to 初三), 清明节, 端午节 and 中秋节 follow the lunar calendar and the solar terms,
     * and the State Council's yearly notice decides how they are joined to weekends (调休); neither can be known before
     * the notice, so a provisional count omits them.
     */
    public static final List<List<MonthDay>> FIXED_HOLIDAYS = List.of(
            List.of(MonthDay.of(1, 1)),
            List.of(MonthDay.of(5, 1), MonthDay.of(5, 2)),
            List.of(MonthDay.of(10, 1), MonthDay.of(10, 2), MonthDay.of(10, 3)));

    /** The provisional days off of each year not loaded, computed once ({@link #provisionalHolidays}). */
    private static final Map<Integer, Set<LocalDate>> PROVISIONAL = new java.util.concurrent.ConcurrentHashMap<>();

    private volatile Snapshot snapshot;

    public WorkdayCalendar(Collection<WorkdayYear> loaded) {
        this.snapshot = Snapshot.of(loaded);
    }

    /** The shipped files at {@link #LOCATION}; fails when there is none or one is malformed. */
    public static WorkdayCalendar fromClasspath(JsonMapper json) {
        return new WorkdayCalendar(classpathYears(json));
    }

    /** The shipped years: a malformed shipped file is a build error, so this throws. */
    static List<WorkdayYear> classpathYears(JsonMapper json) {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources(LOCATION);
            if (files.length == 0) {
                throw new IllegalStateException("no working-day calendar at " + LOCATION);
            }
            List<WorkdayYear> loaded = new ArrayList<>();
            for (Resource file : files) {
                try (InputStream in = file.getInputStream()) {
                    loaded.add(WorkdayFiles.parse(json, file.getFilename(), in));
                }
            }
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the working-day calendar at " + LOCATION, e);
        }
    }

    /** Replaces the loaded years at once (the reloader calls it; counts in progress finish on the old snapshot). */
    public void replace(Collection<WorkdayYear> loaded) {
        this.snapshot = Snapshot.of(loaded);
    }

    /** The years whose arrangement is loaded, ascending. */
    public SortedSet<Integer> years() {
        return new TreeSet<>(snapshot.years.keySet());
    }

    /** The loaded arrangement of each year. */
    public Map<Integer, WorkdayYear> arrangements() {
        return snapshot.years;
    }

    public boolean covers(LocalDate day) {
        return snapshot.years.containsKey(day.getYear());
    }

    /** Whether government offices work on that day; throws when the day's year is not loaded. */
    public boolean isWorkingDay(LocalDate day) {
        return snapshot.isWorkingDay(day);
    }

    /**
     * The {@code n}-th working day after {@code start} (the start day itself is not counted, whatever it is).
     * Throws when the count reaches a year that is not loaded.
     */
    public LocalDate plusWorkingDays(LocalDate start, int n) {
        Snapshot s = snapshot;
        return count(start, n, s::isWorkingDay);
    }

    /**
     * The {@code n}-th working day after {@code start}, never refused: days of a year without its file are counted
     * provisionally (weekends and {@link #provisionalHolidays} off) and the result names those years.
     */
    public Deadline deadline(LocalDate start, int n) {
        Snapshot s = snapshot;
        SortedSet<Integer> guessed = new TreeSet<>();
        LocalDate day = count(start, n, d -> s.isWorkingDayOrGuess(d, guessed));
        return new Deadline(day, guessed);
    }

    /**
     * {@code day} if it is a working day, else the next working day: 《民法典》第二百零三条 for a period counted in
     * calendar days (期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日). Never refused: provisional
     * like {@link #deadline}.
     */
    public Deadline onOrAfterWorkingDay(LocalDate day) {
        Snapshot s = snapshot;
        SortedSet<Integer> guessed = new TreeSet<>();
        LocalDate d = day;
        while (!s.isWorkingDayOrGuess(d, guessed)) {
            d = d.plusDays(1);
        }
        return new Deadline(d, guessed);
    }

    /**
     * Working days in {@code (from, to]}: 0 when {@code to} is not after {@code from}. "Late by N working days" is
     * {@code workingDaysBetween(due, today)}; "due within N working days" is {@code workingDaysBetween(today, due) <= N}.
     * Strict: throws when a day lies in a year that is not loaded.
     */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        Snapshot s = snapshot;
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (s.isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }

    /**
     * The days off of a year counted provisionally, weekends aside: the {@link #FIXED_HOLIDAYS} and, for each of their
     * days that falls on a Saturday or Sunday, a 补假 on the next weekday after the holiday that is not itself off
     * (放假办法第六条: 全体公民放假的假日，如果适逢周六、周日，应当在工作日补假 — the Act does not say which working day;
     * the days right after the holiday are the State Council's practice and give the party the longer window).
     */
    public static Set<LocalDate> provisionalHolidays(int year) {
        return PROVISIONAL.computeIfAbsent(year, y -> {
            Set<LocalDate> off = new TreeSet<>();
            for (List<MonthDay> holiday : FIXED_HOLIDAYS) {
                holiday.forEach(md -> off.add(md.atYear(y)));
            }
            for (List<MonthDay> holiday : FIXED_HOLIDAYS) {
                int owed = 0;
                for (MonthDay md : holiday) {
                    owed += weekend(md.atYear(y)) ? 1 : 0;
                }
                LocalDate day = holiday.get(holiday.size() - 1).atYear(y);
                while (owed > 0) {
                    day = day.plusDays(1);
                    if (!weekend(day) && off.add(day)) {
                        owed--;
                    }
                }
            }
            return Collections.unmodifiableSet(off);
        });
    }

    private static LocalDate count(LocalDate start, int n, java.util.function.Predicate<LocalDate> working) {
        if (n < 1) {
            throw new IllegalArgumentException("a period counts at least one working day: " + n);
        }
        LocalDate day = start;
        int counted = 0;
        while (counted < n) {
            day = day.plusDays(1);
            if (working.test(day)) {
                counted++;
            }
        }
        return day;
    }

    private static boolean weekend(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
    }

    /**
     * A day counted on the calendar. {@code provisionalYears} are the years the count had to guess (no file loaded):
     * empty means the date is final.
     */
    public record Deadline(LocalDate day, SortedSet<Integer> provisionalYears) {

        public Deadline {
            provisionalYears = Collections.unmodifiableSortedSet(new TreeSet<>(provisionalYears));
        }

        public boolean provisional() {
            return !provisionalYears.isEmpty();
        }

        /** Why the date is provisional, in the words the console shows (Chinese); null when final. */
        public String reason() {
            if (!provisional()) {
                return null;
            }
            return "国务院办公厅" + provisionalYears.first() + "年部分节假日安排尚未载入，暂按周末及元旦、劳动节、国庆节法定日期（含补假）计算"
                    + "（春节、清明、端午、中秋及调休未计入）";
        }
    }

    private record Snapshot(Map<Integer, WorkdayYear> years, Set<LocalDate> holidays, Set<LocalDate> workingWeekends) {

        static Snapshot of(Collection<WorkdayYear> loaded) {
            Map<Integer, WorkdayYear> byYear = new HashMap<>();
            Set<LocalDate> holidays = new HashSet<>();
            Set<LocalDate> workingWeekends = new HashSet<>();
            for (WorkdayYear year : loaded) {
                if (byYear.put(year.year(), year) != null) {
                    throw new IllegalArgumentException(
                            "working-day calendar: year " + year.year() + " is loaded twice");
                }
                holidays.addAll(year.holidayDates());
                workingWeekends.addAll(year.workingWeekendDates());
            }
            return new Snapshot(Map.copyOf(byYear), Set.copyOf(holidays), Set.copyOf(workingWeekends));
        }

        boolean isWorkingDay(LocalDate day) {
            if (!years.containsKey(day.getYear())) {
                throw new YearNotLoadedException(day.getYear(), new TreeSet<>(years.keySet()));
            }
            if (holidays.contains(day)) {
                return false;
            }
            return workingWeekends.contains(day) || !weekend(day);
        }

        boolean isWorkingDayOrGuess(LocalDate day, Set<Integer> guessed) {
            if (years.containsKey(day.getYear())) {
                return isWorkingDay(day);
            }
            guessed.add(day.getYear());
            return !weekend(day) && !provisionalHolidays(day.getYear()).contains(day);
        }
    }

    /** A date fell in a year whose State Council arrangement is not loaded: add its file, do not guess. */
    public static final class YearNotLoadedException extends IllegalStateException {

        private final int year;

        YearNotLoadedException(int year, SortedSet<Integer> loaded) {
            super("the working-day calendar has no arrangement for " + year + " (loaded: " + loaded
                    + "); add cn-" + year + ".json from the State Council General Office notice to"
                    + " permitwatch.workdays.location (docs/operations/workday-calendar.md)");
            this.year = year;
        }

        public int year() {
            return year;
        }
    }
}
