package org.permitwatch.monitoring.alert;

import java.time.LocalDateTime;

/**
 * The open hour of one MN × pollutant, as sums only (a few dozen bytes per series, so tens of thousands of series fit the
 * in-memory store): minute values received, the valid ones (flag N and, where the standard prescribes a reference
 * oxygen, a usable oxygen value in the same minute), their sum and the sum of their corrected values.
 *
 * @param closedThrough the last hour already judged (a late minute of it is dropped, never judged twice); null at first
 * @param hour          start of the open hour (Beijing local time, as HJ 212 DataTime), null when none is open
 * @param min           the lowest valid measured value of the hour (zero/negative and constant-value rules), or null
 * @param max           the highest valid measured value of the hour, or null
 */
record HourAccumulator(
        LocalDateTime closedThrough,
        LocalDateTime hour,
        int received,
        int valid,
        double sum,
        double correctedSum,
        boolean corrected,
        Double min,
        Double max) {

    static HourAccumulator empty() {
        return new HourAccumulator(null, null, 0, 0, 0, 0, false, null, null);
    }

    boolean isLate(LocalDateTime minuteHour) {
        return closedThrough != null && !minuteHour.isAfter(closedThrough);
    }

    boolean isOpenBefore(LocalDateTime minuteHour) {
        return hour != null && hour.isBefore(minuteHour);
    }

    HourAccumulator add(LocalDateTime minuteHour, boolean isValid, double value, Double correctedValue) {
        return new HourAccumulator(
                closedThrough,
                minuteHour,
                received + 1,
                valid + (isValid ? 1 : 0),
                sum + (isValid ? value : 0),
                correctedSum + (isValid && correctedValue != null ? correctedValue : 0),
                corrected || correctedValue != null,
                isValid ? Double.valueOf(min == null ? value : Math.min(min, value)) : min,
                isValid ? Double.valueOf(max == null ? value : Math.max(max, value)) : max);
    }

    HourAccumulator closed() {
        return new HourAccumulator(hour, null, 0, 0, 0, 0, false, null, null);
    }
}
