package org.permitwatch.monitoring.alert;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The open day of one MN × pollutant in the tonnage collector: the minute amounts ({@code -Cou}, kg) summed so far.
 *
 * @param lastMinute the latest minute counted (a minute at or before it — a resend — is not counted twice); null at
 *                   first
 * @param day        the open day, null when none is open
 */
record DayTonnage(LocalDateTime lastMinute, LocalDate day, double kg, int minutes) {

    static DayTonnage empty() {
        return new DayTonnage(null, null, 0, 0);
    }

    boolean isLate(LocalDateTime minute) {
        return lastMinute != null && !minute.isAfter(lastMinute);
    }

    boolean isOpenBefore(LocalDate minuteDay) {
        return day != null && day.isBefore(minuteDay);
    }

    DayTonnage add(LocalDateTime minute, double amountKg) {
        return new DayTonnage(minute, minute.toLocalDate(), kg + amountKg, minutes + 1);
    }

    DayTonnage closed() {
        return new DayTonnage(lastMinute, null, 0, 0);
    }
}
