package org.permitwatch.monitoring.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
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
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rule about the point as a whole (ADR 0038) through the real HJ 212 receiver, broker and streams application: a
 * point registered to an outlet its permit lacks opens UNKNOWN_OUTLET with its first judged minute, and the permit's
 * next snapshot listing that outlet (published on the directory topic as permit-sync does) resolves it with the
 * point's next minute.
 */
@MonitoringIntegrationTest
class PointAlertStreamIT {

    static final String PERMIT = "ALERT-PERMIT-2";
    static final String MN = "ALERT00000000000000002";
    static final String PW = "pw-alert-2";

    @Autowired
    Hj212Server server;

    @Autowired
    BureauClock clock;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    DatabaseClient db;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    final JsonMapper json = JsonMapper.builder()
            .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    final AtomicInteger sent = new AtomicInteger();

    @BeforeAll
    static void directoryAndPoint(
            @Autowired KafkaTemplate<String, String> kafka,
            @Autowired JsonMapper json,
            @Autowired DatabaseClient db,
            @Autowired WebTestClient web) {
        // The permit lists DA001 only; the point is registered to DA009 (accepted, shown with outletOnPermit=false).
        MonitoringTestData.publish(
                kafka,
                json,
                db,
                MonitoringTestData.unit(
                        PERMIT, "140105", "KEY", "VALID", MonitoringTestData.outlet("DA001", "主要排放口", "a21026")));
        MonitoringTestData.register(web, MN, PW, PERMIT, "DA009", "a21026");
    }

    @Test
    void dataFromAnOutletThePermitLacksOpensUnknownOutletAndThePermitGainingItResolves() throws Exception {
        LocalDateTime h8 = LocalDateTime.of(2026, 11, 3, 8, 0);
        List<MonitoringAlertChanged> open;
        try (Hj212Client unit = new Hj212Client(server.port())) {
            // One minute at a time until the stream has judged one: its directory is a global store that follows the
            // topic on its own, so the very first minute may come before it holds the permit (then it is not judged).
            open = sendUntil(unit, h8, 1);
            DirectoryUnitSnapshot gained = MonitoringTestData.unit(
                    PERMIT,
                    "140105",
                    "KEY",
                    "VALID",
                    MonitoringTestData.outlet("DA001", "主要排放口", "a21026"),
                    MonitoringTestData.outlet("DA009", "一般排放口", "a21026"));
            MonitoringTestData.publish(kafka, json, db, MonitoringTestData.withVersion(gained, 2));
            sendUntil(unit, h8, 2);
        }
        List<MonitoringAlertChanged> alerts = readAlerts();
        assertThat(alerts)
                .extracting(MonitoringAlertChanged::status)
                .containsExactly(MonitoringAlertChanged.OPEN, MonitoringAlertChanged.RESOLVED);
        MonitoringAlertChanged opened = open.get(0);
        OffsetDateTime start = opened.periodStart();
        // Opened by a minute that was sent (08:00 + k), dated by it; id = rule | MN | claimed outlet | – | that minute.
        assertThat(start.atZoneSameInstant(clock.zone()).toLocalDateTime()).isBetween(h8, h8.plusMinutes(sent.get()));
        assertThat(opened.alertId())
                .isEqualTo(UUID.nameUUIDFromBytes(
                        ("UNKNOWN_OUTLET|" + MN + "|DA009||" + start.toInstant().toString())
                                .getBytes(StandardCharsets.UTF_8)));
        assertThat(opened.outletCode()).isEqualTo("DA009");
        assertThat(opened.permitNumber()).isEqualTo(PERMIT);
        assertThat(opened.countyCode()).isEqualTo("140105");
        assertThat(opened.pollutantCode()).isNull();
        assertThat(opened.changedAt()).isEqualTo(start.plusMinutes(1)); // the end of the minute that opened it
        MonitoringAlertChanged resolved = alerts.get(1);
        assertThat(resolved.alertId()).isEqualTo(opened.alertId());
        // resolved by a later minute: its periodEnd is that minute, changedAt its end
        assertThat(resolved.periodEnd()).isAfter(start);
        assertThat(resolved.changedAt()).isEqualTo(resolved.periodEnd().plusMinutes(1));
        // Nothing more for this point (each state once, exactly-once).
        Thread.sleep(2_000);
        assertThat(readAlerts()).hasSize(2);
    }

    /** Sends the next minute every second until {@code count} UNKNOWN_OUTLET alerts of the point are on the topic. */
    private List<MonitoringAlertChanged> sendUntil(Hj212Client unit, LocalDateTime h8, int count) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    int m = sent.getAndIncrement();
                    String segment = "QN=" + (20261103000000000L + m) + ";ST=31;CN=2051;PW=" + PW + ";MN=" + MN
                            + ";Flag=5;CP=&&DataTime=" + Hj212Segment.DATA_TIME.format(h8.plusMinutes(m))
                            + ";a21026-Avg=12.5,a21026-Flag=N&&";
                    assertThat(Hj212Frame.unwrap(unit.send(segment).answer()).ok())
                            .isTrue();
                    return readAlerts().size() >= count;
                });
        return readAlerts();
    }

    /** This point's UNKNOWN_OUTLET alerts, as a consumer reading committed data sees them. */
    private List<MonitoringAlertChanged> readAlerts() {
        return MonitoringTestData.alerts(
                bootstrap, json, a -> MN.equals(a.mn()) && a.rule().equals("UNKNOWN_OUTLET"));
    }
}
