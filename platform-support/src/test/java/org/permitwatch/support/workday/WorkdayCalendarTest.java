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
                        List.of(),
                        List.of(new WorkdayYear.WorkingWeekend(d("2026-02-13"), "春节")))) // a Friday
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FRIDAY");
        assertThatThrownBy(() -> new WorkdayYear(2026, "t", null, null, " ", List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source");
        WorkdayYear y = new WorkdayYear(2026, "t", null, null, "s", List.of(), List.of());
        assertThatThrownBy(() -> new WorkdayCalendar(List.of(y, y))).hasMessageContaining("twice");
    }
}
