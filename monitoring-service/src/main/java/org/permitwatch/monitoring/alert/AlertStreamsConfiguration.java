package org.permitwatch.monitoring.alert;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.kstream.KStream;
import org.permitwatch.events.Topics;
import org.permitwatch.events.monitoring.MonitoringTopics;
import org.permitwatch.support.time.BureauClock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert stream as a Kafka Streams application managed by spring-kafka's StreamsBuilderFactoryBean (started and
 * stopped with the context). Exactly-once (v2): the stores' changelogs, the alerts and the consumed offsets commit in
 * one transaction, so a crash neither loses nor repeats an alert (consumers read committed).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AlertProperties.class, TonnageProperties.class})
class AlertStreamsConfiguration {

    /**
     * The alerts topic belongs to this service: kept forever, not compacted (every state change is a fact consumers
     * rebuild from), as its KafkaTopic in k8s/backing/kafka/topics.
     */
    @Bean
    NewTopic alertsTopic(AlertProperties properties) {
        return TopicBuilder.name(MonitoringTopics.ALERTS)
                .partitions(properties.partitions())
                .replicas(properties.replicas())
                .config("retention.ms", "-1")
                .build();
    }

    @Bean
    NewTopic alertsDeadLetterTopic(AlertProperties properties) {
        return TopicBuilder.name(Topics.dlt(MonitoringTopics.ALERTS))
                .partitions(1)
                .replicas(properties.replicas())
                .build();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "permitwatch.monitoring.alerts.enabled", matchIfMissing = true)
    @EnableKafkaStreams
    static class Streams {

        @Bean(name = KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME)
        KafkaStreamsConfiguration alertStreamsConfig(AlertProperties properties, KafkaProperties kafka) {
            // Spring's spring.kafka.* (bootstrap servers, TLS/SASL, common properties) first, ours on top.
            Map<String, Object> config = new HashMap<>(kafka.buildStreamsProperties());
            config.put(StreamsConfig.APPLICATION_ID_CONFIG, properties.applicationId());
            config.put(StreamsConfig.STATE_DIR_CONFIG, properties.stateDir());
            config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, properties.threads());
            config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) properties.replicas());
            // A record the processor fails on is logged and skipped: one MN's odd message must not stop the judging of
            // every MN of its partition (the default would stop the stream thread).
            config.put(
                    StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                    LogAndContinueProcessingExceptionHandler.class);
            config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
            config.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
            // Stores are uncached and the commit interval (100 ms under exactly-once) bounds the alert latency.
            config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
            config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
            // Memory (the service's 300 MB budget, docs/benchmarks.md "Alert stream: memory"): the clients' defaults
            // are
            // sized for big brokers' throughput — 1 MB per partition and fetch (a raw message is ~300 B: 3,000
            // messages,
            // three times what the stream buffers per partition anyway), 50 MB per fetch, 32 MB of producer buffer —
            // and each of the stream's consumers (main, restore, global) and its producer keep such buffers on the
            // heap.
            config.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), 256 * 1024);
            config.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), 4 * 1024 * 1024);
            config.put(StreamsConfig.producerPrefix(ProducerConfig.BUFFER_MEMORY_CONFIG), 8L * 1024 * 1024);
            config.put(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG, 500);
            // How long a vanished instance (crash, kill -9: no leave-group) holds its partitions before another takes
            // them over; heartbeats stay at a third of it.
            long session = properties.sessionTimeout().toMillis();
            config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) session);
            config.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), (int) (session / 3));
            return new KafkaStreamsConfiguration(config);
        }

        /**
         * Leave the consumer group on close: otherwise (Kafka Streams' default) the partitions of an instance that
         * stops — a rolling update — stay unassigned until the session times out (45 s), far beyond the seconds an
         * hour's alert may take; leaving hands them over at once, and the stores restore from their changelogs.
         */
        @Bean
        StreamsBuilderFactoryBeanConfigurer alertStreamsLifecycle() {
            return factory -> {
                factory.setLeaveGroupOnClose(true);
                factory.setAutoStartup(false); // AlertStreamStarter starts it once the directory topic exists
            };
        }

        @Bean
        AlertStreamStarter alertStreamStarter(StreamsBuilderFactoryBean streams, KafkaAdmin admin) {
            return new AlertStreamStarter(streams, admin);
        }

        @Bean
        KStream<String, String> alertStream(
                StreamsBuilder builder, AlertProperties properties, TonnageProperties tonnage, BureauClock clock) {
            // Its own mapper: times keep their +08:00 offset through the stores, as the bureau reads them.
            JsonMapper json = JsonMapper.builder()
                    .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                    .build();
            return AlertTopology.build(
                    builder,
                    properties.parameters().toRules(),
                    tonnage.enabled() ? tonnage.parameters() : null,
                    clock.zone(),
                    json);
        }
    }
}
