package org.permitwatch.monitoring.alert;

import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.permitwatch.events.Topics;
import org.permitwatch.events.monitoring.MonitoringTopics;
import org.permitwatch.monitoring.receiver.RawTopic;

/**
 * An alert topology on Kafka Streams' own test driver (the real topology, stores and serdes, exactly-once; no broker),
 * with the topics the topology tests feed (the directory changelog, the warning calendar, the raw data) and read
 * (the alerts). One place for the wiring the four topology tests share.
 */
final class TopologyHarness {

    final TopologyTestDriver driver;
    final TestInputTopic<String, String> directory;
    final TestInputTopic<String, String> warnings;
    final TestInputTopic<String, String> raw;
    final TestOutputTopic<String, String> alerts;

    /** {@code topology} adds the topology under test to the builder, e.g. {@code b -> AlertTopology.build(b, …)}. */
    TopologyHarness(String applicationId, Path stateDir, Consumer<StreamsBuilder> topology) {
        StreamsBuilder builder = new StreamsBuilder();
        topology.accept(builder);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(builder.build(), props);
        directory = driver.createInputTopic(
                Topics.DIRECTORY_UNITS,
                Serdes.String().serializer(),
                Serdes.String().serializer());
        warnings = driver.createInputTopic(
                MonitoringTopics.WARNINGS,
                Serdes.String().serializer(),
                Serdes.String().serializer());
        raw = driver.createInputTopic(
                RawTopic.NAME, Serdes.String().serializer(), Serdes.String().serializer());
        alerts = driver.createOutputTopic(
                MonitoringTopics.ALERTS,
                Serdes.String().deserializer(),
                Serdes.String().deserializer());
    }
}
