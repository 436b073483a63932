package org.permitwatch.inspection.directory;

import org.apache.kafka.clients.admin.NewTopic;
import org.permitwatch.events.Topics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The directory topic itself belongs to permit-sync; this service only declares its own dead-letter topic. */
@Configuration(proxyBeanMethods = false)
class DirectoryTopics {

    @Bean
    NewTopic directoryUnitsDeadLetterTopic(
            @Value("${permitwatch.inspection.directory.dlt-replicas:1}") short replicas) {
        return TopicBuilder.name(Topics.dlt(Topics.DIRECTORY_UNITS))
                .partitions(1)
                .replicas(replicas)
                .build();
    }
}
