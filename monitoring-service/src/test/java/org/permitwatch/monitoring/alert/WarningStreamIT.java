package org.permitwatch.monitoring.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.events.directory.DirectoryUnitSnapshot.Outlet;
import org.permitwatch.events.directory.DirectoryUnitSnapshot.PollutantLimit;
import org.permitwatch.events.directory.DirectoryUnitSnapshot.SpecialLimit;
import org.permitwatch.events.directory.DirectoryUnitSnapshot.SpecialPeriod;
import org.permitwatch.events.monitoring.HeavyPollutionWarningChanged;
import org.permitwatch.events.monitoring.MonitoringAlertChanged;
import org.permitwatch.events.monitoring.MonitoringTopics;
import org.permitwatch.monitoring.Hj212Client;
import org.permitwatch.monitoring.MonitoringIntegrationTest;
import org.permitwatch.monitoring.MonitoringTestData;
import org.permitwatch.monitoring.hj212.Hj212Frame;
import org.permitwatch.monitoring.hj212.Hj212Segment;
import org.permitwatch.monitoring.receiver.Hj212Server;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A heavy-pollution warning from the API to the judgement, end to end (ADR 0039): declared over real HTTP, written to
 * the database and the outbox, relayed to the compacted warning topic, held by the running stream's global store; then
 * minute data through the real HJ 212 receiver and broker. An hour inside the warning is judged against the permit's
 * reduced limit, an hour before it and an hour after the warning is lifted against the normal one.
 *
 * <p>The permit is in 晋城 (140525, city 140500), a city no other test declares warnings for.
 */
@MonitoringIntegrationTest
class WarningStreamIT {

    static final String PERMIT = "ALERT-PERMIT-3";
    static final String MN = "ALERT00000000000000003";
    static final String PW = "pw-alert-3";
    static final String PROVINCE = TestJwts.bearer("PROVINCE", "140000");

    @Autowired
    Hj212Server server;

    @Autowired
    WebTestClient web;

    @Autowired
    BureauClock clock;

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
        // Coal-fired boiler (GB 13223-2011, O2ref 6 %): normal hourly SO2 limit 35; the permit's 重污染天气应对 limit
        // for DA001 SO2 24.5 (= 35 × 0.7).
        Outlet boiler = new Outlet(
                "DA001",
                "1#燃煤锅炉排放口",
                "废气",
                "主要排放口",
                List.of(new PollutantLimit("a21026", "二氧化硫", 35.0, null, "mg/m3", List.of(), "GB 13223-2011")));
        DirectoryUnitSnapshot unit = MonitoringTestData.withSpecialPeriods(
                MonitoringTestData.withOutlets(MonitoringTestData.unit(PERMIT, "140525", "KEY", "VALID"), boiler),
                new SpecialPeriod(
                        SpecialPeriod.HEAVY_POLLUTION_WEATHER,
                        "橙色及以上预警期间执行特别排放限值",
                        List.of(new SpecialLimit("DA001", "a21026", 24.5, null, "mg/m3"))));
        MonitoringTestData.publish(kafka, json, db, unit);
        MonitoringTestData.registerAs(web, PROVINCE, MN, PW, PERMIT, "DA001", "a21026", "a19001");
    }

    @Test
    void anHourInsideADeclaredWarningIsJudgedAgainstTheReducedLimitAndLiftingItRestoresTheNormalOne() throws Exception {
        LocalDateTime h8 = LocalDateTime.of(2026, 11, 4, 8, 0);
        OffsetDateTime t8 = h8.atZone(clock.zone()).toOffsetDateTime();
        // Declared by the province for 晋城 from 09:00, open-ended.
        String id = (String) web.post()
                .uri("/api/v1/monitoring/heavy-pollution-warnings")
                .header("Authorization", PROVINCE)
                .bodyValue(Map.of("cityCode", "140500", "level", "ORANGE", "startsAt", iso(t8.plusHours(1))))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        awaitWarningOnTopic(id, null);

        // Every hour: 60 valid minutes of SO2 24 at O2 9 % → corrected 24 × (21 − 6) / (21 − 9) = 24 × 15 / 12 = 30.
        // 30 ≤ 35 (normal) but 30 > 24.5 (reduced).
        try (Hj212Client unit = new Hj212Client(server.port())) {
            // 08:00, before the warning: normal limit 35 → nothing. 09:00, inside it: 30 > 24.5 → OPEN.
            hour(unit, h8);
            hour(unit, h8.plusHours(1));
            List<MonitoringAlertChanged> open = awaitAlerts(1);
            MonitoringAlertChanged opened = open.get(0);
            assertThat(opened.status()).isEqualTo(MonitoringAlertChanged.OPEN);
            assertThat(opened.periodStart()).isEqualTo(t8.plusHours(1));
            assertThat(opened.worstValue()).isCloseTo(30.0, within(1e-9));
            assertThat(opened.limit()).isEqualTo(24.5);
            assertThat(opened.parameters())
                    .containsEntry("limitBasis", "SPECIAL_PERIOD")
                    .containsEntry("specialPeriod", SpecialPeriod.HEAVY_POLLUTION_WEATHER)
                    .containsEntry("normalLimit", 35.0)
                    .containsEntry("warningId", id)
                    .containsEntry("warningLevel", "ORANGE");

            // Lifted at 10:00 over the API; the 10:00 hour (the same 30) is judged against 35 again → RESOLVED.
            web.post()
                    .uri("/api/v1/monitoring/heavy-pollution-warnings/{id}/lift", id)
                    .header("Authorization", PROVINCE)
                    .bodyValue(Map.of("endsAt", iso(t8.plusHours(2))))
                    .exchange()
                    .expectStatus()
                    .isOk();
            awaitWarningOnTopic(id, t8.plusHours(2));
            hour(unit, h8.plusHours(2));
        }
        List<MonitoringAlertChanged> alerts = awaitAlerts(2);
        assertThat(alerts)
                .extracting(MonitoringAlertChanged::status)
                .containsExactly(MonitoringAlertChanged.OPEN, MonitoringAlertChanged.RESOLVED);
        MonitoringAlertChanged resolved = alerts.get(1);
        assertThat(resolved.alertId()).isEqualTo(alerts.get(0).alertId());
        assertThat(resolved.periodEnd()).isEqualTo(t8.plusHours(2));
        assertThat(resolved.limit()).isEqualTo(35.0);
        assertThat(resolved.parameters()).doesNotContainKey("limitBasis").doesNotContainKey("warningId");
    }

    private static String iso(OffsetDateTime time) {
        return time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** 60 minutes of SO2 24 at O2 9 %, each answered only once the broker holds it. */
    private static void hour(Hj212Client unit, LocalDateTime hour) throws Exception {
        for (int m = 0; m < 60; m++) {
            String segment = "QN=" + (20261104000000000L + hour.getHour() * 100L + m) + ";ST=31;CN=2051;PW=" + PW
                    + ";MN=" + MN + ";Flag=5;CP=&&DataTime=" + Hj212Segment.DATA_TIME.format(hour.plusMinutes(m))
                    + ";a21026-Avg=24,a21026-Flag=N;a19001-Avg=9,a19001-Flag=N&&";
            assertThat(Hj212Frame.unwrap(unit.send(segment).answer()).ok()).isTrue();
        }
    }

    private List<MonitoringAlertChanged> awaitAlerts(int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> hourly().size() >= count);
        return hourly();
    }

    private List<MonitoringAlertChanged> hourly() {
        return MonitoringTestData.alerts(
                bootstrap, json, a -> MN.equals(a.mn()) && a.rule().equals("HOURLY_EXCEEDANCE"));
    }

    /**
     * Waits until the outbox relay has put the warning's state (with {@code endsAt}) on the compacted topic the
     * stream's global store follows: only then can data sent afterwards be judged under it. The global store reads
     * the topic continuously; the data of the next hour take seconds to send, far longer than it needs.
     */
    private void awaitWarningOnTopic(String id, OffsetDateTime endsAt) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HeavyPollutionWarningChanged last = null;
            Map<String, Object> config = new HashMap<>();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            config.put(ConsumerConfig.GROUP_ID_CONFIG, "warning-stream-it-" + UUID.randomUUID());
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            try (KafkaConsumer<String, String> consumer =
                    new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(MonitoringTopics.WARNINGS));
                for (int polls = 0; polls < 10; polls++) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                        if (r.key() != null && r.key().endsWith("|" + id) && r.value() != null) {
                            last = json.readValue(r.value(), HeavyPollutionWarningChanged.class);
                        }
                    }
                }
            }
            return last != null
                    && (endsAt == null
                            ? last.endsAt() == null
                            : last.endsAt() != null && last.endsAt().isEqual(endsAt));
        });
    }
}
