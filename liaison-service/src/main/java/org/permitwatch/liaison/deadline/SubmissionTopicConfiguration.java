package org.permitwatch.liaison.deadline;

import org.apache.kafka.clients.admin.NewTopic;
import org.permitwatch.events.liaison.LiaisonTopics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The submission topic this feature writes (keyed obligation:city:period); broker auto-create is off. */
@Configuration(proxyBeanMethods = false)
class SubmissionTopicConfiguration {

    @Bean
    NewTopic liaisonSubmissionEventsTopic(
            @Value("${permitwatch.liaison.submission.topic.partitions:3}") int partitions,
            @Value("${permitwatch.liaison.submission.topic.replicas:1}") int replicas) {
        return TopicBuilder.name(LiaisonTopics.SUBMISSIONS)
                .partitions(partitions)
                .replicas(replicas)
                .build();
    }
}
