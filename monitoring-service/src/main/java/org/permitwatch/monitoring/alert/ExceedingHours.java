package org.permitwatch.monitoring.alert;

import java.time.LocalDate;

/**
 * How many valid hours of one day (Beijing) exceeded the hourly limit so far, per MN × pollutant (the "exceeding
 * hours per day"): carried as {@code exceedingHoursOfDay} in HOURLY_EXCEEDANCE's parameters, counted up to and
 * including the hour that changed the alert (for RESOLVED, the day of the compliant hour that resolved it).
 */
record ExceedingHours(LocalDate day, int hours) {

    static final String KEY = "EXH|";
    static final String PARAMETER = "exceedingHoursOfDay";

    /** This day's count after one more valid hour, {@code exceeded} or not. */
    ExceedingHours after(LocalDate hourDay, boolean exceeded) {
        int base = hourDay.equals(day) ? hours : 0;
        return new ExceedingHours(hourDay, base + (exceeded ? 1 : 0));
    }
}
