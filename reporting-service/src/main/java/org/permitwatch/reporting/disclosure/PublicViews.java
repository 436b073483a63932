package org.permitwatch.reporting.disclosure;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What the public sees (一公开). Built from fields that carry no personal data: no inspector, submitter or decider
 * is stored by reporting at all, and the views name units, divisions, bureaus, dates and results only.
 */
final class PublicViews {

    private PublicViews() {}

    /**
     * @param authority              the inspecting bureau (检查主体)
     * @param plan                   the plan the draw was made under, with the drawn industry's row; null if unknown
     * @param checksEndedOn          the day the draw's checks ended (end of its inspection period)
     * @param resultsDueOn           last day to publish the results: 20 working days after {@code checksEndedOn};
     *                               null when the calendar of that year is not loaded (see {@code deadlineNote})
     * @param resultsPublishedOnTime whether the results were published by {@code resultsDueOn}; null when unknown
     * @param deadlineNote           {@code calendar-year-not-loaded:<year>} when no due date can be given, else null
     */
    record Draw(
            UUID drawId,
            String cityCode,
            String cityName,
            String authority,
            String periodMonth,
            String industry,
            String seedHash,
            String seed,
            OffsetDateTime publishedAt,
            PlanRef plan,
            LocalDate checksEndedOn,
            LocalDate resultsDueOn,
            Boolean resultsPublishedOnTime,
            String deadlineNote,
            List<DrawnUnit> units) {}

    record DrawnUnit(
            int seq, String permitNumber, String unitName, String countyCode, String countyName, String stratum) {}

    /**
     * The plan (附件3) row the draw implements.
     *
     * @param category        NON_SITE, ON_SITE or DOUBLE_RANDOM
     * @param method          CENSUS, SAMPLING or SPECIAL
     * @param ratio           units to inspect ÷ units holding a permit
     * @param frequencyPeriod YEAR, QUARTER or MONTH
     */
    record PlanRef(
            UUID planId,
            int year,
            String title,
            String category,
            String method,
            BigDecimal ratio,
            String frequencyPeriod,
            Integer frequencyTimes) {}

    /**
     * @param result         COMPLIANT or NON_COMPLIANT
     * @param violationTypes labels of the violation types found
     * @param rectification  NONE, IN_PROGRESS, OVERDUE or COMPLETED
     */
    record InspectionResult(
            UUID recordId,
            String permitNumber,
            String unitName,
            String cityCode,
            String countyCode,
            String countyName,
            String industry,
            LocalDate inspectedOn,
            String result,
            List<String> violationTypes,
            String rectification) {}

    /**
     * A penalty decision as 双公示 shows it: the party (a unit; no natural person is stored), the conduct, the basis
     * and the outcome; never the officer.
     *
     * @param kind          FINE or DAILY_CONTINUOUS (按日连续处罚)
     * @param article       article of 《排污许可管理条例》 the case cites
     * @param disclosureDueOn last day to publish: 7 working days after {@code decidedOn}; null when the calendar of
     *                        that year is not loaded (see {@code deadlineNote})
     */
    record PenaltyDecision(
            UUID decisionId,
            String caseNo,
            String unitName,
            String permitNumber,
            String cityCode,
            String countyCode,
            String countyName,
            String authority,
            String violationType,
            String article,
            String kind,
            BigDecimal amountYuan,
            LocalDate decidedOn,
            LocalDate disclosureDueOn,
            String deadlineNote) {}

    record SpotCheckList(
            String title,
            String source,
            String basis,
            String subject,
            List<String> methods,
            List<SpotCheckItem> items) {}

    record SpotCheckItem(int no, String content) {}
}
