package org.permitwatch.monitoring.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.events.directory.DirectoryUnitSnapshot.Outlet;
import org.permitwatch.events.directory.DirectoryUnitSnapshot.PollutantLimit;
import org.permitwatch.events.monitoring.MonitoringAlertChanged;
import org.permitwatch.events.monitoring.MonitoringAlertChanged.SeriesPoint;
import org.permitwatch.monitoring.hj212.Hj212Segment;
import org.permitwatch.monitoring.receiver.RawTopic;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * ANNUAL_TONNAGE_AHEAD on Kafka Streams' test driver (the real topology with its repartition topic, stores and serdes):
 * a permit's two main outlets (two MNs, so two raw partitions in production) summed, a general outlet not counted, a
 * resent minute not counted twice, the forecast computed by hand, opened once and resolved.
 */
class TonnageTopologyTest {

    // checkstyle:ignore zoneLiteral — the test states the bureau's zone as permitwatch.zone configures it
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final String PERMIT = "91140100MA0TONNE01X001P";
    static final String MN1 = "MNTONNAGE00000000000001"; // DA001, main
    static final String MN2 = "MNTONNAGE00000000000002"; // DA002, main
    static final String MN3 = "MNTONNAGE00000000000003"; // DA003, general: its amounts do not count

    /** Small window for a short test: the rate over the last 3 days, judged from 2 days of data. */
    static final TonnageParameters TONNAGE = new TonnageParameters("tonnage-test.1", 3, 2);

    final JsonMapper json = JsonMapper.builder()
            .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    @TempDir
    Path stateDir;

    TopologyTestDriver driver;
    TestInputTopic<String, String> directory;
    TestInputTopic<String, String> raw;
    TestOutputTopic<String, String> alerts;

    @BeforeEach
    void start() {
        TopologyHarness h = new TopologyHarness(
                "tonnage-topology-test",
                stateDir,
                b -> AlertTopology.build(b, AlertTopologyTest.PARAMETERS, TONNAGE, BEIJING, json));
        driver = h.driver;
        directory = h.directory;
        raw = h.raw;
        alerts = h.alerts;
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void mainOutletsSummedForecastOpensOnceAndResolvesWhenItNoLongerExceeds() {
        directory.pipeInput(PERMIT, json.writeValueAsString(unit(LocalDate.of(2026, 1, 1))));
        LocalDate d20 = LocalDate.of(2026, 12, 20);
        LocalDate d21 = d20.plusDays(1);
        LocalDate d22 = d20.plusDays(2);
        LocalDate d23 = d20.plusDays(3);

        // 12-20: MN1 300 + 200 kg = 500 kg, MN2 250 kg → the permit 750 kg; MN3 (general outlet) 1,000 kg not counted.
        send(MN1, "DA001", d20.atTime(0, 0), 300);
        send(MN1, "DA001", d20.atTime(12, 0), 200);
        send(MN1, "DA001", d20.atTime(12, 0), 999); // a resend of 12:00: counted once
        send(MN2, "DA002", d20.atTime(0, 0), 250);
        send(MN3, "DA003", d20.atTime(0, 0), 1000);
        // 12-21: the same amounts. MN1's first minute of 12-21 closes its 12-20: ledger 500 kg, 1 day of data < 2 →
        // not judged; MN2's closes its 12-20: 750 kg, still 1 day.
        send(MN1, "DA001", d21.atTime(0, 0), 300);
        send(MN1, "DA001", d21.atTime(12, 0), 200);
        send(MN2, "DA002", d21.atTime(0, 0), 250);
        send(MN3, "DA003", d21.atTime(0, 0), 1000);
        assertThat(alerts()).isEmpty();

        // 12-22 00:00 from MN1 closes its 12-21 (500 kg): year to date 750 + 500 = 1,250 kg = 1.25 t; days observed
        // min(3, 12-20..12-21 = 2) = 2; recent 0.75 + 0.5 = 1.25 t / 2 = 0.625 t/day; days left after 12-21 until
        // 2027-01-01 = 12-22..12-31 = 10; forecast 1.25 + 0.625 × 10 = 7.5 t > permitted 4 + 2 = 6 t (first permit
        // year's amounts of the two main outlets) → OPEN.
        send(MN1, "DA001", d22.atTime(0, 0), 0);
        List<MonitoringAlertChanged> opened = alerts();
        assertThat(opened).hasSize(1);
        MonitoringAlertChanged open = opened.get(0);
        assertThat(open.rule()).isEqualTo("ANNUAL_TONNAGE_AHEAD");
        assertThat(open.status()).isEqualTo(MonitoringAlertChanged.OPEN);
        assertThat(open.mn()).isNull();
        assertThat(open.outletCode()).isNull();
        assertThat(open.permitNumber()).isEqualTo(PERMIT);
        assertThat(open.pollutantCode()).isEqualTo("a21026");
        assertThat(open.unit()).isEqualTo("t");
        assertThat(open.limit()).isCloseTo(6.0, within(1e-9));
        assertThat(open.worstValue()).isCloseTo(1.25, within(1e-9)); // emitted so far: not yet a violation
        assertThat(open.parametersVersion()).isEqualTo("tonnage-test.1");
        assertThat(((Number) open.parameters().get("forecastTons")).doubleValue())
                .isCloseTo(7.5, within(1e-9));
        assertThat(((Number) open.parameters().get("rateTonsPerDay")).doubleValue())
                .isCloseTo(0.625, within(1e-9));
        assertThat(((Number) open.parameters().get("remainingDays")).longValue())
                .isEqualTo(10);
        assertThat(open.parameters()).containsEntry("permitYearStart", "2026-01-01");
        assertThat(open.parameters()).containsEntry("permitYearEnd", "2027-01-01");
        assertThat(open.periodStart())
                .isEqualTo(OffsetDateTime.of(
                        2026, 12, 21, 0, 0, 0, 0, BEIJING.getRules().getOffset(d21.atStartOfDay())));
        assertThat(open.changedAt().toInstant())
                .isEqualTo(d22.atStartOfDay(BEIJING).toInstant());
        // evidence: the year's cumulative amount at the end of each day: 12-20 0.75 t, 12-21 1.25 t
        assertThat(open.evidence()).extracting(SeriesPoint::value).containsExactly(0.75, 1.25);

        // MN2 closes its 12-21 (250 kg): 1.5 t so far, rate 1.5 / 2 = 0.75 t/day, forecast 1.5 + 7.5 = 9 t > 6:
        // the alert goes on, no second OPEN.
        send(MN2, "DA002", d22.atTime(0, 0), 0);
        send(MN3, "DA003", d22.atTime(0, 0), 1000);
        assertThat(alerts()).isEmpty();

        // 12-22 emits nothing (0 kg from both). 12-23 00:00 from MN1 closes its 12-22: 1.5 t so far; days observed
        // min(3, 12-20..12-22 = 3) = 3; recent 0.75 + 0.75 + 0 = 1.5 t / 3 = 0.5 t/day; days left 12-23..12-31 = 9;
        // forecast 1.5 + 0.5 × 9 = 6.0 t, not above 6 → RESOLVED.
        send(MN1, "DA001", d23.atTime(0, 0), 0);
        List<MonitoringAlertChanged> resolved = alerts();
        assertThat(resolved).hasSize(1);
        MonitoringAlertChanged end = resolved.get(0);
        assertThat(end.status()).isEqualTo(MonitoringAlertChanged.RESOLVED);
        assertThat(end.alertId()).isEqualTo(open.alertId());
        assertThat(end.worstValue()).isCloseTo(1.5, within(1e-9));
        assertThat(((Number) end.parameters().get("forecastTons")).doubleValue())
                .isCloseTo(6.0, within(1e-9));
        assertThat(end.changedAt().toInstant())
                .isEqualTo(d23.atStartOfDay(BEIJING).toInstant());
    }

    @Test
    void permitYearsRunFromValidFromAndSumTheMainOutletsOnly() {
        DirectoryUnitSnapshot unit = unit(LocalDate.of(2025, 3, 15));
        // 2026-03-14 is still the first permit year (2025-03-15 .. 2026-03-14), 2026-03-15 starts the second
        assertThat(PermitTonnage.yearIndex(unit, LocalDate.of(2026, 3, 14))).isZero();
        assertThat(PermitTonnage.yearIndex(unit, LocalDate.of(2026, 3, 15))).isEqualTo(1);
        assertThat(PermitTonnage.yearIndex(unit, LocalDate.of(2025, 3, 14))).isEqualTo(-1);
        // first year 4 + 2 = 6 t; second 9 + 3 = 12 t; the general outlet's 100 t never counts; no third year
        assertThat(PermitTonnage.permittedTons(unit, "a21026", 0)).isEqualTo(6.0);
        assertThat(PermitTonnage.permittedTons(unit, "a21026", 1)).isEqualTo(12.0);
        assertThat(PermitTonnage.permittedTons(unit, "a21026", 2)).isNull();
        assertThat(PermitTonnage.permittedTons(unit, "a21002", 0)).isNull();
    }

    void send(String mn, String outlet, LocalDateTime time, double couKg) {
        String segment = "QN=1;ST=31;CN=2051;PW=123456;MN=" + mn + ";Flag=4;CP=&&DataTime="
                + Hj212Segment.DATA_TIME.format(time)
                + ";a21026-Avg=20,a21026-Cou=" + couKg + ",a21026-Flag=N&&";
        RecordHeaders headers = new RecordHeaders();
        headers.add(RawTopic.PERMIT_NO, PERMIT.getBytes(StandardCharsets.UTF_8));
        headers.add(RawTopic.OUTLET_CODE, outlet.getBytes(StandardCharsets.UTF_8));
        raw.pipeInput(
                new TestRecord<>(mn, segment, headers, time.atZone(BEIJING).toInstant()));
    }

    /**
     * The tonnage alerts written since the last call. The point rules judge the same minutes too (this series' 12-hour
     * gaps are DATA_MISSING to them): they are not this test's subject and are left out.
     */
    List<MonitoringAlertChanged> alerts() {
        List<MonitoringAlertChanged> out = new ArrayList<>();
        for (String value : alerts.readValuesToList()) {
            MonitoringAlertChanged alert = json.readValue(value, MonitoringAlertChanged.class);
            if (alert.rule().equals("ANNUAL_TONNAGE_AHEAD")) {
                out.add(alert);
            }
        }
        return out;
    }

    static PollutantLimit so2(List<Double> annual) {
        return new PollutantLimit("a21026", "二氧化硫", 100.0, null, "mg/m3", annual, "GB 16171-2012");
    }

    static DirectoryUnitSnapshot unit(LocalDate validFrom) {
        List<Outlet> outlets = List.of(
                new Outlet("DA001", "焦炉烟囱", "废气", "主要排放口", List.of(so2(List.of(4.0, 9.0)))),
                new Outlet("DA002", "装煤地面站", "废气", "主要排放口", List.of(so2(List.of(2.0, 3.0)))),
                new Outlet("DA003", "锅炉", "废气", "一般排放口", List.of(so2(List.of(100.0)))));
        return new DirectoryUnitSnapshot(
                PERMIT,
                "91140100MA0TONNE01X",
                "测试焦化二厂",
                "140000",
                "140100",
                "140105",
                "2520",
                "炼焦",
                "COKING",
                "KEY",
                "VALID",
                validFrom,
                validFrom.plusYears(5).minusDays(1),
                false,
                "KEY",
                false,
                outlets,
                null,
                0,
                1,
                null,
                null);
    }
}
