package org.permitwatch.inspection.remote;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.permitwatch.events.monitoring.MonitoringAlertChanged;
import org.permitwatch.events.monitoring.MonitoringTopics;
import org.permitwatch.support.inbox.EventReader;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes monitoring-service's alerts ({@link MonitoringAlertChanged}) into remote alerts. Runs on a Kafka listener
 * thread (not Netty), so blocking on the reactive transaction with a timeout is fine and keeps the offset uncommitted
 * until the alert is written. An event that can never be applied (not JSON, no id, a bad division code) is an
 * {@link IllegalArgumentException} and goes to {@code monitoring.alert.events.v1.dlt} at once; other failures retry
 * with back-off first (platform-support's error handler).
 */
@Component
class MonitoringAlertListener {

    static final String LISTENER_ID = "monitoring-alerts";
    static final String GROUP_ID = "inspection-service.monitoring-alerts";
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

    private final MonitoringAlerts alerts;
    private final EventReader events;

    MonitoringAlertListener(MonitoringAlerts alerts, EventReader events) {
        this.alerts = alerts;
        this.events = events;
    }

    @KafkaListener(id = LISTENER_ID, groupId = GROUP_ID, topics = MonitoringTopics.ALERTS)
    void onAlert(ConsumerRecord<String, String> record) {
        events.ifType(record, MonitoringAlertChanged.TYPE, MonitoringAlertChanged.class)
                .ifPresent(event -> alerts.apply(event.id(), event.payload()).block(APPLY_TIMEOUT));
    }
}
