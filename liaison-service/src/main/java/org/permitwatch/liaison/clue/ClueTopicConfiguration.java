package org.permitwatch.liaison.clue;

import org.apache.kafka.clients.admin.NewTopic;
import org.permitwatch.events.liaison.LiaisonTopics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The clue topic this feature writes (keyed by clue id); broker auto-create is off. */
@Configuration(proxyBeanMethods = false)
class ClueTopicConfiguration {

    @Bean
    NewTopic liaisonClueEventsTopic(@Value("${permitwatch.liaison.clue.topic.partitions:3}") int partitions,
                                    @Value("${permitwatch.liaison.clue.topic.replicas:1}") int replicas) {
        return TopicBuilder.name(LiaisonTopics.CLUES).partitions(partitions).replicas(replicas).build();
    }
}
