package org.permitwatch.permitsync.feedback;

import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * A container factory for the feedback listener that takes a poll at a time: Boot's settings and the shared error
 * handler (retries, then the dead-letter topic), with batch delivery. The other listeners keep Boot's factory.
 */
@Configuration(proxyBeanMethods = false)
class FeedbackListenerConfiguration {

    static final String BATCHES = "feedbackBatchListenerFactory";

    @Bean(BATCHES)
    ConcurrentKafkaListenerContainerFactory<Object, Object> feedbackBatchListenerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumers);
        factory.setBatchListener(true);
        return factory;
    }
}
