package org.permitwatch.inspection.record;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.time.BureauClock;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * Back-dated inspections (issue 12 item 4): a record submitted with an inspection day before today (the bureau's zone)
 * changes months that may already be reported. Within {@code window-days} that is ordinary entry lag and needs no
 * reason; beyond it {@code backdateReason} is required (400 naming it). Every back-dating, within the window or not,
 * is audited by the caller as {@code record.backdate} with the day, the days back and the reason.
 */
@Component
@EnableConfigurationProperties(BackdatePolicy.Properties.class)
class BackdatePolicy {

    /**
     * {@code permitwatch.inspection.record.backdate.*}.
     *
     * @param windowDays how many days back an inspection day may lie without a reason; default 3
     */
    @Validated
    @ConfigurationProperties("permitwatch.inspection.record.backdate")
    record Properties(@Min(0) @Max(365) Integer windowDays) {
        Properties {
            windowDays = windowDays == null ? 3 : windowDays;
        }
    }

    private final Properties properties;
    private final BureauClock clock;

    BackdatePolicy(Properties properties, BureauClock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The back-dating of a submission, or null when the inspection day is today (or the date did not change in a
     * correction: {@code previous} is the inspection time of the version corrected, null for a first submission).
     * Throws 400 on {@code backdateReason} beyond the window without a reason.
     */
    Map<String, Object> check(OffsetDateTime inspectedAt, OffsetDateTime previous, String reason) {
        if (inspectedAt == null || (previous != null && previous.isEqual(inspectedAt))) {
            return null;
        }
        LocalDate today = clock.today();
        LocalDate day = clock.dayOf(inspectedAt);
        long days = ChronoUnit.DAYS.between(day, today);
        if (days <= 0) {
            return null;
        }
        if (days > properties.windowDays() && (reason == null || reason.isBlank())) {
            throw ApiException.invalidField(
                    "backdateReason",
                    "is required: the inspection day " + day + " lies " + days + " days before today (" + today
                            + "); without a reason at most " + properties.windowDays(),
                    null);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("inspectedOn", day.toString());
        details.put("days", days);
        details.put("windowDays", properties.windowDays());
        details.put("reason", reason);
        return details;
    }
}
