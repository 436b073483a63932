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
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.CloudEventHeaders;
import org.permitwatch.events.Topics;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.mock.NationalPlatformMock;
import org.permitwatch.permitsync.PermitSyncIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** 10,000 mocked permits end to end: directory equals the platform, the compacted topic holds one snapshot per permit. */
class LargeSyncIT extends PermitSyncIntegrationTest {

    private static final int SIZE = 10_000;

    @Autowired
    JsonMapper json;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registerCommon(registry, mock(LargeSyncIT.class, SIZE));
        registry.add("permitwatch.outbox.batch-size", () -> "500");
    }

    @Test
    void tenThousandPermitsReachTheDirectoryAndTheChangelog() throws Exception {
        NationalPlatformMock platform = mock(LargeSyncIT.class, SIZE);
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

        Map<String, Long> directoryVersions = new HashMap<>();
        db.sql("SELECT permit_no, version FROM directory_unit")
                .map(r -> Map.entry(r.get("permit_no", String.class), r.get("version", Long.class)))
                .all()
                .doOnNext(e -> directoryVersions.put(e.getKey(), e.getValue()))
                .blockLast();

        Map<String, DirectoryUnitSnapshot> latest = readChangelog(SIZE, Duration.ofMinutes(3));
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

    /** Reads the topic from the start, keeping the latest snapshot per key, until {@code keys} keys were seen. */
    private Map<String, DirectoryUnitSnapshot> readChangelog(int keys, Duration atMost) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "large-sync-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        Map<String, DirectoryUnitSnapshot> latest = new HashMap<>();
        long deadline = System.nanoTime() + atMost.toNanos();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.DIRECTORY_UNITS));
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
