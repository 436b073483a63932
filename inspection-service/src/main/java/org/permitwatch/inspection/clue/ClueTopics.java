package org.permitwatch.inspection.clue;

import org.apache.kafka.clients.admin.NewTopic;
import org.permitwatch.events.Topics;
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.events.liaison.LiaisonTopics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The clue topic belongs to liaison-service; this service declares its dead-letter topic and the topic of its answers
 * to accepted clues ({@link InspectionTopics#CLUES}, keyed by clue id).
 */
@Configuration(proxyBeanMethods = false)
class ClueTopics {

    @Bean
    NewTopic liaisonCluesDeadLetterTopic(@Value("${permitwatch.inspection.clue.dlt-replicas:1}") short replicas) {
        return TopicBuilder.name(Topics.dlt(LiaisonTopics.CLUES))
                .partitions(1)
                .replicas(replicas)
                .build();
    }

    @Bean
    NewTopic inspectionClueEventsTopic(
            @Value("${permitwatch.inspection.clue.topic.partitions:3}") int partitions,
            @Value("${permitwatch.inspection.clue.topic.replicas:1}") int replicas) {
        return TopicBuilder.name(InspectionTopics.CLUES)
                .partitions(partitions)
                .replicas(replicas)
                .build();
    }
}
