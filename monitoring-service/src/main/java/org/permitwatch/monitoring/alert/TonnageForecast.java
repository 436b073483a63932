package org.permitwatch.monitoring.alert;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The forecast of a permit year's emitted amount (ADR 0040): what the year has emitted so far plus the recent daily rate
 * over the days the year has left. Tonnes throughout; the alert fires while {@link #forecastTons} exceeds the permitted
 * amount of that permit year.
 *
 * @param yearStart         first day of the permit year (validFrom + n years)
 * @param yearEnd           first day after it
 * @param asOf              the latest day with data
 * @param yearToDateTons    emitted from {@code yearStart} through {@code asOf}
 * @param rolling12Tons     emitted in {@code asOf}'s month and the 11 months before it
 * @param rateTonsPerDay    the recent rate
 * @param remainingDays     days after {@code asOf} until {@code yearEnd}
 * @param forecastTons      yearToDate + rate × remaining
 * @param permittedTons     the permit year's amount, summed over the permit's main outlets
 */
record TonnageForecast(
        LocalDate yearStart,
        LocalDate yearEnd,
        LocalDate asOf,
        double yearToDateTons,
        double rolling12Tons,
        double rateTonsPerDay,
        long remainingDays,
        double forecastTons,
        double permittedTons) {

    static final double KG_PER_TONNE = 1000.0;

    /** Null while fewer than {@code minDays} days of data make the rate (nothing is judged then). */
    static TonnageForecast of(
            TonnageLedger ledger, LocalDate yearEnd, double permittedTons, TonnageParameters parameters) {
        if (ledger.firstDay() == null
                || ledger.yearStart() == null
                || ledger.observedDays(parameters.rateWindowDays()) < parameters.minDays()) {
            return null;
        }
        LocalDate asOf = ledger.lastDay();
        double rate = ledger.recentRateKgPerDay(parameters.rateWindowDays()) / KG_PER_TONNE;
        long remaining = Math.max(0, ChronoUnit.DAYS.between(asOf.plusDays(1), yearEnd));
        double ytd = ledger.yearToDateKg() / KG_PER_TONNE;
        return new TonnageForecast(
                ledger.yearStart(),
                yearEnd,
                asOf,
                ytd,
                ledger.rolling12MonthsKg() / KG_PER_TONNE,
                rate,
                remaining,
                ytd + rate * remaining,
                permittedTons);
    }

    boolean ahead() {
        return forecastTons > permittedTons;
    }

    /** The figures as the alert's parameters (with the method's own), so a reviewer can redo the arithmetic. */
    Map<String, Object> asParameters(TonnageParameters parameters) {
        Map<String, Object> map = new LinkedHashMap<>(parameters.asMap());
        map.put("permitYearStart", yearStart.toString());
        map.put("permitYearEnd", yearEnd.toString());
        map.put("asOf", asOf.toString());
        map.put("yearToDateTons", yearToDateTons);
        map.put("rolling12MonthsTons", rolling12Tons);
        map.put("rateTonsPerDay", rateTonsPerDay);
        map.put("remainingDays", remainingDays);
        map.put("forecastTons", forecastTons);
        map.put("permittedTons", permittedTons);
        return map;
    }
}
