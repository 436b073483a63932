package org.permitwatch.monitoring.alert;

import java.time.LocalDate;

/**
 * The open day of one MN × pollutant: its valid hourly means summed (a daily mean is the mean of the day's valid hourly
 * means, HJ 76-2017 附录 B) and, for wastewater, weighted by each hour's discharged volume (HJ 356-2019: the daily mean
 * concentration weighted by flow, Σ Ci·Qi / Σ Qi over the valid hours).
 *
 * @param closedThrough the last day already judged; null at first
 * @param day           the open day (Beijing), null when none is open
 * @param weightedSum   Σ Ci·Qi over the valid hours that carried a flow (null: none yet, or state from before flows)
 * @param flowSum       Σ Qi (m3) over the same hours
 * @param flowMissing   true when a valid hour came without a flow: the day cannot be weighted and stays arithmetic
 */
record DayAccumulator(
        LocalDate closedThrough,
        LocalDate day,
        int validHours,
        double sum,
        double correctedSum,
        boolean corrected,
        Double weightedSum,
        Double flowSum,
        Boolean flowMissing) {

    static DayAccumulator empty() {
        return new DayAccumulator(null, null, 0, 0, 0, false, null, null, null);
    }

    boolean isLate(LocalDate hourDay) {
        return closedThrough != null && !hourDay.isAfter(closedThrough);
    }

    boolean isOpenBefore(LocalDate hourDay) {
        return day != null && day.isBefore(hourDay);
    }

    DayAccumulator add(LocalDate hourDay, HourMean hour) {
        boolean ok = hour.valid();
        boolean weighed = ok && hour.flow() != null;
        return new DayAccumulator(
                closedThrough,
                hourDay,
                validHours + (ok ? 1 : 0),
                sum + (ok ? hour.mean() : 0),
                correctedSum + (ok && hour.corrected() != null ? hour.corrected() : 0),
                corrected || hour.corrected() != null,
                weighed ? Double.valueOf(orZero(weightedSum) + hour.mean() * hour.flow()) : weightedSum,
                weighed ? Double.valueOf(orZero(flowSum) + hour.flow()) : flowSum,
                Boolean.TRUE.equals(flowMissing) || (ok && hour.flow() == null));
    }

    /**
     * The flow-weighted mean of the valid hours, Σ Ci·Qi / Σ Qi; null when it cannot be formed — a valid hour without a
     * flow, no valid hour, or nothing discharged all day (Σ Qi = 0) — and the arithmetic mean stands.
     */
    Double flowWeighted() {
        if (validHours == 0 || Boolean.TRUE.equals(flowMissing) || flowSum == null || flowSum <= 0) {
            return null;
        }
        return weightedSum / flowSum;
    }

    DayAccumulator closed() {
        return new DayAccumulator(day, null, 0, 0, 0, false, null, null, null);
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}
