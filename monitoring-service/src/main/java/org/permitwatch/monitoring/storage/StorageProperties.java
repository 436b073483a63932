package org.permitwatch.monitoring.storage;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Monthly partitions of the series tables: how many months ahead are created and how many months each table keeps
 * (the current month included). Values older than the retention are not stored (their partition would be dropped at
 * the next maintenance run).
 */
@Validated
@ConfigurationProperties("permitwatch.monitoring.storage")
public record StorageProperties(
        @Min(1) int monthsAhead,
        @Min(1) int minuteRetentionMonths,
        @Min(1) int hourlyRetentionMonths,
        @Min(1) int dailyRetentionMonths,
        @NotBlank String partitionCron) {

    int retentionMonths(String table) {
        return switch (table) {
            case "minute_value" -> minuteRetentionMonths;
            case "hourly_value" -> hourlyRetentionMonths;
            case "daily_value" -> dailyRetentionMonths;
            default -> throw new IllegalArgumentException("no series table " + table);
        };
    }
}
