package org.permitwatch.reporting.disclosure;

import org.permitwatch.events.Topics;
import org.permitwatch.events.reporting.ReportingTopics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The chaser's topic (reporting owns it: the first topic this service writes) and {@code @Scheduled} for the chaser.
 * One partition is plenty (a handful of draws per city and month); keyed by draw id.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DisclosureChaseConfiguration {

    @Bean
    KafkaAdmin.NewTopics disclosureTopics(@Value("${permitwatch.reporting.dlt-replicas:1}") short replicas) {
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(ReportingTopics.DISCLOSURE)
                        .partitions(1)
                        .replicas(replicas)
                        .build(),
                TopicBuilder.name(Topics.dlt(ReportingTopics.DISCLOSURE))
                        .partitions(1)
                        .replicas(replicas)
                        .build());
    }
}
