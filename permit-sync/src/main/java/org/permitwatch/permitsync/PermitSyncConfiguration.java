package org.permitwatch.permitsync;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.permitwatch.events.Topics;
import org.permitwatch.support.tx.WholeTransactions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

@Configuration(proxyBeanMethods = false)
class PermitSyncConfiguration {

    /**
     * The directory changelog: compacted, so the topic keeps the latest snapshot per permit forever and a
     * consumer can rebuild its projection from the beginning.
     */
    @Bean
    NewTopic directoryUnitsTopic(
            @Value("${permitwatch.kafka.directory-topic.partitions:3}") int partitions,
            @Value("${permitwatch.kafka.directory-topic.replicas:1}") int replicas) {
        return TopicBuilder.name(Topics.DIRECTORY_UNITS)
                .partitions(partitions)
                .replicas(replicas)
                .configs(Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000"))
                .build();
    }

    @Bean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
        return WholeTransactions.create(transactionManager);
    }
}
