package org.permitwatch.inspection.task;

import org.apache.kafka.clients.admin.NewTopic;
import org.permitwatch.events.inspection.InspectionTopics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The task topic this feature writes (keyed by task id); broker auto-create is off. */
@Configuration(proxyBeanMethods = false)
class TaskTopicConfiguration {

    @Bean
    NewTopic inspectionTaskEventsTopic(
            @Value("${permitwatch.inspection.task.topic.partitions:3}") int partitions,
            @Value("${permitwatch.inspection.task.topic.replicas:1}") int replicas) {
        return TopicBuilder.name(InspectionTopics.TASKS)
                .partitions(partitions)
                .replicas(replicas)
                .build();
    }
}
