package org.permitwatch.reporting.monitoring;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Automatic-monitoring alerts (issue 19) raised in a period, per region × industry, and how fast bureaus handled them.
 *
 * @param rows  per region (the level below the division, as in 附件1: a province's cities, a city's counties) and key
 *              industry with alerts; a region without any as one row of zeros with industry null
 * @param total the division as a whole (its handling times over all its reviewed alerts, not an average of rows)
 */
record MonitoringAlertReport(
        String divisionCode, String divisionName, LocalDate from, LocalDate to, List<Row> rows, Row total) {

    /**
     * @param alerts             monitoring alerts raised in the period (by the day they were raised, bureau zone)
     * @param exceedances        of those, hourly and daily exceedances (超标, 《排污许可管理条例》第三十四条第（一）项)
     * @param reviewed           of those, reviewed by a bureau (dismissed, tasked or cased)
     * @param open               still waiting for a review
     * @param resolvedUnreviewed resolved by monitoring before anyone reviewed them
     * @param averageHandlingHours raised → reviewed over the reviewed ones, hours, 1 decimal (HALF_UP); null if none
     * @param maxHandlingHours   the longest of them, hours, 1 decimal; null if none
     */
    record Row(
            String regionCode,
            String regionName,

            @Schema(nullable = true, description = "key industry code (KeyIndustry); null on a region's zero row")
            String industry,

            String industryLabel,
            long alerts,
            long exceedances,
            long reviewed,
            long tasked,
            long cased,
            long dismissed,
            long open,
            long resolvedUnreviewed,
            BigDecimal averageHandlingHours,
            BigDecimal maxHandlingHours) {}
}
