package org.permitwatch.inspection.draw;

import org.apache.kafka.clients.admin.NewTopic;
import org.permitwatch.events.inspection.InspectionTopics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The draw topic this feature writes (keyed by draw id); broker auto-create is off. */
@Configuration(proxyBeanMethods = false)
class DrawTopicConfiguration {

    @Bean
    NewTopic inspectionDrawEventsTopic(
            @Value("${permitwatch.inspection.draw.topic.partitions:3}") int partitions,
            @Value("${permitwatch.inspection.draw.topic.replicas:1}") int replicas) {
        return TopicBuilder.name(InspectionTopics.DRAWS)
                .partitions(partitions)
                .replicas(replicas)
                .build();
    }
}
