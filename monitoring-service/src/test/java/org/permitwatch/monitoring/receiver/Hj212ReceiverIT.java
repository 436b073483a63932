package org.permitwatch.monitoring.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.permitwatch.monitoring.Hj212Client;
import org.permitwatch.monitoring.MonitoringIntegrationTest;
import org.permitwatch.monitoring.MonitoringTestData;
import org.permitwatch.monitoring.hj212.Hj212Frame;
import org.permitwatch.monitoring.hj212.Hj212Segment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The receiver against a real TCP connection, the real broker and the real database: every data command, every
 * refusal with its QnRtn, duplicates, backfill, out-of-order data, concurrent connections, a connection that stalls,
 * and the storage consumer stopped and restarted mid-stream.
 */
@MonitoringIntegrationTest
class Hj212ReceiverIT {

    static final String PERMIT = "RCV-PERMIT-1";
    static final String MN = "RCV0000000001";
    static final String PW = "pw-rcv-1";

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    Hj212Server server;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @BeforeAll
    static void directoryAndPoint(
            @Autowired KafkaTemplate<String, String> kafka,
            @Autowired JsonMapper json,
            @Autowired DatabaseClient db,
            @Autowired WebTestClient web) {
        MonitoringTestData.publish(
                kafka,
                json,
                db,
                MonitoringTestData.unit(
                        PERMIT,
                        "140105",
                        "KEY",
                        "VALID",
                        MonitoringTestData.outlet("DA001", "主要排放口", "a21026", "a21002", "a34013")));
        MonitoringTestData.register(web, MN, PW, PERMIT, "DA001", "a21026", "a21002", "a34013");
        for (int i = 0; i < 8; i++) {
            MonitoringTestData.register(web, "RCVC" + i, "pw" + i, PERMIT, "DA001", "a21026");
        }
    }

    static String segment(String qn, String cn, String mn, String pw, int flag, String dataTime, String values) {
        return "QN=" + qn + ";ST=31;CN=" + cn + ";PW=" + pw + ";MN=" + mn + ";Flag=" + flag + ";CP=&&DataTime="
                + dataTime + ";" + values + "&&";
    }

    static String hourly(String qn, String dataTime, String avg) {
        return segment(
                qn,
                "2061",
                MN,
                PW,
                5,
                dataTime,
                "a21026-Min=1,a21026-Avg=" + avg + ",a21026-Max=99,"
                        + "a21026-Cou=0.5,a21026-Flag=N;a34013-Avg=3.2,a34013-Flag=M");
    }

    private long rows(String table, String time) {
        return db.sql("SELECT count(*) FROM " + table + " WHERE mn = :mn AND data_time = CAST(:t AS timestamptz)")
                .bind("mn", MN)
                .bind("t", time)
                .map(r -> r.get(0, Long.class))
                .one()
                .block();
    }

    private double rejected(String reason) {
        return meters.counter("monitoring.hj212.rejected", "reason", reason).count();
    }

    @Test
    void everyDataCommandIsAnsweredAfterItIsKeptAndLandsInItsTable() {
        try (Hj212Client unit = new Hj212Client(server.port())) {
            String answer = unit.send(hourly("20260801090000001", "20260801080000", "20.5"))
                    .answer();
            assertThat(answer)
                    .contains("QN=20260801090000001;ST=91;CN=9014;PW=" + PW + ";MN=" + MN + ";Flag=4;CP=&&&&");
            assertThat(Hj212Frame.unwrap(answer).ok()).isTrue();

            unit.send(segment("q2", "2051", MN, PW, 5, "20260801080100", "a21026-Min=1,a21026-Avg=2,a21026-Max=3"));
            assertThat(unit.answer()).contains("QN=q2;").contains("CN=9014");
            unit.send(segment("q3", "2031", MN, PW, 5, "20260801000000", "a21026-Avg=7.25,a21026-Flag=N"));
            assertThat(unit.answer()).contains("QN=q3;");
            unit.send(segment("q4", "2011", MN, PW, 5, "20260901090005", "a21026-Rtd=33.3,a21026-Flag=N"));
            assertThat(unit.answer()).contains("QN=q4;");
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(rows("hourly_value", "2026-08-01T08:00:00+08:00")).isEqualTo(2); // a21026 and a34013
            assertThat(rows("minute_value", "2026-08-01T08:01:00+08:00")).isEqualTo(1);
            assertThat(rows("daily_value", "2026-08-01T00:00:00+08:00")).isEqualTo(1);
        });
        var hour = db.sql("SELECT avg, min, max, cou, flag FROM hourly_value WHERE mn = :mn AND pollutant = 'a21026'"
                        + " AND data_time = '2026-08-01T08:00:00+08:00'")
                .bind("mn", MN)
                .fetch()
                .one()
                .block();
        assertThat(hour).containsEntry("flag", "N");
        assertThat(((java.math.BigDecimal) hour.get("avg"))).isEqualByComparingTo("20.5");
        assertThat(((java.math.BigDecimal) hour.get("cou"))).isEqualByComparingTo("0.5");
        // 2011 keeps no series; it is the newest value of a21026 (DataTime 2026-09-01 is after every other test's).
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                db.sql("SELECT cn, value FROM latest_value WHERE mn = :mn AND pollutant = 'a21026'")
                                        .bind("mn", MN)
                                        .fetch()
                                        .one()
                                        .block())
                        .containsEntry("cn", "2011")
                        .containsEntry("value", new java.math.BigDecimal("33.3")));
    }

    @Test
    void flagWithoutTheAnswerBitIsKeptButNotAnswered() {
        try (Hj212Client unit = new Hj212Client(server.port())) {
            unit.send(segment("n1", "2061", MN, PW, 4, "20260802080000", "a21026-Avg=1"));
            unit.send(segment("n2", "2061", MN, PW, 5, "20260802090000", "a21026-Avg=1"));
            // Answers come in frame order: the first answer is n2's, so n1 had none.
            assertThat(unit.answer()).contains("QN=n2;");
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(rows("hourly_value", "2026-08-02T08:00:00+08:00"))
                        .isEqualTo(1));
    }

    @Test
    void everyRefusalIsAnsweredWithTheStandardsCodeCountedAndStoresNothing() {
        double crc = rejected("bad-crc");
        double mn = rejected("unknown-mn");
        double pw = rejected("wrong-password");
        double malformed = rejected("malformed");
        double cn = rejected("unsupported-cn");
        double tooLong = rejected("too-long");
        try (Hj212Client unit = new Hj212Client(server.port())) {
            String good = Hj212Frame.wrap(hourly("c1", "20260803080000", "1")).trim();
            String badCrc = good.substring(0, good.length() - 4) + "0000";
            assertThat(unit.raw(badCrc + "\r\n").answer())
                    .contains("QN=c1;")
                    .contains("CN=9011")
                    .contains("QnRtn=9&&");
            unit.send(segment("c2", "2061", "NOSUCHMN", PW, 5, "20260803080000", "a21026-Avg=1"));
            assertThat(unit.answer()).contains("QN=c2;").contains("MN=NOSUCHMN").contains("QnRtn=4&&");
            unit.send(segment("c3", "2061", MN, "wrong", 5, "20260803080000", "a21026-Avg=1"));
            assertThat(unit.answer()).contains("QN=c3;").contains("QnRtn=3&&");
            unit.send(segment("c4", "2061", MN, PW, 5, "20260803080000", "a21026-Avg=abc"));
            assertThat(unit.answer()).contains("QN=c4;").contains("QnRtn=100&&");
            unit.send(segment("c5", "2061", MN, PW, 5, "2026-08-03", "a21026-Avg=1"));
            assertThat(unit.answer()).contains("QN=c5;").contains("QnRtn=100&&");
            unit.send("QN=c6;ST=32;CN=1062;PW=" + PW + ";MN=" + MN + ";Flag=5;CP=&&RtdInterval=30&&");
            assertThat(unit.answer()).contains("QN=c6;").contains("QnRtn=8&&");
            // Declared length wrong and an over-long line: nothing to answer (no trusted QN), the connection lives on.
            unit.raw("##0999QN=c7;ST=31&&ABCD\r\n");
            unit.raw("x".repeat(Hj212Frame.MAX_FRAME + 100) + "\r\n");
            unit.send(hourly("c8", "20260803090000", "1"));
            assertThat(unit.answer()).contains("QN=c8;").contains("CN=9014");
        }
        assertThat(rejected("bad-crc") - crc).isEqualTo(1);
        assertThat(rejected("unknown-mn") - mn).isEqualTo(1);
        assertThat(rejected("wrong-password") - pw).isEqualTo(1);
        assertThat(rejected("malformed") - malformed).isEqualTo(3); // c4, c5 and the wrong length
        assertThat(rejected("unsupported-cn") - cn).isEqualTo(1);
        assertThat(rejected("too-long") - tooLong).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(rows("hourly_value", "2026-08-03T09:00:00+08:00"))
                        .isEqualTo(2));
        assertThat(rows("hourly_value", "2026-08-03T08:00:00+08:00")).isZero();
    }

    @Test
    void theSameValueTwiceIsOneRowAndBackfillAndOutOfOrderDataAreKept() {
        try (Hj212Client unit = new Hj212Client(server.port())) {
            unit.send(hourly("d1", "20260804100000", "10"));
            unit.send(hourly("d1", "20260804100000", "10")); // resent after a lost answer
            unit.send(hourly("d2", "20260804080000", "8")); // out of order
            // 补发 after an outage: three months back, a month whose partition the maintenance never created.
            unit.send(hourly("d3", "20260501120000", "5"));
            for (String qn : List.of("d1", "d1", "d2", "d3")) {
                assertThat(unit.answer()).contains("QN=" + qn + ";");
            }
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(rows("hourly_value", "2026-08-04T10:00:00+08:00")).isEqualTo(2);
            assertThat(rows("hourly_value", "2026-08-04T08:00:00+08:00")).isEqualTo(2);
            assertThat(rows("hourly_value", "2026-05-01T12:00:00+08:00")).isEqualTo(2);
        });
        assertThat(db.sql("SELECT count(*) FROM pg_class WHERE relname = 'hourly_value_202605'")
                        .map(r -> r.get(0, Long.class))
                        .one()
                        .block())
                .isEqualTo(1);
    }

    @Test
    void concurrentConnectionsAreAllAnsweredAndAStalledOneHoldsNobodyUp() throws Exception {
        int units = 8;
        int frames = 25;
        try (Hj212Client stalled = new Hj212Client(server.port())) {
            // Half a frame and no end: its connection waits for the rest, the others must not.
            stalled.raw("##0200QN=stalled;ST=31;CN=2061;PW=x;MN=");
            ExecutorService pool = Executors.newFixedThreadPool(units);
            try {
                List<Future<Integer>> done = new ArrayList<>();
                for (int u = 0; u < units; u++) {
                    String mn = "RCVC" + u;
                    String pw = "pw" + u;
                    done.add(pool.submit(() -> {
                        int answered = 0;
                        try (Hj212Client unit = new Hj212Client(server.port())) {
                            for (int f = 0; f < frames; f++) {
                                String time = String.format("202608050%d%02d00", f / 60, f % 60);
                                unit.send(segment(mn + "-" + f, "2051", mn, pw, 5, time, "a21026-Avg=" + f));
                            }
                            for (int f = 0; f < frames; f++) {
                                if (unit.answer().contains("QN=" + mn + "-" + f + ";")) {
                                    answered++;
                                }
                            }
                        }
                        return answered;
                    }));
                }
                for (Future<Integer> answered : done) {
                    assertThat(answered.get()).isEqualTo(frames);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        // 8 units × 25 minute values, each once.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> db.sql("SELECT count(*) FROM minute_value WHERE mn LIKE 'RCVC%'")
                                .map(r -> r.get(0, Long.class))
                                .one()
                                .block()
                        == units * frames);
    }

    @Test
    void theStorageConsumerStoppedMidStreamLosesAndDuplicatesNothing() {
        var storage = listeners.getListenerContainer("monitoring-storage");
        try (Hj212Client unit = new Hj212Client(server.port())) {
            for (int h = 0; h < 6; h++) {
                unit.send(hourly("s" + h, String.format("202608060%d0000", h), String.valueOf(h)));
                assertThat(unit.answer()).contains("QN=s" + h + ";");
                if (h == 2) {
                    storage.stop();
                }
            }
            // While the consumer is down the broker holds the frames; the unit resends two it thinks were lost.
            unit.send(hourly("s4", "20260806040000", "4"));
            unit.send(hourly("s5", "20260806050000", "5"));
            unit.answer();
            unit.answer();
        } finally {
            storage.start();
        }
        // 6 hours × 2 pollutants, whatever the consumer saw before it stopped and after it started again.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> db.sql("SELECT count(*) FROM hourly_value WHERE mn = :mn"
                                        + " AND data_time >= '2026-08-06T00:00:00+08:00'"
                                        + " AND data_time < '2026-08-07T00:00:00+08:00'")
                                .bind("mn", MN)
                                .map(r -> r.get(0, Long.class))
                                .one()
                                .block()
                        == 12);
        assertThat(Hj212Segment.DATA_TIME).isNotNull();
    }
}
