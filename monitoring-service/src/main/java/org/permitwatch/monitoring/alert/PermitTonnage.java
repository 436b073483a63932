package org.permitwatch.monitoring.alert;

import java.time.LocalDate;
import java.time.Period;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.events.directory.DirectoryUnitSnapshot.Outlet;
import org.permitwatch.events.directory.DirectoryUnitSnapshot.PollutantLimit;

/**
 * What the permit says about annual amounts (许可排放量): set per permit year for the main outlets (主要排放口) only, one
 * value per year of validity in {@link PollutantLimit#annualLimitTons()} (first = the year from validFrom). The
 * permit's amount of a pollutant is the sum over its main outlets (ADR 0040).
 */
final class PermitTonnage {

    static final String MAIN_OUTLET = "主要排放口";

    private PermitTonnage() {}

    static boolean isMain(Outlet outlet) {
        return MAIN_OUTLET.equals(outlet.outletType());
    }

    /** Whether the outlet is a main one with an annual amount for the pollutant (else its data are not counted). */
    static boolean counts(Outlet outlet, String pollutantCode) {
        return isMain(outlet)
                && outlet.pollutants().stream()
                        .anyMatch(p -> pollutantCode.equals(p.pollutantCode())
                                && !p.annualLimitTons().isEmpty());
    }

    /** The n-th permit year's index of {@code day} (0 = first year), or -1 without validity dates or before them. */
    static int yearIndex(DirectoryUnitSnapshot unit, LocalDate day) {
        if (unit.validFrom() == null || day.isBefore(unit.validFrom())) {
            return -1;
        }
        return Period.between(unit.validFrom(), day).getYears();
    }

    static LocalDate yearStart(DirectoryUnitSnapshot unit, int index) {
        return unit.validFrom().plusYears(index);
    }

    /** The permitted amount of that permit year summed over the main outlets, or null when none sets one. */
    static Double permittedTons(DirectoryUnitSnapshot unit, String pollutantCode, int index) {
        if (index < 0) {
            return null;
        }
        double sum = 0;
        boolean any = false;
        for (Outlet outlet : unit.outlets()) {
            if (!isMain(outlet)) {
                continue;
            }
            for (PollutantLimit limit : outlet.pollutants()) {
                if (pollutantCode.equals(limit.pollutantCode())
                        && index < limit.annualLimitTons().size()) {
                    Double tons = limit.annualLimitTons().get(index);
                    if (tons != null) {
                        sum += tons;
                        any = true;
                    }
                }
            }
        }
        return any ? sum : null;
    }
}
