package org.permitwatch.liaison.deadline;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code permitwatch.liaison.deadline.*}.
 *
 * @param campaignYear    year whose obligations the seeder installs (the notice's are for 2022)
 * @param seedEnabled     install the notice's obligations once at start-up (idempotent by code)
 * @param reminderEnabled run the reminder job on {@code reminderCron}
 * @param reminderCron    Spring cron of the reminder job
 * @param reminderOffsets days relative to the due date on which cities that submitted nothing are reminded
 *                        (-3 = three days before, 1 = one day after)
 * @param catchUpDays     a reminder whose day was missed (service down) is still sent this many days later, never after
 */
@Validated
@ConfigurationProperties("permitwatch.liaison.deadline")
public record DeadlineProperties(
        @DefaultValue("2022") @Min(2000) @Max(2100) int campaignYear,
        @DefaultValue("true") boolean seedEnabled,
        @DefaultValue("true") boolean reminderEnabled,
        @DefaultValue("0 0 9 * * *") String reminderCron,
        @DefaultValue({"-3", "1"}) @NotEmpty List<Integer> reminderOffsets,
        @DefaultValue("2") @Min(0) @Max(30) int catchUpDays) {

    public DeadlineProperties {
        reminderOffsets = List.copyOf(reminderOffsets);
    }
}
