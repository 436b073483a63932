package org.permitwatch.reporting.projection;

import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.permitwatch.events.Topics;
import org.permitwatch.events.enforcement.EnforcementTopics;
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.events.liaison.LiaisonTopics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The consumed topics belong to their producers; reporting only makes sure the dead-letter topic of each exists
 * (another consumer of the same topic may declare it too: creating an existing topic is a no-op).
 */
@Configuration(proxyBeanMethods = false)
class ReadModelTopics {

    static final List<String> CONSUMED = List.of(
            Topics.DIRECTORY_UNITS,
            InspectionTopics.PLANS,
            InspectionTopics.DRAWS,
            InspectionTopics.TASKS,
            InspectionTopics.INSPECTIONS,
            InspectionTopics.FINDINGS,
            EnforcementTopics.CASES,
            EnforcementTopics.ALERTS,
            LiaisonTopics.SUBMISSIONS);

    @Bean
    KafkaAdmin.NewTopics readModelDeadLetterTopics(@Value("${permitwatch.reporting.dlt-replicas:1}") short replicas) {
        return new KafkaAdmin.NewTopics(CONSUMED.stream()
                .map(t -> TopicBuilder.name(Topics.dlt(t))
                        .partitions(1)
                        .replicas(replicas)
                        .build())
                .toArray(NewTopic[]::new));
    }
}
