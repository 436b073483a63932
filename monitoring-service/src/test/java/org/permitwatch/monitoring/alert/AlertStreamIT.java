package org.permitwatch.monitoring.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.events.directory.DirectoryUnitSnapshot.Outlet;
import org.permitwatch.events.directory.DirectoryUnitSnapshot.PollutantLimit;
import org.permitwatch.events.monitoring.MonitoringAlertChanged;
import org.permitwatch.monitoring.Hj212Client;
import org.permitwatch.monitoring.MonitoringIntegrationTest;
import org.permitwatch.monitoring.MonitoringTestData;
import org.permitwatch.monitoring.hj212.Hj212Frame;
import org.permitwatch.monitoring.hj212.Hj212Segment;
import org.permitwatch.monitoring.receiver.Hj212Server;
import org.permitwatch.support.time.BureauClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert stream on the real embedded broker, fed through the real HJ 212 receiver: crafted minute data give the
 * right alerts; the streams application closed in the middle of an hour and started again loses and repeats nothing
 * (its open hour is restored from the changelog, exactly-once); a second application replaying the raw topic from the
 * start names the same alerts with the same content.
 */
@MonitoringIntegrationTest
class AlertStreamIT {

    static final String PERMIT = "ALERT-PERMIT-1";
    static final String MN = "ALERT00000000000000001";
    static final String PW = "pw-alert-1";

    @Autowired
    Hj212Server server;

    @Autowired
    StreamsBuilderFactoryBean streams;

    @Autowired
    BureauClock clock;

    @Autowired
    MeterRegistry meters;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    final JsonMapper json = JsonMapper.builder()
            .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    @BeforeAll
    static void directoryAndPoint(
            @Autowired KafkaTemplate<String, String> kafka,
            @Autowired JsonMapper json,
            @Autowired DatabaseClient db,
            @Autowired WebTestClient web) {
        DirectoryUnitSnapshot unit = MonitoringTestData.unit(PERMIT, "140105", "KEY", "VALID");
        Outlet boiler = new Outlet(
                "DA001",
                "1#燃煤锅炉排放口",
                "废气",
                "主要排放口",
                List.of(new PollutantLimit("a21026", "二氧化硫", 35.0, null, "mg/m3", List.of(), "GB 13223-2011")));
        MonitoringTestData.publish(kafka, json, db, MonitoringTestData.withOutlets(unit, boiler));
        MonitoringTestData.register(web, MN, PW, PERMIT, "DA001", "a21026", "a19001");
    }

    /**
     * The memory budget (ADR 0057): Kafka Streams' own per-thread/task/node/store metrics are not bound to Micrometer,
     * while the stream's consumer stays bound, so the consumer-lag alert rule still sees the alert stream.
     */
    @Test
    void kafkaStreamsOwnMetricsAreNotBoundButItsConsumerLagIs() {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> meters.find("kafka.consumer.fetch.manager.records.lag.max").meters().stream()
                        .anyMatch(AlertStreamIT::ofTheStreamThread));
        assertThat(meters.getMeters())
                .filteredOn(AlertStreamIT::ofTheStreamThread)
                .extracting(meter -> meter.getId().getName())
                .contains("kafka.consumer.coordinator.commit.total", "kafka.producer.record.send.total");
        assertThat(meters.getMeters())
                .extracting(meter -> meter.getId().getName())
                .noneMatch(name -> name.startsWith("kafka.stream."));
    }

    private static boolean ofTheStreamThread(Meter meter) {
        String client = meter.getId().getTag("client.id");
        return client != null && client.contains("-StreamThread-");
    }

    @Test
    void minuteDataBecomeAlertsExactlyOnceAcrossARestartAndAReplayNamesTheSame() throws Exception {
        LocalDateTime h8 = LocalDateTime.of(2026, 11, 2, 8, 0);
        try (Hj212Client unit = new Hj212Client(server.port())) {
            // 08:00 — 60 valid minutes of SO2 40 at O2 9 %: 40 × (21 − 6) / (21 − 9) = 50 > 35 → OPEN.
            minutes(unit, h8, 0, 60, 40, 9);
            List<MonitoringAlertChanged> open = awaitAlerts(1);
            assertThat(open.get(0).status()).isEqualTo(MonitoringAlertChanged.OPEN);
            assertThat(open.get(0).worstValue()).isCloseTo(50.0, within(1e-9));

            // 09:00 — 20 at O2 11 %: 20 × 15 / 10 = 30 ≤ 35. The first 30 minutes go in, then the streams
            // application is closed mid-hour and the other 30 arrive while it is down. Started again, it must restore
            // the 30 it had (from the changelog): with only 30 of them the hour would be invalid (< 45) and nothing
            // would resolve.
            minutes(unit, h8.plusHours(1), 0, 30, 20, 11);
            streams.stop();
            minutes(unit, h8.plusHours(1), 30, 60, 20, 11);
            streams.start();
            // 10:00 — over the limit again: 40 at 9 % → 50 > 35 → a new episode, a new alert.
            minutes(unit, h8.plusHours(2), 0, 60, 40, 9);
        }
        List<MonitoringAlertChanged> alerts = awaitAlerts(3);
        OffsetDateTime start = h8.atZone(clock.zone()).toOffsetDateTime();
        assertThat(alerts)
                .extracting(MonitoringAlertChanged::status)
                .containsExactly(
                        MonitoringAlertChanged.OPEN, MonitoringAlertChanged.RESOLVED, MonitoringAlertChanged.OPEN);
        assertThat(alerts.get(1).alertId()).isEqualTo(alerts.get(0).alertId());
        assertThat(alerts.get(1).periodEnd()).isEqualTo(start.plusHours(1));
        assertThat(alerts.get(2).alertId()).isNotEqualTo(alerts.get(0).alertId());
        assertThat(alerts.get(2).periodStart()).isEqualTo(start.plusHours(2));
        // Nothing more arrives (no duplicate from the restart): 3 stays 3 a while later.
        Thread.sleep(2_000);
        assertThat(readAlerts()).hasSize(3);

        // Replay: another application reads the raw topic from the start and writes its alerts too; they carry the
        // same keys (alert ids) and the same values as the first run's.
        List<ConsumerRecord<String, String>> first = readRecords();
        Path state = Files.createTempDirectory("alert-replay");
        StreamsBuilder builder = new StreamsBuilder();
        AlertTopology.build(builder, replayParameters(), clock.zone(), json);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "alert-replay-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        try (KafkaStreams replay = new KafkaStreams(builder.build(), props)) {
            replay.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> readRecords().size() == 6);
        }
        // Each of the first run's records is there twice now — same key, same value — and nothing else is.
        Map<String, Long> copies = new HashMap<>();
        readRecords().forEach(r -> copies.merge(r.key() + "\n" + r.value(), 1L, Long::sum));
        Map<String, Long> expected = new HashMap<>();
        first.forEach(r -> expected.put(r.key() + "\n" + r.value(), 2L));
        assertThat(copies).isEqualTo(expected);
    }

    /** The service's own parameters, as the replaying application must use the same version to judge the same. */
    @Autowired
    AlertProperties properties;

    private RuleParameters replayParameters() {
        return properties.parameters().toRules();
    }

    private static void minutes(Hj212Client unit, LocalDateTime hour, int from, int to, double so2, double oxygen) {
        for (int m = from; m < to; m++) {
            String segment = "QN=" + (20261102000000000L + m) + ";ST=31;CN=2051;PW=" + PW + ";MN=" + MN
                    + ";Flag=5;CP=&&DataTime=" + Hj212Segment.DATA_TIME.format(hour.plusMinutes(m))
                    + ";a21026-Avg=" + so2 + ",a21026-Flag=N;a19001-Avg=" + oxygen + ",a19001-Flag=N&&";
            // Answered only once the broker holds it: the order and the "before the restart" are certain.
            assertThat(Hj212Frame.unwrap(unit.send(segment).answer()).ok()).isTrue();
        }
    }

    private List<MonitoringAlertChanged> awaitAlerts(int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> readAlerts().size() >= count);
        return readAlerts();
    }

    private List<MonitoringAlertChanged> readAlerts() {
        List<MonitoringAlertChanged> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : readRecords()) {
            out.add(json.readValue(r.value(), MonitoringAlertChanged.class));
        }
        return out;
    }

    /** This class's alerts on the topic, as a consumer reading committed data sees them (never an aborted write). */
    private List<ConsumerRecord<String, String>> readRecords() {
        return MonitoringTestData.alertRecords(bootstrap, json, a -> MN.equals(a.mn()));
    }
}
