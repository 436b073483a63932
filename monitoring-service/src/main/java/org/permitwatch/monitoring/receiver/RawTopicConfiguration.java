package org.permitwatch.monitoring.receiver;

import org.apache.kafka.clients.admin.NewTopic;
import org.permitwatch.events.Topics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The raw topic and its dead-letter topic belong to this service. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReceiverProperties.class)
class RawTopicConfiguration {

    @Bean
    NewTopic rawDataTopic(
            @Value("${permitwatch.monitoring.raw-topic.partitions:6}") int partitions,
            @Value("${permitwatch.monitoring.raw-topic.replicas:1}") short replicas) {
        return TopicBuilder.name(RawTopic.NAME)
                .partitions(partitions)
                .replicas(replicas)
                .config("retention.ms", String.valueOf(7L * 24 * 3600 * 1000))
                .build();
    }

    @Bean
    NewTopic rawDataDeadLetterTopic(@Value("${permitwatch.monitoring.raw-topic.replicas:1}") short replicas) {
        return TopicBuilder.name(Topics.dlt(RawTopic.NAME))
                .partitions(1)
                .replicas(replicas)
                .build();
    }
}
