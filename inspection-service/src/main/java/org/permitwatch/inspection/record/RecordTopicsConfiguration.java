package org.permitwatch.inspection.record;

import org.apache.kafka.clients.admin.NewTopic;
import org.permitwatch.events.inspection.InspectionTopics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The topics inspection records and findings publish to; broker auto-create is off. */
@Configuration(proxyBeanMethods = false)
class RecordTopicsConfiguration {

    @Bean
    NewTopic inspectionRecordsTopic(
            @Value("${permitwatch.inspection.record.topic-partitions:3}") int partitions,
            @Value("${permitwatch.inspection.record.topic-replicas:1}") int replicas) {
        return TopicBuilder.name(InspectionTopics.INSPECTIONS)
                .partitions(partitions)
                .replicas(replicas)
                .build();
    }

    @Bean
    NewTopic findingsTopic(
            @Value("${permitwatch.inspection.record.topic-partitions:3}") int partitions,
            @Value("${permitwatch.inspection.record.topic-replicas:1}") int replicas) {
        return TopicBuilder.name(InspectionTopics.FINDINGS)
                .partitions(partitions)
                .replicas(replicas)
                .build();
    }
}
