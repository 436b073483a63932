package org.permitwatch.inspection.remote;

import org.apache.kafka.clients.admin.NewTopic;
import org.permitwatch.events.Topics;
import org.permitwatch.events.monitoring.MonitoringTopics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The alert topic belongs to monitoring-service; this service declares its own dead-letter topic for it. */
@Configuration(proxyBeanMethods = false)
class MonitoringAlertTopics {

    @Bean
    NewTopic monitoringAlertsDeadLetterTopic(
            @Value("${permitwatch.inspection.monitoring-alerts.dlt-replicas:1}") short replicas) {
        return TopicBuilder.name(Topics.dlt(MonitoringTopics.ALERTS))
                .partitions(1)
                .replicas(replicas)
                .build();
    }
}
