package org.permitwatch.support.inbox;

import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * A container factory for a listener that takes a poll at a time: Boot's settings and the shared error handler
 * ({@link InboxAutoConfiguration}: retries, then the dead-letter topic; a {@code BatchListenerFailedException} names the
 * one record at fault) with batch delivery. Every service with Kafka listeners has it as the bean {@link #FACTORY}
 * ({@code @KafkaListener(containerFactory = BatchListeners.FACTORY)}); its other listeners keep Boot's
 * record-at-a-time factory. A listener that needs more (monitoring's MANUAL acks) builds its own from {@link #factory}.
 */
public final class BatchListeners {

    /** The shared batch factory's bean name. */
    public static final String FACTORY = "permitWatchBatchListenerFactory";

    private BatchListeners() {}

    public static ConcurrentKafkaListenerContainerFactory<Object, Object> factory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumers);
        factory.setBatchListener(true);
        return factory;
    }
}
