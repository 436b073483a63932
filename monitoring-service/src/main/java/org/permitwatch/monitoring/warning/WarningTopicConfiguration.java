package org.permitwatch.monitoring.warning;

import org.apache.kafka.clients.admin.NewTopic;
import org.permitwatch.events.monitoring.MonitoringTopics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The warning topic belongs to this service: compacted (the latest state of every warning is all a reader needs), one
 * partition (a few dozen warnings a year per province; the alert stream reads it as a global store, whose partitioning
 * never has to match anything). Its KafkaTopic manifest: k8s/backing/kafka/topics.
 */
@Configuration(proxyBeanMethods = false)
class WarningTopicConfiguration {

    @Bean
    NewTopic warningsTopic(@Value("${permitwatch.monitoring.warnings.replicas:1}") int replicas) {
        return TopicBuilder.name(MonitoringTopics.WARNINGS)
                .partitions(1)
                .replicas(replicas)
                .compact()
                .build();
    }
}
