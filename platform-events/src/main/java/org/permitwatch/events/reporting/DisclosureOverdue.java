package org.permitwatch.events.reporting;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A draw's results are not published and their statutory 20-working-day disclosure deadline is near or past, on
 * {@link ReportingTopics#DISCLOSURE}, keyed by draw id, CloudEvents type {@value #TYPE}. Raised once per draw and
 * stage by reporting-service's chaser; liaison-service tells the city's liaisons.
 *
 * @param stage            APPROACHING (due within the warning window) or OVERDUE (due day passed)
 * @param cityCode         6-digit code of the city whose bureau drew
 * @param periodMonth      the drawn month, {@code yyyy-MM}
 * @param checksEndedOn    the day the draw's checks ended (the inspection period's last day), from which the
 *                         working days run (the day itself not counted)
 * @param dueOn            last working day on which the results may be published
 * @param workingDaysLate  working days after {@code dueOn} (0 when APPROACHING); null when a year in between has
 *                         no loaded holiday arrangement
 * @param workingDaysLeft  working days until {@code dueOn} (0 when OVERDUE)
 * @param tasks            the draw's tasks reporting knows of
 * @param tasksInspected   of those, tasks with a submitted inspection record
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DisclosureOverdue(
        UUID drawId,
        String stage,
        String cityCode,
        String periodMonth,
        LocalDate checksEndedOn,
        LocalDate dueOn,
        Integer workingDaysLate,
        int workingDaysLeft,
        int tasks,
        int tasksInspected,
        OffsetDateTime detectedAt) {

    public static final String TYPE = "org.permitwatch.reporting.disclosure.overdue.v1";
}
