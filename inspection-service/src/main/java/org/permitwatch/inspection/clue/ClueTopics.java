package org.permitwatch.inspection.clue;

import org.apache.kafka.clients.admin.NewTopic;
import org.permitwatch.events.Topics;
import org.permitwatch.events.liaison.LiaisonTopics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The clue topic belongs to liaison-service; this service only declares its own dead-letter topic. */
@Configuration(proxyBeanMethods = false)
class ClueTopics {

    @Bean
    NewTopic liaisonCluesDeadLetterTopic(@Value("${permitwatch.inspection.clue.dlt-replicas:1}") short replicas) {
        return TopicBuilder.name(Topics.dlt(LiaisonTopics.CLUES)).partitions(1).replicas(replicas).build();
    }
}
