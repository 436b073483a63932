package org.permitwatch.monitoring.alert;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The alert stream's settings (README, docs/monitoring.md#alerts).
 *
 * @param enabled       whether this instance runs the streams application
 * @param applicationId Kafka Streams application id: the same on every instance (they share the work), and the prefix
 *                      of the internal topics and the consumer group
 * @param stateDir      local directory of the streams' state (checkpoints; the stores themselves are in memory)
 * @param threads       stream threads of this instance (each takes some of the raw topic's partitions)
 * @param sessionTimeout how long an instance that vanished without leaving the group (crash) keeps its partitions
 * @param replicas      replication factor of the internal changelog topics and of the alerts topic
 * @param partitions    partitions of the alerts topic
 * @param parameters    the rules' thresholds, as versioned data
 */
@ConfigurationProperties("permitwatch.monitoring.alerts")
public record AlertProperties(
        boolean enabled,
        String applicationId,
        String stateDir,
        int threads,
        Duration sessionTimeout,
        short replicas,
        int partitions,
        Parameters parameters) {

    /** {@link RuleParameters} as configured. */
    public record Parameters(
            String version,
            int airMinValidMinutesPerHour,
            int airMinValidHoursPerDay,
            int waterMinValidValuesPerHour,
            int waterMinValidHoursPerDay,
            int constantMinHours,
            List<RuleParameters.ReferenceOxygen> referenceOxygen,
            PointRuleParameters point) {

        RuleParameters toRules() {
            return new RuleParameters(
                    version,
                    airMinValidMinutesPerHour,
                    airMinValidHoursPerDay,
                    waterMinValidValuesPerHour,
                    waterMinValidHoursPerDay,
                    constantMinHours,
                    referenceOxygen,
                    point);
        }
    }
}
