package org.permitwatch.permitsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.CloudEventHeaders;
import org.permitwatch.events.Topics;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.mock.NationalPlatformMock;
import org.permitwatch.permitsync.NationalPlatformMocks;
import org.permitwatch.permitsync.PermitSyncTestSupport;
import org.permitwatch.support.memory.GarbageCollections;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.json.JsonMapper;

/** 10,000 mocked permits end to end: directory equals the platform, the compacted topic holds one snapshot per permit. */
class LargeSyncIT extends PermitSyncTestSupport {

    private static final int SIZE = 10_000;

    @Autowired
    JsonMapper json;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @Override
    protected NationalPlatformMock platform() {
        return NationalPlatformMocks.of(SIZE);
    }

    @Test
    void tenThousandPermitsReachTheDirectoryAndTheChangelog() throws Exception {
        NationalPlatformMock platform = platform();
        // The topic outlives the test class (one broker per JVM): earlier classes' snapshots, some of the same
        // permits, are already in it. Only what this sync publishes, from here on, is read back.
        Map<TopicPartition, Long> before = endOffsets();
        long fullCollectionsBefore = GarbageCollections.Counts.now().full();
        long started = System.nanoTime();

        UUID id = syncToSuccess("FULL", 3);

        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "LargeSyncIT: %d permits synced in %.1f s (%.0f permits/s), %d list + %d detail calls%n",
                SIZE,
                seconds,
                SIZE / seconds,
                platform.stats().listRequests(),
                platform.stats().detailRequests());
        assertDirectoryEqualsPlatform(platform);
        assertThat(intOf(run(id), "created")).isEqualTo(SIZE);
        // A run this large gives its heap back once it has ended (ADR 0062): one full collection follows it.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (GarbageCollections.Counts.now().full() == fullCollectionsBefore && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(GarbageCollections.Counts.now().full())
                .as("full collections after the run")
                .isGreaterThan(fullCollectionsBefore);

        Map<String, Long> directoryVersions = new HashMap<>();
        db.sql("SELECT permit_no, version FROM directory_unit")
                .map(r -> Map.entry(r.get("permit_no", String.class), r.get("version", Long.class)))
                .all()
                .doOnNext(e -> directoryVersions.put(e.getKey(), e.getValue()))
                .blockLast();

        Map<String, DirectoryUnitSnapshot> latest = readChangelog(before, SIZE, Duration.ofMinutes(3));
        assertThat(latest).hasSize(SIZE);
        latest.forEach((key, snapshot) -> {
            assertThat(snapshot.permitNo()).isEqualTo(key);
            assertThat(snapshot.version()).as(key).isEqualTo(directoryVersions.get(key));
        });
        DirectoryUnitSnapshot any = latest.values().iterator().next();
        assertThat(any.cityCode()).startsWith(any.provinceCode().substring(0, 2));
        assertThat(any.keyIndustry()).isNotBlank();

        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.DIRECTORY_UNITS);
            var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    private Properties consumerProperties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "large-sync-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        return props;
    }

    /** Where each partition of the changelog ends now. */
    private Map<TopicPartition, Long> endOffsets() {
        try (var consumer =
                new KafkaConsumer<>(consumerProperties(), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(Topics.DIRECTORY_UNITS, Duration.ofSeconds(30)).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(30));
        }
    }

    /**
     * Reads the topic from the offsets {@code from}, keeping the latest snapshot per key, until {@code keys} keys
     * were seen.
     */
    private Map<String, DirectoryUnitSnapshot> readChangelog(
            Map<TopicPartition, Long> from, int keys, Duration atMost) {
        Map<String, DirectoryUnitSnapshot> latest = new HashMap<>();
        long deadline = System.nanoTime() + atMost.toNanos();
        try (var consumer =
                new KafkaConsumer<>(consumerProperties(), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            while (latest.size() < keys && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
                    assertThat(type).isNotNull();
                    assertThat(new String(type.value(), StandardCharsets.UTF_8)).isEqualTo(DirectoryUnitSnapshot.TYPE);
                    latest.put(record.key(), json.readValue(record.value(), DirectoryUnitSnapshot.class));
                }
            }
        }
        return latest;
    }
}
