package org.permitwatch.support.workday;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipped calendar against days counted by hand on a paper calendar from the State Council notices for 2025
 * (国办发明电〔2024〕12号) and 2026 (issued 2025-11-04). Each expected date is worked out in the comment next to it.
 */
class WorkdayCalendarTest {

    final WorkdayCalendar calendar =
            WorkdayCalendar.fromClasspath(JsonMapper.builder().build());

    static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void shipsTheYearsItWasCheckedFor() {
        assertThat(calendar.years()).containsExactly(2025, 2026);
    }

    @Test
    void holidaysAreOffAndMakeUpWeekendsAreWorkingDays() {
        assertThat(calendar.isWorkingDay(d("2026-02-16"))).isFalse(); // Monday inside 春节 2.15–2.23
        assertThat(calendar.isWorkingDay(d("2026-02-14"))).isTrue(); // Saturday, 调休上班
        assertThat(calendar.isWorkingDay(d("2026-02-28"))).isTrue(); // Saturday, 调休上班
        assertThat(calendar.isWorkingDay(d("2026-03-07"))).isFalse(); // an ordinary Saturday
        assertThat(calendar.isWorkingDay(d("2026-09-25"))).isFalse(); // Friday, 中秋节
        assertThat(calendar.isWorkingDay(d("2026-09-20"))).isTrue(); // Sunday, 调休上班 for 国庆
        assertThat(calendar.isWorkingDay(d("2025-10-08"))).isFalse(); // Wednesday, last day of 国庆、中秋 2025
        assertThat(calendar.isWorkingDay(d("2025-10-11"))).isTrue(); // Saturday, 调休上班
        assertThat(calendar.isWorkingDay(d("2025-01-01"))).isFalse(); // 元旦 2025, no 调休
    }

    /**
     * 20 working days after 2026-09-25 (the Friday of 中秋, just before 国庆). The start day is not counted.
     * 9-26 Sat, 9-27 Sun (中秋): no. 9-28 Mon 1, 9-29 2, 9-30 3; 10-1…10-7 国庆: no; 10-8 Thu 4, 10-9 Fri 5,
     * 10-10 Sat 调休 6, 10-11 Sun no; 10-12…10-16 7–11; 10-19…10-23 12–16; 10-26 17, 10-27 18, 10-28 19,
     * 10-29 Thu 20.
     */
    @Test
    void twentyWorkingDaysAcrossNationalDay2026() {
        assertThat(calendar.plusWorkingDays(d("2026-09-25"), 20)).isEqualTo(d("2026-10-29"));
    }

    /**
     * From Friday 2026-09-18 the make-up Sunday counts: 9-19 Sat no, 9-20 Sun 调休 1, 9-21…9-24 2–5, 9-25 Fri 中秋 no,
     * 9-26/27 no, 9-28 6, 9-29 7, 9-30 8, 10-1…10-7 no, 10-8 9, 10-9 10, 10-10 Sat 调休 11, 10-12…10-16 12–16,
     * 10-19 17, 10-20 18, 10-21 19, 10-22 Thu 20. Monday–Friday alone would give 10-16 (20 weekdays after 9-18).
     */
    @Test
    void makeUpSundayCounts() {
        assertThat(calendar.plusWorkingDays(d("2026-09-18"), 20)).isEqualTo(d("2026-10-22"));
    }

    /**
     * 双公示, 7 working days after a decision on Saturday 2026-02-14, the day before 春节 (itself a 调休 working day):
     * 2-15…2-23 春节: no; 2-24 Tue 1, 2-25 2, 2-26 3, 2-27 Fri 4, 2-28 Sat 调休 5, 3-1 Sun no, 3-2 Mon 6, 3-3 Tue 7.
     */
    @Test
    void sevenWorkingDaysAfterTheDayBeforeSpringFestival2026() {
        assertThat(calendar.plusWorkingDays(d("2026-02-14"), 7)).isEqualTo(d("2026-03-03"));
        // From Friday 2-13 the make-up Saturday 2-14 is day 1: 2-24 2, 2-25 3, 2-26 4, 2-27 5, 2-28 6, 3-2 Mon 7.
        assertThat(calendar.plusWorkingDays(d("2026-02-13"), 7)).isEqualTo(d("2026-03-02"));
    }

    /**
     * Across two loaded years: 7 working days after Wednesday 2025-12-31: 2026-01-01…01-03 元旦 no, 01-04 Sun 调休 1,
     * 01-05…01-09 2–6, 01-12 Mon 7.
     */
    @Test
    void countsAcrossTheTurnOfALoadedYear() {
        assertThat(calendar.plusWorkingDays(d("2025-12-31"), 7)).isEqualTo(d("2026-01-12"));
    }

    @Test
    void workingDaysBetweenCountsTheEndNotTheStart() {
        // (2026-10-22, 2026-10-29]: 10-23 Fri, 10-26 Mon, 10-27, 10-28, 10-29 = 5.
        assertThat(calendar.workingDaysBetween(d("2026-10-22"), d("2026-10-29")))
                .isEqualTo(5);
        assertThat(calendar.workingDaysBetween(d("2026-10-29"), d("2026-10-29")))
                .isZero();
        assertThat(calendar.workingDaysBetween(d("2026-10-29"), d("2026-10-01")))
                .isZero();
    }

    /**
     * Provisional counting (no cn-2027.json is shipped; the State Council's 2027 notice is not published here): five
     * working days after Monday 2026-12-28. 12-29 Tue 1, 12-30 Wed 2, 12-31 Thu 3 (all 2026, loaded); 2027-01-01 Fri
     * 元旦 (fixed date, 《全国年节及纪念日放假办法》第二条) off, 01-02 Sat and 01-03 Sun off, 01-04 Mon 4, 01-05 Tue 5.
     * Monday–Friday alone would give 01-04.
     */
    @Test
    void aYearWithoutItsFileIsCountedProvisionallyWithTheFixedDateHolidays() {
        WorkdayCalendar.Deadline due = calendar.deadline(d("2026-12-28"), 5);
        assertThat(due.day()).isEqualTo(d("2027-01-05"));
        assertThat(due.provisional()).isTrue();
        assertThat(due.provisionalYears()).containsExactly(2027);
        assertThat(due.reason()).contains("2027").contains("暂按");
        // Three working days stay inside 2026: final, and equal to the strict count.
        WorkdayCalendar.Deadline inside = calendar.deadline(d("2026-12-28"), 3);
        assertThat(inside.day()).isEqualTo(d("2026-12-31")).isEqualTo(calendar.plusWorkingDays(d("2026-12-28"), 3));
        assertThat(inside.provisional()).isFalse();
        assertThat(inside.reason()).isNull();
        // 劳动节 2027: 4-30 Fri; 5-01 Sat and 5-02 Sun are the holiday on a weekend, so two days of 补假 (放假办法
        // 第六条) on the next weekdays: 5-03 Mon, 5-04 Tue off; 5-05 Wed 1, 5-06 Thu 2.
        assertThat(calendar.deadline(d("2027-04-30"), 2).day()).isEqualTo(d("2027-05-06"));
        // 国庆 2027: 9-30 Thu; 10-01 Fri (fixed), 10-02 Sat and 10-03 Sun (fixed, on a weekend → 补假 10-04 Mon and
        // 10-05 Tue); 10-06 Wed 1. The rest of the usual golden week is 调休, unknown before the notice.
        assertThat(calendar.deadline(d("2027-09-30"), 1).day()).isEqualTo(d("2027-10-06"));
        assertThat(WorkdayCalendar.provisionalHolidays(2027))
                .containsExactly(
                        d("2027-01-01"),
                        d("2027-05-01"),
                        d("2027-05-02"),
                        d("2027-05-03"),
                        d("2027-05-04"),
                        d("2027-10-01"),
                        d("2027-10-02"),
                        d("2027-10-03"),
                        d("2027-10-04"),
                        d("2027-10-05"));
        // 2028: 01-01 Sat → 补假 01-03 Mon; 05-01 Mon, 05-02 Tue; 10-01 Sun → 补假 10-04 Wed (10-02, 10-03 are off).
        assertThat(WorkdayCalendar.provisionalHolidays(2028))
                .containsExactly(
                        d("2028-01-01"),
                        d("2028-01-03"),
                        d("2028-05-01"),
                        d("2028-05-02"),
                        d("2028-10-01"),
                        d("2028-10-02"),
                        d("2028-10-03"),
                        d("2028-10-04"));
        // A loaded year counts exactly as the strict method, 2026's 国庆 week included (see above: 10-29).
        assertThat(calendar.deadline(d("2026-09-25"), 20).day()).isEqualTo(d("2026-10-29"));
        assertThat(calendar.deadline(d("2026-09-25"), 20).provisional()).isFalse();
    }

    /** 《民法典》第二百零三条 for calendar-day periods: a last day off moves to the next working day. */
    @Test
    void onOrAfterWorkingDayMovesOffAHolidayOrWeekend() {
        assertThat(calendar.onOrAfterWorkingDay(d("2026-10-29")).day()).isEqualTo(d("2026-10-29")); // Thursday
        // 2026-10-01 Thu 国庆 … 10-07 Wed off; 10-08 Thu works.
        assertThat(calendar.onOrAfterWorkingDay(d("2026-10-01")).day()).isEqualTo(d("2026-10-08"));
        // 2026-02-14 is a Saturday but 调休上班: it stays.
        assertThat(calendar.onOrAfterWorkingDay(d("2026-02-14")).day()).isEqualTo(d("2026-02-14"));
        // 2027 provisional: 01-01 Fri 元旦, 01-02/03 weekend → 01-04 Mon, provisional.
        WorkdayCalendar.Deadline jan = calendar.onOrAfterWorkingDay(d("2027-01-01"));
        assertThat(jan.day()).isEqualTo(d("2027-01-04"));
        assertThat(jan.provisional()).isTrue();
    }

    @Test
    void aYearNotLoadedFailsLoudlyInsteadOfCountingWeekdays() {
        assertThatThrownBy(() -> calendar.isWorkingDay(d("2027-01-05")))
                .isInstanceOf(WorkdayCalendar.YearNotLoadedException.class)
                .hasMessageContaining("2027");
        // A count that starts in 2026 but runs into 2027 fails too: 20 working days after 2026-12-15 end in January.
        assertThatThrownBy(() -> calendar.plusWorkingDays(d("2026-12-15"), 20))
                .isInstanceOf(WorkdayCalendar.YearNotLoadedException.class)
                .satisfies(e -> assertThat(((WorkdayCalendar.YearNotLoadedException) e).year())
                        .isEqualTo(2027));
        assertThatThrownBy(() -> calendar.isWorkingDay(d("2024-12-31")))
                .isInstanceOf(WorkdayCalendar.YearNotLoadedException.class);
    }

    @Test
    void malformedYearsAreRefused() {
        assertThatThrownBy(() -> new WorkdayYear(
                        2026,
                        "t",
                        null,
                        null,
                        "s",
                        List.of(new WorkdayYear.Holiday("春节", d("2026-02-15"), d("2026-02-23"))),
                        List.of(new WorkdayYear.WorkingWeekend(d("2026-02-13"), "春节")))) // a Friday
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FRIDAY");
        assertThatThrownBy(() -> new WorkdayYear(2026, "t", null, null, " ", List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source");
        assertThatThrownBy(() -> new WorkdayYear(2026, "t", null, null, "s", List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no holiday");
        List<WorkdayYear.Holiday> newYear = List.of(new WorkdayYear.Holiday("元旦", d("2026-01-01"), d("2026-01-03")));
        assertThatThrownBy(() -> new WorkdayYear(
                        2026,
                        "t",
                        null,
                        null,
                        "s",
                        List.of(
                                new WorkdayYear.Holiday("元旦", d("2026-01-01"), d("2026-01-03")),
                                new WorkdayYear.Holiday("x", d("2026-01-03"), d("2026-01-04"))),
                        List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> new WorkdayYear(
                        2026,
                        "t",
                        null,
                        null,
                        "s",
                        List.of(new WorkdayYear.Holiday("元旦", d("2027-01-01"), d("2027-01-01"))),
                        List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inside the year");
        WorkdayYear y = new WorkdayYear(2026, "t", null, null, "s", newYear, List.of());
        assertThatThrownBy(() -> new WorkdayCalendar(List.of(y, y))).hasMessageContaining("twice");
    }
}
