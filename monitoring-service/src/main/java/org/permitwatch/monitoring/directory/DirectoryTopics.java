package org.permitwatch.monitoring.directory;

import org.apache.kafka.clients.admin.NewTopic;
import org.permitwatch.events.Topics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The directory topic belongs to permit-sync; this service declares only its own dead-letter topics. */
@Configuration(proxyBeanMethods = false)
class DirectoryTopics {

    @Bean
    NewTopic directoryUnitsDeadLetterTopic(@Value("${permitwatch.monitoring.dlt-replicas:1}") short replicas) {
        return TopicBuilder.name(Topics.dlt(Topics.DIRECTORY_UNITS))
                .partitions(1)
                .replicas(replicas)
                .build();
    }
}
