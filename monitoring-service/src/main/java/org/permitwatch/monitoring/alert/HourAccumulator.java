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
 * @param flow          wastewater only: the volume discharged in the hour (m3), summed over the minutes that carried a
 *                      valid flow (w00000); the weight of the hour in the flow-weighted daily mean (HJ 356-2019). Null
 *                      when no minute carried one (and in state written before flows were kept)
 * @param wet           true when a minute of the hour was measured wet and made dry (ADR 0039); null: all dry as sent
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
        Double max,
        Double flow,
        Boolean wet) {

    static HourAccumulator empty() {
        return new HourAccumulator(null, null, 0, 0, 0, 0, false, null, null, null, null);
    }

    boolean isLate(LocalDateTime minuteHour) {
        return closedThrough != null && !minuteHour.isAfter(closedThrough);
    }

    boolean isOpenBefore(LocalDateTime minuteHour) {
        return hour != null && hour.isBefore(minuteHour);
    }

    HourAccumulator add(LocalDateTime minuteHour, boolean isValid, double value, Double correctedValue) {
        return add(minuteHour, isValid, value, correctedValue, null, false);
    }

    /**
     * @param minuteFlow the minute's discharged volume (m3) when it carried a valid flow, else null
     * @param measuredWet whether the minute was measured wet (its value made dry before the oxygen correction)
     */
    HourAccumulator add(
            LocalDateTime minuteHour,
            boolean isValid,
            double value,
            Double correctedValue,
            Double minuteFlow,
            boolean measuredWet) {
        return new HourAccumulator(
                closedThrough,
                minuteHour,
                received + 1,
                valid + (isValid ? 1 : 0),
                sum + (isValid ? value : 0),
                correctedSum + (isValid && correctedValue != null ? correctedValue : 0),
                corrected || correctedValue != null,
                isValid ? Double.valueOf(min == null ? value : Math.min(min, value)) : min,
                isValid ? Double.valueOf(max == null ? value : Math.max(max, value)) : max,
                minuteFlow == null ? flow : Double.valueOf((flow == null ? 0 : flow) + minuteFlow),
                measuredWet || Boolean.TRUE.equals(wet) ? Boolean.TRUE : wet);
    }

    HourAccumulator closed() {
        return new HourAccumulator(hour, null, 0, 0, 0, 0, false, null, null, null, null);
    }
}
