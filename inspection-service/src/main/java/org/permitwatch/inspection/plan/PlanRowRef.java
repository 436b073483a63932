package org.permitwatch.inspection.plan;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * What a draw needs to know of a plan row.
 *
 * @param published      only rows of published plans may be drawn
 * @param roundsInMonth  rounds the monthly breakdown plans for the requested month (0 = none planned)
 * @param onSite         false for remote-supervision rows (their tasks are REMOTE)
 */
public record PlanRowRef(UUID planId, UUID rowId, String cityCode, int year, boolean published, String keyIndustry,
                         boolean doubleRandom, boolean onSite, BigDecimal ratio, int roundsInMonth) {
}
