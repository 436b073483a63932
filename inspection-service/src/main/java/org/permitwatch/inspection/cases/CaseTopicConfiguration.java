package org.permitwatch.inspection.cases;

import org.apache.kafka.clients.admin.NewTopic;
import org.permitwatch.events.enforcement.EnforcementTopics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The case topic this feature writes (keyed by case id, so a case's events keep their order); auto-create is off. */
@Configuration(proxyBeanMethods = false)
class CaseTopicConfiguration {

    @Bean
    NewTopic inspectionCaseEventsTopic(
            @Value("${permitwatch.cases.topic.partitions:3}") int partitions,
            @Value("${permitwatch.cases.topic.replicas:1}") int replicas) {
        return TopicBuilder.name(EnforcementTopics.CASES)
                .partitions(partitions)
                .replicas(replicas)
                .build();
    }
}
