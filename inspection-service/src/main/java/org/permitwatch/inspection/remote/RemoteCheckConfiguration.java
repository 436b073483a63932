package org.permitwatch.inspection.remote;

import org.apache.kafka.clients.admin.NewTopic;
import org.permitwatch.events.enforcement.EnforcementTopics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.json.JsonMapper;

/** Remote-check wiring: the validated rules file, the alert topic (auto-create is off) and the nightly schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(RemoteCheckProperties.class)
class RemoteCheckConfiguration {

    @Bean
    RemoteRules remoteRules(RemoteCheckProperties properties, ResourceLoader resources, JsonMapper json) {
        return RemoteRules.load(resources.getResource(properties.rulesResource()), json);
    }

    @Bean
    NewTopic inspectionAlertEventsTopic(RemoteCheckProperties properties) {
        return TopicBuilder.name(EnforcementTopics.ALERTS)
                .partitions(properties.topicPartitions())
                .replicas(properties.topicReplicas())
                .build();
    }
}
