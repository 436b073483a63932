package org.permitwatch.inspection.plan;

import org.apache.kafka.clients.admin.NewTopic;
import org.permitwatch.events.inspection.InspectionTopics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The plan topic this feature writes (keyed by plan id); broker auto-create is off. */
@Configuration(proxyBeanMethods = false)
class PlanTopicConfiguration {

    @Bean
    NewTopic inspectionPlanEventsTopic(
            @Value("${permitwatch.inspection.plan.topic.partitions:3}") int partitions,
            @Value("${permitwatch.inspection.plan.topic.replicas:1}") int replicas) {
        return TopicBuilder.name(InspectionTopics.PLANS)
                .partitions(partitions)
                .replicas(replicas)
                .build();
    }
}
