package org.permitwatch.inspection.rectification;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code permitwatch.rectification.*}: bureau practice, not law (DOMAIN.md §5: typical deadline 5–7 days).
 *
 * @param defaultDeadlineDays deadline of an order that names none, in days after the order
 * @param followUpDueDays     the follow-up inspection task is due this many days after the deadline
 * @param followUpDepartment  department recorded on the follow-up task
 * @param zone                the calendar of order dates, deadlines and the overdue job
 * @param overdueEnabled      whether the scheduled overdue detection runs
 * @param overdueBatch        rectifications escalated per run at most (the next run takes the rest)
 * @param serviceBackdateDays how many days before today an order's service day (servedOn) may lie: orders are served on
 *                            site (按日连续处罚办法第八条) and entered later; an older service is a records problem, not an
 *                            entry lag. Default 30
 */
@Validated
@ConfigurationProperties("permitwatch.rectification")
record RectificationProperties(
        @Min(1) @Max(365) int defaultDeadlineDays,
        @Min(0) @Max(90) int followUpDueDays,
        @NotBlank String followUpDepartment,
        boolean overdueEnabled,
        @Min(1) int overdueBatch,
        @Min(0) @Max(365) Integer serviceBackdateDays) {

    RectificationProperties {
        serviceBackdateDays = serviceBackdateDays == null ? 30 : serviceBackdateDays;
    }
}
