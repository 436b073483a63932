package org.permitwatch.inspection.inspector;

import org.permitwatch.support.security.Caller;

/**
 * Where an inspector's assignments can lie: its whole city. A city's draw sends any inspector of the city —
 * those of its county bureaus (分局) included — to any unit of the city ({@link InspectorPool}), so a Xiaodian
 * (140105) inspector may be assigned a unit in Wanbailin (140109). What an inspector sees is still only what it
 * is assigned to; this is the outer bound of the query, the city of the division on its token.
 */
public final class InspectorReach {

    private InspectorReach() {}

    /** The SQL {@code LIKE} pattern bounding an inspector's assigned rows. */
    public static String divisionLike(Caller inspector) {
        return inspector.reach().likePattern();
    }
}
