package org.permitwatch.liaison.clue;

import org.apache.kafka.clients.admin.NewTopic;
import org.permitwatch.events.Topics;
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.events.liaison.LiaisonTopics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The clue topic this feature writes (keyed by clue id) and the dead-letter topic of the answers it reads from
 * inspection-service (which declares {@code inspection.clue.events.v1} itself); broker auto-create is off.
 */
@Configuration(proxyBeanMethods = false)
class ClueTopicConfiguration {

    @Bean
    NewTopic liaisonClueEventsTopic(
            @Value("${permitwatch.liaison.clue.topic.partitions:3}") int partitions,
            @Value("${permitwatch.liaison.clue.topic.replicas:1}") int replicas) {
        return TopicBuilder.name(LiaisonTopics.CLUES)
                .partitions(partitions)
                .replicas(replicas)
                .build();
    }

    @Bean
    NewTopic inspectionClueDeadLetterTopic(@Value("${permitwatch.liaison.clue.dlt-replicas:1}") short replicas) {
        return TopicBuilder.name(Topics.dlt(InspectionTopics.CLUES))
                .partitions(1)
                .replicas(replicas)
                .build();
    }
}
