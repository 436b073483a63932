package org.permitwatch.support.inbox;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.permitwatch.events.Topics;
import org.permitwatch.support.migration.MigrationAutoConfiguration;
import org.permitwatch.support.tx.WholeTransactions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumer side: {@link IdempotentConsumer} and the listener error handler (bounded exponential back-off,
 * then {@code <topic>.dlt}). Boot's listener container factory picks up the {@link CommonErrorHandler} bean.
 */
@AutoConfiguration(
        after = {
            R2dbcAutoConfiguration.class,
            R2dbcTransactionManagerAutoConfiguration.class,
            KafkaAutoConfiguration.class,
            MigrationAutoConfiguration.class
        })
@ConditionalOnBooleanProperty(name = "permitwatch.inbox.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ConsumerRetryProperties.class)
public class InboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({DatabaseClient.class, ReactiveTransactionManager.class})
    IdempotentConsumer idempotentConsumer(DatabaseClient db, ReactiveTransactionManager transactionManager) {
        return new IdempotentConsumer(db, WholeTransactions.create(transactionManager));
    }

    @Bean
    @ConditionalOnMissingBean
    EventReader eventReader(ObjectProvider<JsonMapper> json) {
        return new EventReader(json.getIfAvailable(
                () -> JsonMapper.builder().findAndAddModules().build()));
    }

    /** The batch listeners' container factory ({@link BatchListeners#FACTORY}), beside Boot's record-at-a-time one. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(KafkaTemplate.class)
    @ConditionalOnBean(ConcurrentKafkaListenerContainerFactoryConfigurer.class)
    static class BatchListenerConfiguration {

        @Bean(BatchListeners.FACTORY)
        @ConditionalOnMissingBean(name = BatchListeners.FACTORY)
        ConcurrentKafkaListenerContainerFactory<Object, Object> permitWatchBatchListenerFactory(
                ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
                ConsumerFactory<Object, Object> consumers) {
            return BatchListeners.factory(configurer, consumers);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(KafkaTemplate.class)
    @ConditionalOnBooleanProperty(name = "permitwatch.kafka.consumer.error-handler-enabled", matchIfMissing = true)
    static class ErrorHandlerConfiguration {

        /**
         * Holds the dead-letter producer so it is closed with the context. Deliberately not a
         * {@code ProducerFactory} bean: that would switch off Boot's own producer factory.
         */
        static final class DeadLetterProducer implements DisposableBean {

            final DefaultKafkaProducerFactory<Object, Object> factory;

            DeadLetterProducer(DefaultKafkaProducerFactory<Object, Object> factory) {
                this.factory = factory;
            }

            @Override
            public void destroy() {
                factory.destroy();
            }
        }

        @Bean
        DeadLetterProducer permitWatchDeadLetterProducer(
                KafkaProperties kafkaProperties, ObjectProvider<KafkaConnectionDetails> connection) {
            return new DeadLetterProducer(dltProducerFactory(kafkaProperties, connection.getIfAvailable()));
        }

        @Bean
        @ConditionalOnMissingBean(CommonErrorHandler.class)
        DefaultErrorHandler permitWatchKafkaErrorHandler(
                DeadLetterProducer deadLetters, ConsumerRetryProperties retry) {
            return errorHandler(new KafkaTemplate<>(deadLetters.factory), retry);
        }

        static DefaultErrorHandler errorHandler(
                KafkaTemplate<Object, Object> dltTemplate, ConsumerRetryProperties retry) {
            // Partition -1: let the producer choose, so a DLT may have fewer partitions than its source topic.
            DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                    dltTemplate, (record, error) -> new TopicPartition(Topics.dlt(record.topic()), -1));
            ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
            backOff.setInitialInterval(retry.initialInterval().toMillis());
            backOff.setMultiplier(retry.multiplier());
            backOff.setMaxInterval(retry.maxInterval().toMillis());
            DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
            // Records that can never succeed skip the retries.
            handler.addNotRetryableExceptions(IllegalArgumentException.class);
            return handler;
        }

        /**
         * Dead letters keep the original bytes when deserialisation failed and the listener's String/byte[]
         * value otherwise, so the template serialises by type.
         */
        static DefaultKafkaProducerFactory<Object, Object> dltProducerFactory(
                KafkaProperties kafkaProperties, KafkaConnectionDetails connection) {
            Map<String, Object> config = new HashMap<>(kafkaProperties.buildProducerProperties());
            if (connection != null) {
                config.put(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        connection.getProducer().getBootstrapServers());
            }
            config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
            config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
            config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "dead-letter");
            return new DefaultKafkaProducerFactory<>(config, byType(), byType());
        }

        private static Serializer<Object> byType() {
            Map<Class<?>, Serializer<?>> delegates = new LinkedHashMap<>();
            delegates.put(byte[].class, new ByteArraySerializer());
            delegates.put(String.class, new StringSerializer());
            return new DelegatingByTypeSerializer(delegates);
        }
    }
}
