package org.permitwatch.support.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.permitwatch.support.migration.MigrationAutoConfiguration;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.tx.WholeTransactions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Transactional outbox: {@link OutboxWriter} for services and the {@link OutboxRelay} that publishes rows.
 * The relay owns a private idempotent producer rather than a {@code KafkaTemplate} bean, so Boot's default
 * template (conditional on a missing one) stays available to the service unchanged.
 */
@AutoConfiguration(
        after = {
            R2dbcAutoConfiguration.class,
            R2dbcTransactionManagerAutoConfiguration.class,
            KafkaAutoConfiguration.class,
            MigrationAutoConfiguration.class
        })
@ConditionalOnClass(KafkaTemplate.class)
@ConditionalOnBooleanProperty(name = "permitwatch.outbox.enabled", matchIfMissing = true)
@ConditionalOnBean({DatabaseClient.class, ReactiveTransactionManager.class})
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OutboxWriter outboxWriter(
            DatabaseClient db,
            ObjectProvider<JsonMapper> jsonMapper,
            OutboxProperties properties,
            Environment env,
            ObjectProvider<OutboxRelay> relay) {
        String source = properties.sourceOr(env.getProperty("spring.application.name", "application"));
        // The relay may be switched off (or live in another replica); then a commit just waits for the next poll.
        Runnable wakeUp = () -> relay.ifAvailable(OutboxRelay::wakeUp);
        return new OutboxWriter(
                db, jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()), source, wakeUp);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "permitwatch.outbox.relay-enabled", matchIfMissing = true)
    static class RelayConfiguration {

        @Bean
        @ConditionalOnMissingBean
        OutboxRelay outboxRelay(
                DatabaseClient db,
                ReactiveTransactionManager transactionManager,
                KafkaProperties kafkaProperties,
                ObjectProvider<KafkaConnectionDetails> connection,
                OutboxProperties properties,
                ObjectProvider<MeterRegistry> meters,
                ObjectProvider<BureauClock> clock) {
            OutboxRelay relay = new OutboxRelay(
                    db,
                    WholeTransactions.create(transactionManager),
                    new KafkaTemplate<>(producerFactory(kafkaProperties, connection.getIfAvailable())),
                    properties,
                    clock.getIfAvailable(() -> new BureauClock(Clock.systemUTC(), ZoneOffset.UTC)));
            meters.ifAvailable(registry -> Gauge.builder("permitwatch.outbox.backlog", relay, OutboxRelay::backlog)
                    .description("Outbox rows not yet acknowledged by Kafka")
                    .register(registry));
            return relay;
        }

        /** The relay's private producer: idempotent, acks from all in-sync replicas, raw JSON bytes. */
        static DefaultKafkaProducerFactory<String, byte[]> producerFactory(
                KafkaProperties kafkaProperties, KafkaConnectionDetails connection) {
            Map<String, Object> config = new HashMap<>(kafkaProperties.buildProducerProperties());
            if (connection != null) {
                config.put(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        connection.getProducer().getBootstrapServers());
            }
            config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
            return new DefaultKafkaProducerFactory<>(config);
        }
    }
}
