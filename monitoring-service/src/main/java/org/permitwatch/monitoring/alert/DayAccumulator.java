package org.permitwatch.monitoring.alert;

import java.time.LocalDate;

/**
 * The open day of one MN × pollutant: its valid hourly means summed (a daily mean is the mean of the day's valid hourly
 * means, HJ 76-2017 附录 B).
 *
 * @param closedThrough the last day already judged; null at first
 * @param day           the open day (Beijing), null when none is open
 */
record DayAccumulator(
        LocalDate closedThrough, LocalDate day, int validHours, double sum, double correctedSum, boolean corrected) {

    static DayAccumulator empty() {
        return new DayAccumulator(null, null, 0, 0, 0, false);
    }

    boolean isLate(LocalDate hourDay) {
        return closedThrough != null && !hourDay.isAfter(closedThrough);
    }

    boolean isOpenBefore(LocalDate hourDay) {
        return day != null && day.isBefore(hourDay);
    }

    DayAccumulator add(LocalDate hourDay, HourMean hour) {
        boolean ok = hour.valid();
        return new DayAccumulator(
                closedThrough,
                hourDay,
                validHours + (ok ? 1 : 0),
                sum + (ok ? hour.mean() : 0),
                correctedSum + (ok && hour.corrected() != null ? hour.corrected() : 0),
                corrected || hour.corrected() != null);
    }

    DayAccumulator closed() {
        return new DayAccumulator(day, null, 0, 0, 0, false);
    }
}
