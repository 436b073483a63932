package org.permitwatch.reporting.dispatch;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The province's monthly dispatch (调度) or a year summary: one row per city (province caller), or the caller's own
 * city or county, plus a total.
 *
 * @param period "2027-06" or "2027"
 */
record DispatchReport(
        String period,
        LocalDate from,
        LocalDate to,
        String divisionCode,
        String divisionName,
        List<Row> rows,
        Row total) {

    /**
     * @param tasksPlanned            tasks of the period's months (TaskAssigned.periodMonth)
     * @param tasksDone               of those, tasks with a submitted inspection record
     * @param inspections             records (latest versions) inspected in the period
     * @param findings                ACTIVE findings inspected in the period
     * @param casesOpened             cases opened in the period
     * @param fineWanYuan             fines decided in the period, 万元
     * @param rectificationsOrdered   rectifications ordered in the period
     * @param rectificationsCompleted rectifications verified complete in the period
     * @param overdueRectifications   rectifications found overdue in the period
     * @param submissionsOnTime       liaison submissions for the period on time; null below city level
     * @param submissionsLate         … late
     * @param submissionsMissing      obligations of the period another city submitted for and this one did not
     */
    record Row(
            String divisionCode,
            String name,
            long tasksPlanned,
            long tasksDone,
            long inspections,
            long findings,
            long casesOpened,
            BigDecimal fineWanYuan,
            long rectificationsOrdered,
            long rectificationsCompleted,
            long overdueRectifications,
            Long submissionsOnTime,
            Long submissionsLate,
            Long submissionsMissing) {}
}
