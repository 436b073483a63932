package org.permitwatch.monitoring.alert;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the judge keeps per permit × pollutant (the permit's main outlets summed), small on purpose — a province's
 * permits × pollutants live in an in-memory store: monthly totals for the rolling 12 months, the permit year so far, the
 * last {@code rateWindowDays} daily totals and the open alert, if any. Amounts in kg (HJ 212 {@code -Cou}).
 *
 * @param firstDay     the first day with data (how many days the recent rate may average over)
 * @param lastDay      the latest day with data: "today" of the forecast (stream time, never the wall clock)
 * @param yearStart    first day of the permit year {@code yearToDateKg} belongs to
 * @param yearToDateKg emitted in that permit year so far
 * @param months       yyyy-MM → kg, the months of the rolling 12 months ending with {@code lastDay}'s month
 * @param recent       daily totals of the last {@code rateWindowDays} days, oldest first
 * @param open         the open ANNUAL_TONNAGE_AHEAD alert, null when none
 */
record TonnageLedger(
        LocalDate firstDay,
        LocalDate lastDay,
        LocalDate yearStart,
        double yearToDateKg,
        Map<String, Double> months,
        List<DayAmount> recent,
        Episode open) {

    /** One day's total of the permit's main outlets. */
    record DayAmount(LocalDate day, double kg) {}

    TonnageLedger {
        months = months == null ? new TreeMap<>() : new TreeMap<>(months);
        recent = recent == null ? List.of() : List.copyOf(recent);
    }

    static TonnageLedger empty() {
        return new TonnageLedger(null, null, null, 0, null, null, null);
    }

    /**
     * One outlet's day added. {@code dayYearStart} is the start of the permit year the day falls in (null: the permit
     * has no validity dates; the year-to-date amount is then not kept). A day of an earlier permit year than the one
     * kept (an outlet lagging across the year's turn) counts in the months and the rate, not in the year to date.
     */
    TonnageLedger add(LocalDate day, double kg, LocalDate dayYearStart, int rateWindowDays) {
        LocalDate first = firstDay == null || day.isBefore(firstDay) ? day : firstDay;
        LocalDate last = lastDay == null || day.isAfter(lastDay) ? day : lastDay;

        TreeMap<String, Double> m = new TreeMap<>(months);
        m.merge(YearMonth.from(day).toString(), kg, Double::sum);
        String oldestMonth = YearMonth.from(last).minusMonths(11).toString();
        m.headMap(oldestMonth, false).clear();

        List<DayAmount> days = new ArrayList<>();
        boolean merged = false;
        for (DayAmount d : recent) {
            if (d.day().equals(day)) {
                days.add(new DayAmount(day, d.kg() + kg));
                merged = true;
            } else {
                days.add(d);
            }
        }
        if (!merged) {
            days.add(new DayAmount(day, kg));
        }
        LocalDate oldestDay = last.minusDays(rateWindowDays - 1L);
        days.removeIf(d -> d.day().isBefore(oldestDay));
        days.sort((a, b) -> a.day().compareTo(b.day()));

        LocalDate ys = yearStart;
        double ytd = yearToDateKg;
        if (dayYearStart != null) {
            if (ys == null || dayYearStart.isAfter(ys)) {
                ys = dayYearStart;
                ytd = kg;
            } else if (dayYearStart.equals(ys)) {
                ytd += kg;
            }
        }
        return new TonnageLedger(first, last, ys, ytd, m, days, open);
    }

    TonnageLedger withOpen(Episode episode) {
        return new TonnageLedger(firstDay, lastDay, yearStart, yearToDateKg, months, recent, episode);
    }

    /** Emitted over the rolling 12 months: {@code lastDay}'s month and the 11 before it, in kg. */
    double rolling12MonthsKg() {
        return months.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Days the recent rate averages over: the window, or fewer since the first day of data. */
    long observedDays(int rateWindowDays) {
        return Math.min(rateWindowDays, ChronoUnit.DAYS.between(firstDay, lastDay) + 1);
    }

    /** kg per day over the observed days (a day without data counts as a day without emission). */
    double recentRateKgPerDay(int rateWindowDays) {
        double sum = recent.stream().mapToDouble(DayAmount::kg).sum();
        return sum / observedDays(rateWindowDays);
    }
}
