package org.permitwatch.inspection.draw;

import java.util.List;
import java.util.Map;
import org.permitwatch.events.inspection.DrawPublished;

/** Maps a published draw's stored result to the public event (一公开): units only, never the inspectors. */
final class DrawEvents {

    /** Stratum of the event for units put into the draw by hand (targeted), whatever their source type. */
    static final String TARGETED = "TARGETED";

    private DrawEvents() {}

    /** Name and county of a drawn unit, from the directory projection. */
    record UnitInfo(String unitName, String countyCode) {}

    /** Units in draw order; a unit no longer in the projection keeps its permit number with null name and county. */
    static List<DrawPublished.Unit> units(List<DrawAlgorithm.Pick> picks, Map<String, UnitInfo> directory) {
        return picks.stream()
                .map(p -> {
                    UnitInfo info = directory.get(p.permitNumber());
                    return new DrawPublished.Unit(
                            p.permitNumber(),
                            info == null ? null : info.unitName(),
                            info == null ? null : info.countyCode(),
                            p.targeted() ? TARGETED : p.stratum());
                })
                .toList();
    }
}
