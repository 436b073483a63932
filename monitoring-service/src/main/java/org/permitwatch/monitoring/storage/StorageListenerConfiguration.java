package org.permitwatch.monitoring.storage;

import org.permitwatch.support.inbox.BatchListeners;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * The storage consumer's own container factory: Boot's settings and the shared error handler (dead-letter topic for a
 * record that can never be stored), plus batch delivery and MANUAL acknowledgement, so {@link RawDataListener} can hand
 * a poll back for a later retry ({@code nack}) when the database is away instead of letting the bounded retries of the
 * shared handler end with the whole poll in the dead-letter topic. The service's other listeners keep Boot's factory.
 */
@Configuration(proxyBeanMethods = false)
class StorageListenerConfiguration {

    static final String FACTORY = "storageListenerFactory";

    @Bean(FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> storageListenerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = BatchListeners.factory(configurer, consumers);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
        return factory;
    }
}
