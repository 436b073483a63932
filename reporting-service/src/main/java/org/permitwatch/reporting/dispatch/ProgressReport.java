package org.permitwatch.reporting.dispatch;

import java.math.BigDecimal;
import java.util.List;

/**
 * A year of the caller's division month by month (the console's 工作台: plan progress, inspections, findings, cases,
 * fines, rectifications), the same figures as the dispatch with months for rows.
 *
 * @param year   the calendar year
 * @param months twelve entries, January first, zeros included
 * @param total  the year's figures, equal to the year summary of the same division
 */
record ProgressReport(int year, String divisionCode, String divisionName, List<Month> months, Month total) {

    /**
     * @param month yyyy-MM, or null for the total
     * @see DispatchReport.Row for each figure's meaning
     */
    record Month(
            String month,
            long tasksPlanned,
            long tasksDone,
            long inspections,
            long findings,
            long casesOpened,
            BigDecimal fineWanYuan,
            long rectificationsOrdered,
            long rectificationsCompleted,
            long overdueRectifications) {

        static Month of(DispatchReport.Row row) {
            return new Month(
                    row.divisionCode(),
                    row.tasksPlanned(),
                    row.tasksDone(),
                    row.inspections(),
                    row.findings(),
                    row.casesOpened(),
                    row.fineWanYuan(),
                    row.rectificationsOrdered(),
                    row.rectificationsCompleted(),
                    row.overdueRectifications());
        }
    }
}
