package org.permitwatch.monitoring.alert;

import java.time.ZoneId;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.permitwatch.events.monitoring.MonitoringTopics;
import tools.jackson.databind.json.JsonMapper;

/**
 * The annual-tonnage branch of the alert stream (ADR 0040):
 *
 * <pre>
 * raw (key MN) ──► TonnageCollector [MN × pollutant: open day's kg] ──► OutletDay, key permit|pollutant
 *   ──► repartition topic "…-tonnage-repartition" ──► TonnageJudge [permit × pollutant: TonnageLedger]
 *   ──► monitoring.alert.events.v1
 * </pre>
 *
 * <p>A permit's outlets have different MNs, hence different raw partitions; the repartition brings their days together.
 * It carries one record per point × pollutant × day (10,000 points × 3 pollutants = 30,000 a day), not per minute.
 * Both stores in memory with changelogs, uncached, like the rest of the stream; exactly-once covers the repartition
 * topic too (it is written and its offsets committed in the same transactions).
 */
final class TonnageTopology {

    static final String REPARTITION = "tonnage";

    private TonnageTopology() {}

    static void attach(
            StreamsBuilder builder,
            KStream<String, String> raw,
            TonnageParameters parameters,
            ZoneId zone,
            JsonMapper json) {
        builder.addStateStore(store(TonnageCollector.DAYS));
        builder.addStateStore(store(TonnageJudge.LEDGERS));
        raw.process(() -> new TonnageCollector(zone, json), TonnageCollector.DAYS)
                .repartition(Repartitioned.<String, String>with(Serdes.String(), Serdes.String())
                        .withName(REPARTITION))
                .process(() -> new TonnageJudge(parameters, zone, json), TonnageJudge.LEDGERS)
                .to(MonitoringTopics.ALERTS, Produced.with(Serdes.String(), Serdes.String()));
    }

    private static StoreBuilder<KeyValueStore<String, String>> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.String())
                .withCachingDisabled();
    }
}
