package org.permitwatch.events.monitoring;

/**
 * Kafka topics monitoring-service publishes for other services, {@code <context>.<aggregate>.events.v<major>}.
 * Created by {@code NewTopic} beans of monitoring-service (and KafkaTopic manifests); broker auto-create is off.
 */
public final class MonitoringTopics {

    /**
     * Alerts judged from the automatic-monitoring stream (exceedances and data anomalies), keyed by alert id so one
     * alert's opening and resolution stay in order on one partition. Values: {@link MonitoringAlertChanged}.
     */
    public static final String ALERTS = "monitoring.alert.events.v1";

    /**
     * The heavy-pollution weather warning calendar (重污染天气预警) per city, compacted: keyed {@code <cityCode>|<warning
     * id>} so the latest state of every warning stays, and a reader holding it as a table finds a city's warnings by key
     * prefix (ADR 0039). Values: {@link HeavyPollutionWarningChanged}.
     */
    public static final String WARNINGS = "monitoring.warning.events.v1";

    private MonitoringTopics() {}
}
