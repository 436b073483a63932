package org.permitwatch.monitoring.restart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.Topics;
import org.permitwatch.monitoring.MonitoringApplication;
import org.permitwatch.monitoring.MonitoringTestData;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.testsupport.SharedTestDatabase;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 18's "kill the broker for a minute and see every message still land exactly once", and the same for the
 * receiver: four units keep sending over four connections while (1) the broker — a real KRaft broker in its own JVM —
 * is killed with SIGKILL and later started again on the same port and log directory, and (2) the service itself (Spring
 * context, TCP server, producer, storage consumer) is shut down and started again on the same HJ 212 port. The units
 * behave as HJ 212 units do: a frame without a 9014 answer is resent after the unit's timeout, over a new connection if
 * need be.
 *
 * <p>This class does not use the shared test context on purpose: what it tests is a restart of that context and of a
 * broker the shared context cannot let go of. It shares the service's test database (distinct MNs).
 *
 * <p>Timings are short so the class runs in well under two minutes, without loosening what it proves: the receiver
 * waits {@code publish-timeout=2s} for the broker (30 s in production), the producer gives a record up after 20 s
 * ({@code delivery.timeout.ms}; the broker is down for longer than the receiver waits, so frames sent meanwhile are
 * certainly unanswered), and a unit resends after 3 s (a real unit: its 超时时间, often 5–10 s).
 */
class BrokerAndReceiverRestartIT {

    static final String PERMIT = "RST-PERMIT-1";
    static final int UNITS = 4;
    /** Frames per phase per unit; five phases. */
    static final int PER_PHASE = 30;

    static final int FRAMES = 5 * PER_PHASE;

    @Test
    void aBrokerKilledAndTheReceiverRestartedUnderLoadLoseAndDuplicateNothing() throws Exception {
        Path dataDir = Files.createTempDirectory("rst-broker");
        int hj212Port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            hj212Port = probe.getLocalPort();
        }
        try (BrokerProcess broker = new BrokerProcess(dataDir)) {
            broker.start();
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(Topics.DIRECTORY_UNITS, 1, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            ConfigurableApplicationContext service = start(broker, hj212Port);
            try {
                WebTestClient web = WebTestClient.bindToServer()
                        .baseUrl("http://127.0.0.1:"
                                + ((WebServerApplicationContext) service)
                                        .getWebServer()
                                        .getPort())
                        .responseTimeout(Duration.ofSeconds(30))
                        .build();
                DatabaseClient db = service.getBean(DatabaseClient.class);
                @SuppressWarnings("unchecked")
                KafkaTemplate<String, String> kafka = service.getBean(KafkaTemplate.class);
                MonitoringTestData.publish(
                        kafka,
                        service.getBean(JsonMapper.class),
                        db,
                        MonitoringTestData.unit(
                                PERMIT,
                                "140105",
                                "KEY",
                                "VALID",
                                MonitoringTestData.outlet("DA001", "主要排放口", "a21026")));
                for (int u = 0; u < UNITS; u++) {
                    MonitoringTestData.register(web, mn(u), "pw" + u, PERMIT, "DA001", "a21026");
                }
                // Minute values of the day before yesterday (within every retention, whatever the date of the run).
                LocalDateTime base =
                        service.getBean(BureauClock.class).today().minusDays(2).atStartOfDay();

                AtomicInteger allowed = new AtomicInteger(PER_PHASE);
                long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
                List<ResendingUnit> units = new ArrayList<>();
                ExecutorService pool = Executors.newFixedThreadPool(UNITS);
                for (int u = 0; u < UNITS; u++) {
                    ResendingUnit unit =
                            new ResendingUnit(hj212Port, frames(u, base), allowed::get, 40, 3_000, deadline);
                    units.add(unit);
                    pool.submit(unit);
                }

                // Phase 1, everything up: the first 30 frames of each unit are answered.
                awaitAnswered(units, PER_PHASE);

                // Phase 2, the broker killed: the next 30 frames are sent and none is answered while it is down.
                broker.kill();
                long killed = System.nanoTime();
                allowed.set(2 * PER_PHASE);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> units.stream().allMatch(x -> x.sent.get() == 2 * PER_PHASE));
                // Longer than the receiver's wait and the units' resend timeout: every one of them was resent at least
                // once and left unanswered.
                Thread.sleep(7_000);
                long restarting = System.nanoTime();
                for (ResendingUnit unit : units) {
                    assertThat(unit.answeredAmong(PER_PHASE, 2 * PER_PHASE)).isZero();
                    // An answer read after the kill must be of a frame the broker had confirmed before it: at most the
                    // few in flight at the kill, never later than the receiver's own wait.
                    assertThat(unit.answered.values())
                            .noneMatch(at -> at > killed + Duration.ofSeconds(2).toNanos() && at < restarting);
                }
                assertThat(units.stream().mapToInt(x -> x.resent.get()).sum())
                        .isGreaterThanOrEqualTo(UNITS * PER_PHASE);

                // Phase 3, the broker back on the same port and log directory: the held-back frames are answered.
                broker.start();
                allowed.set(3 * PER_PHASE);
                awaitAnswered(units, 3 * PER_PHASE);

                // Phase 4, the receiver shut down while the units send, then started again on the same port.
                allowed.set(4 * PER_PHASE);
                Thread.sleep(300);
                service.close();
                Thread.sleep(2_000);
                service = start(broker, hj212Port);
                allowed.set(FRAMES);
                awaitAnswered(units, FRAMES);
                pool.shutdown();
                assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
                assertThat(units.stream()
                                .mapToInt(x -> x.reconnects.get())
                                .min()
                                .orElseThrow())
                        .as("every unit had to reconnect after the receiver restart")
                        .isGreaterThanOrEqualTo(2);

                // Every distinct (MN, CN, DataTime) once. Per unit, 150 frames: frames 0, 60 and 120 are 2061 (hourly),
                // the other 147 are 2051 (minute), one pollutant each. 4 units × 147 = 588 rows in minute_value,
                // 4 × 3 = 12 in hourly_value.
                DatabaseClient after = service.getBean(DatabaseClient.class);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(count(after, "SELECT count(*) FROM minute_value WHERE mn LIKE 'RSTU%'"))
                            .isEqualTo(4 * 147);
                    assertThat(count(after, "SELECT count(*) FROM hourly_value WHERE mn LIKE 'RSTU%'"))
                            .isEqualTo(4 * 3);
                });
                // Each with the value its frame carried (frame i sends avg i): per unit, minute values
                // Σ i (i = 0..149) − (0 + 60 + 120) = 149 × 150 / 2 − 180 = 11,175 − 180 = 10,995; hourly 0 + 60 + 120
                // = 180.
                for (int u = 0; u < UNITS; u++) {
                    for (var table : Map.of(
                                    "minute_value", new long[] {147, 10_995}, "hourly_value", new long[] {3, 180})
                            .entrySet()) {
                        var row = after.sql("SELECT count(*) AS n, count(DISTINCT data_time) AS times, sum(avg) AS s"
                                        + " FROM " + table.getKey() + " WHERE mn = :mn")
                                .bind("mn", mn(u))
                                .fetch()
                                .one()
                                .block();
                        assertThat(((Number) row.get("n")).longValue()).isEqualTo(table.getValue()[0]);
                        assertThat(((Number) row.get("times")).longValue()).isEqualTo(table.getValue()[0]);
                        assertThat(((java.math.BigDecimal) row.get("s")).longValueExact())
                                .isEqualTo(table.getValue()[1]);
                    }
                }
            } finally {
                service.close();
            }
        }
    }

    static String mn(int unit) {
        return "RSTU000000" + unit;
    }

    /** Frame i: a 2051 minute value of minute i with avg i; every 60th frame also carries the hour as a 2061. */
    static List<String> frames(int unit, LocalDateTime base) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            String time = base.plusMinutes(i).format(f);
            String cn = i % 60 == 0 ? "2061" : "2051";
            frames.add("QN=" + unit + "-" + i + ";ST=31;CN=" + cn + ";PW=pw" + unit + ";MN=" + mn(unit)
                    + ";Flag=5;CP=&&DataTime=" + time + ";a21026-Avg=" + i + ",a21026-Flag=N&&");
        }
        return frames;
    }

    private static void awaitAnswered(List<ResendingUnit> units, int frames) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> units.stream().allMatch(u -> u.answeredAmong(0, frames) == frames));
    }

    private static long count(DatabaseClient db, String sql) {
        return db.sql(sql).map(r -> r.get(0, Long.class)).one().block();
    }

    private static ConfigurableApplicationContext start(BrokerProcess broker, int hj212Port) {
        // Command-line arguments, not builder properties: those are defaults and would lose to the service's own.
        return new SpringApplicationBuilder(MonitoringApplication.class)
                .initializers(new SharedTestDatabase(), new TestJwts.Initializer())
                .run(
                        "--eureka.client.enabled=false",
                        "--logging.structured.format.console=",
                        "--server.port=0",
                        "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                        "--permitwatch.monitoring.receiver.host=127.0.0.1",
                        "--permitwatch.monitoring.receiver.port=" + hj212Port,
                        "--permitwatch.monitoring.receiver.registry-refresh=1h",
                        "--permitwatch.monitoring.receiver.publish-timeout=2s",
                        "--permitwatch.monitoring.raw-topic.partitions=3",
                        // the receiver and storage are this test's subject; the alert stream has AlertStreamIT
                        "--permitwatch.monitoring.alerts.enabled=false",
                        "--spring.kafka.producer.properties.delivery.timeout.ms=20000",
                        "--spring.kafka.producer.properties.request.timeout.ms=5000",
                        "--spring.kafka.producer.properties.max.block.ms=5000");
    }
}
