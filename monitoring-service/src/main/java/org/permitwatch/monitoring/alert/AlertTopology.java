package org.permitwatch.monitoring.alert;

import java.time.ZoneId;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.permitwatch.events.Topics;
import org.permitwatch.events.monitoring.MonitoringTopics;
import org.permitwatch.monitoring.receiver.RawTopic;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert stream (docs/monitoring.md#alerts, ADR 0033):
 *
 * <pre>
 * directory.unit.events.v1 ──► global store (permit → snapshot: limits, special-period limits, standard, divisions)
 * monitoring.warning.events.v1 ──► global store (city|warning → heavy-pollution warning; ADR 0039)
 *                                        │ read by
 * monitoring.data.raw.v1 (key MN) ──► AlertProcessor [hours, days, episodes: in-memory + changelog] ──►
 *                                                                              monitoring.alert.events.v1 (key alert id)
 * </pre>
 *
 * <p>No repartition: the raw topic is keyed by MN and every series is per MN, so a task owns its MNs; the directory is a
 * global store (every instance holds all of it, a few MB for a province) so the topic's partitioning — owned by
 * permit-sync — never has to match the raw topic's.
 */
public final class AlertTopology {

    private AlertTopology() {}

    /** Adds the alert stream to {@code builder}; returns the stream of alerts (already routed to the alerts topic). */
    public static KStream<String, String> build(
            StreamsBuilder builder, RuleParameters parameters, ZoneId zone, JsonMapper json) {
        return build(builder, parameters, null, zone, json);
    }

    /** The same with the annual-tonnage branch ({@link TonnageTopology}) when {@code tonnage} is not null. */
    public static KStream<String, String> build(
            StreamsBuilder builder,
            RuleParameters parameters,
            TonnageParameters tonnage,
            ZoneId zone,
            JsonMapper json) {
        // Global stores are restored from their source topic itself: logging must be off (no changelog of its own).
        StoreBuilder<KeyValueStore<String, String>> directory = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(AlertProcessor.DIRECTORY), Serdes.String(), Serdes.String())
                .withLoggingDisabled();
        builder.addGlobalStore(
                directory,
                Topics.DIRECTORY_UNITS,
                Consumed.with(Serdes.String(), Serdes.String()),
                () -> new LatestValueUpdater(AlertProcessor.DIRECTORY, PackedSnapshots::pack));
        // The heavy-pollution warning calendar, the same way (ADR 0039): keyed <city>|<warning id>, found by prefix.
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore(SpecialPeriodLimits.WARNINGS),
                                Serdes.String(),
                                Serdes.String())
                        .withLoggingDisabled(),
                MonitoringTopics.WARNINGS,
                Consumed.with(Serdes.String(), Serdes.String()),
                () -> new LatestValueUpdater(SpecialPeriodLimits.WARNINGS, value -> value));
        builder.addStateStore(store(AlertProcessor.HOURS));
        builder.addStateStore(store(AlertProcessor.DAYS));
        builder.addStateStore(store(AlertProcessor.EPISODES));
        KStream<String, String> raw = builder.stream(RawTopic.NAME, Consumed.with(Serdes.String(), Serdes.String()));
        KStream<String, String> alerts = raw.process(
                () -> new AlertProcessor(parameters, zone, json),
                AlertProcessor.HOURS,
                AlertProcessor.DAYS,
                AlertProcessor.EPISODES);
        alerts.to(MonitoringTopics.ALERTS, Produced.with(Serdes.String(), Serdes.String()));
        if (tonnage != null) {
            TonnageTopology.attach(builder, raw, tonnage, zone, json);
        }
        return alerts;
    }

    /**
     * In memory, backed by a compacted changelog topic: the state is small (sums per open hour and day, open episodes),
     * and in-memory stores keep the service's footprint predictable where RocksDB would add native memory per store and
     * partition (ADR 0033). On a restart the stores are rebuilt from their changelogs.
     */
    private static StoreBuilder<KeyValueStore<String, String>> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.String())
                .withCachingDisabled();
    }

    /** Keeps the latest value per key (snapshot per permit, state per warning); a tombstone removes the key. */
    private static final class LatestValueUpdater implements Processor<String, String, Void, Void> {
        private final String storeName;
        private final UnaryOperator<String> stored;
        private KeyValueStore<String, String> store;

        /** {@code stored}: what the store keeps of a value (the directory's snapshots are packed, ADR 0054). */
        LatestValueUpdater(String storeName, UnaryOperator<String> stored) {
            this.storeName = storeName;
            this.stored = stored;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, String> record) {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), stored.apply(record.value()));
            }
        }
    }
}
