package org.permitwatch.monitoring.alert;

import java.util.Optional;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.events.directory.DirectoryUnitSnapshot.Outlet;
import org.permitwatch.events.directory.DirectoryUnitSnapshot.PollutantLimit;

/** What an alert needs of the directory: the unit (for names and divisions) and the outlet the point is bound to. */
record UnitContext(DirectoryUnitSnapshot unit, Outlet outlet) {

    static Optional<UnitContext> of(DirectoryUnitSnapshot unit, String outletCode) {
        if (unit == null || outletCode == null) {
            return Optional.empty();
        }
        return unit.outlets().stream()
                .filter(o -> outletCode.equals(o.outletCode()))
                .findFirst()
                .map(o -> new UnitContext(unit, o));
    }

    Optional<PollutantLimit> limit(String pollutantCode) {
        return outlet.pollutants().stream()
                .filter(p -> pollutantCode.equals(p.pollutantCode()))
                .findFirst();
    }
}
