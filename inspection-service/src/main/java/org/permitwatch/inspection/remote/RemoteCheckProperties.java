package org.permitwatch.inspection.remote;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code permitwatch.remote.*}: bureau practice, not law.
 *
 * @param scheduleCron    cron of the scheduled run over the whole directory ("-" = off); default nightly 02:00
 * @param rulesResource   the rules file (configurable data)
 * @param taskDueDays     due date of a task made from an alert when the review names none, in days from today
 * @param taskDepartment  department recorded on tasks made from alerts unless the review names one
 * @param topicPartitions partitions of the alert topic (NewTopic)
 * @param topicReplicas   replicas of the alert topic (NewTopic)
 */
@Validated
@ConfigurationProperties("permitwatch.remote")
record RemoteCheckProperties(
        @DefaultValue("0 0 2 * * *") @NotBlank String scheduleCron,

        @DefaultValue("classpath:enforcement/remote-category-rules.json") @NotBlank
        String rulesResource,

        @DefaultValue("15") @Min(1) @Max(365) int taskDueDays,

        @DefaultValue("ENVIRONMENT_ENFORCEMENT") @Pattern(regexp = "[A-Z][A-Z_]{1,39}")
        String taskDepartment,

        @DefaultValue("3") @Min(1) int topicPartitions,
        @DefaultValue("1") @Min(1) short topicReplicas) {}
