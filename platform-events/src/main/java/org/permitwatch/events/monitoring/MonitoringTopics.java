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

    private MonitoringTopics() {}
}
