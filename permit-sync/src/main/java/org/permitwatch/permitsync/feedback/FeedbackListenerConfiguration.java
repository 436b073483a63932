package org.permitwatch.permitsync.feedback;

import org.permitwatch.support.inbox.BatchListeners;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;

/** The last-inspection feed's container factory: a poll at a time (ADR 0068); the other listeners keep Boot's. */
@Configuration(proxyBeanMethods = false)
class FeedbackListenerConfiguration {

    static final String BATCHES = "feedbackBatchListenerFactory";

    @Bean(BATCHES)
    ConcurrentKafkaListenerContainerFactory<Object, Object> feedbackBatchListenerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        return BatchListeners.factory(configurer, consumers);
    }
}
