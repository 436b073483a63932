package org.permitwatch.monitoring.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permitwatch.events.CloudEventHeaders;
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
 * The alert topology on Kafka Streams' own test driver (the real topology, stores and serdes; no broker): hand-computed
 * hourly and daily means with flags, validity thresholds and reference-oxygen correction, each exceedance rule opening
 * once and resolving, and a replay naming the same alerts.
 */
class AlertTopologyTest {

    // checkstyle:ignore zoneLiteral — the test states the bureau's zone as permitwatch.zone configures it
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final String PERMIT = "91140100MA0TEST01X001P";
    static final String MN = "MNALERT0000000000000001";

    /** The version and thresholds of application.yml (HJ 76-2017 附录 B: 45 minutes, 20 hours; 4 constant hours). */
    static final RuleParameters PARAMETERS = new RuleParameters(
            "test.1",
            45,
            20,
            1,
            1,
            4,
            List.of(
                    new RuleParameters.ReferenceOxygen("GB 13223-2011", "燃气轮机", 15, "燃气轮机组"),
                    new RuleParameters.ReferenceOxygen("GB 13223-2011", null, 6, "燃煤锅炉")));

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
        driver = driver(stateDir);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    TopologyTestDriver driver(Path dir) {
        TopologyHarness h =
                new TopologyHarness("alert-topology-test", dir, b -> AlertTopology.build(b, PARAMETERS, BEIJING, json));
        directory = h.directory;
        raw = h.raw;
        alerts = h.alerts;
        return h.driver;
    }

    @Test
    void referenceOxygenCorrection() {
        // 40 mg/m3 at 9 % O2 to 6 %: 40 × (21 − 6) / (21 − 9) = 40 × 15 / 12 = 50
        assertThat(AlertProcessor.correct(40, 9.0, 6)).isCloseTo(50.0, within(1e-9));
        // gas turbine, 15 %: 30 at 16 % → 30 × 6 / 5 = 36
        assertThat(AlertProcessor.correct(30, 16.0, 15)).isCloseTo(36.0, within(1e-9));
        assertThat(AlertProcessor.correct(30, null, 6)).isNull();
        assertThat(AlertProcessor.correct(30, 21.0, 6)).isNull();
        assertThat(PARAMETERS.referenceOxygen("GB 13223-2011《火电厂大气污染物排放标准》", "2#燃气轮机排放口"))
                .isEqualTo(15.0);
        assertThat(PARAMETERS.referenceOxygen("GB 13223-2011", "1#燃煤锅炉排放口")).isEqualTo(6.0);
        assertThat(PARAMETERS.referenceOxygen("GB 8978-1996", "废水总排口")).isNull();
    }

    @Test
    void hourlyExceedanceOpensOnceAndResolvesOnAValidHourUnderTheLimit() {
        directory(so2Limit(35.0, null));
        LocalDateTime h8 = LocalDateTime.of(2026, 12, 1, 8, 0);
        // 08:00 — minutes 0..44 valid: SO2 40 at O2 9 % → corrected 40 × 15/12 = 50; minutes 45..59 flagged M (维护)
        // with 500, excluded. 45 valid minutes ≥ 45 → valid hour, corrected mean 50 > 35 → OPEN.
        hour(h8, m -> m < 45 ? minute(40, 9, "N") : minute(500, 9, "M"));
        // 09:00 — 44 valid minutes of 10 at 9 % (→ 12.5), 16 flagged D (故障): 44 < 45 → invalid hour, neither extends
        // nor resolves the episode, shown in the evidence.
        hour(h8.plusHours(1), m -> m < 44 ? minute(10, 9, "N") : minute(0, 9, "D"));
        // 10:00 — 60 valid minutes of 24 at 13 %: 24 × 15/8 = 45 > 35 → the episode goes on, no second OPEN.
        hour(h8.plusHours(2), m -> minute(24, 13, "N"));
        // 11:00 — 60 valid minutes of 20 at 11 %: 20 × 15/10 = 30 ≤ 35 → RESOLVED, ended at 11:00.
        hour(h8.plusHours(3), m -> minute(20, 11, "N"));

        List<MonitoringAlertChanged> out = alerts();
        assertThat(out)
                .extracting(MonitoringAlertChanged::status)
                .containsExactly(MonitoringAlertChanged.OPEN, MonitoringAlertChanged.RESOLVED);
        MonitoringAlertChanged open = out.get(0);
        OffsetDateTime start = h8.atZone(BEIJING).toOffsetDateTime();
        // The id names rule, MN, outlet, pollutant and the episode's start (08:00 Beijing = 00:00 UTC).
        assertThat(open.alertId())
                .isEqualTo(UUID.nameUUIDFromBytes("HOURLY_EXCEEDANCE|%s|DA001|a21026|2026-12-01T00:00:00Z"
                        .formatted(MN)
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(open.rule()).isEqualTo("HOURLY_EXCEEDANCE");
        assertThat(open.periodStart()).isEqualTo(start);
        assertThat(open.periodEnd()).isEqualTo(start.plusHours(1));
        assertThat(open.changedAt()).isEqualTo(start.plusHours(1));
        assertThat(open.worstValue()).isCloseTo(50.0, within(1e-9));
        assertThat(open.limit()).isEqualTo(35.0);
        assertThat(open.standard()).isEqualTo("GB 13223-2011");
        assertThat(open.parametersVersion()).isEqualTo("test.1");
        assertThat(open.parameters())
                .containsEntry("minValidPerHour", 45)
                .containsEntry("referenceOxygen", 6.0)
                .containsEntry("dryBasis", "AS_MEASURED");
        assertThat(open.permitNumber()).isEqualTo(PERMIT);
        assertThat(open.cityCode()).isEqualTo("140100");
        assertThat(open.outletCode()).isEqualTo("DA001");
        assertThat(open.evidence()).hasSize(1);
        assertPoint(open.evidence().get(0), start, 40.0, 50.0, true);

        MonitoringAlertChanged resolved = out.get(1);
        assertThat(resolved.alertId()).isEqualTo(open.alertId());
        assertThat(resolved.periodEnd()).isEqualTo(start.plusHours(3));
        assertThat(resolved.changedAt()).isEqualTo(start.plusHours(4)); // judged when 11:00–12:00 was complete
        // worst of 50 (08:00) and 45 (10:00); the invalid 09:00 is never judged
        assertThat(resolved.worstValue()).isCloseTo(50.0, within(1e-9));
        assertThat(resolved.evidence()).hasSize(4);
        assertPoint(resolved.evidence().get(1), start.plusHours(1), 10.0, 12.5, false);
        assertPoint(resolved.evidence().get(2), start.plusHours(2), 24.0, 45.0, true);
        assertPoint(resolved.evidence().get(3), start.plusHours(3), 20.0, 30.0, true);
    }

    @Test
    void dailyExceedanceNeedsTwentyValidHours() {
        directory(so2Limit(null, 50.0));
        LocalDateTime d1 = LocalDateTime.of(2026, 12, 1, 0, 0);
        // O2 6 % = the reference: corrected = measured × 15/15.
        // Day 1: hours 0..19 of 60, hours 20..23 flagged F (停运): 20 valid hours ≥ 20, mean 60 > 50 → OPEN.
        day(d1, h -> h < 20 ? minute(60, 6, "N") : minute(60, 6, "F"));
        // Day 2: hours 0..18 of 40, 19..23 F: 19 valid hours < 20 → invalid day, no resolution.
        day(d1.plusDays(1), h -> h < 19 ? minute(40, 6, "N") : minute(40, 6, "F"));
        // Day 3: hours 0..11 of 30, 12..23 of 50: (12 × 30 + 12 × 50) / 24 = 960 / 24 = 40 ≤ 50 → RESOLVED.
        day(d1.plusDays(2), h -> h < 12 ? minute(30, 6, "N") : minute(50, 6, "N"));

        // (The crafted hours are constant too — 20 hours of 60 — so CONSTANT_VALUE fires as well; not this test's.)
        List<MonitoringAlertChanged> out = alerts().stream()
                .filter(a -> a.rule().equals("DAILY_EXCEEDANCE"))
                .toList();
        assertThat(out)
                .extracting(MonitoringAlertChanged::status)
                .containsExactly(MonitoringAlertChanged.OPEN, MonitoringAlertChanged.RESOLVED);
        OffsetDateTime day1 = d1.atZone(BEIJING).toOffsetDateTime();
        assertThat(out.get(0).periodStart()).isEqualTo(day1);
        assertThat(out.get(0).worstValue()).isCloseTo(60.0, within(1e-9));
        assertThat(out.get(0).parameters())
                .containsEntry("minValidHoursPerDay", 20)
                .doesNotContainKey("dailyMean");
        assertThat(out.get(1).periodEnd()).isEqualTo(day1.plusDays(2));
        assertThat(out.get(1).evidence()).hasSize(3);
        assertPoint(out.get(1).evidence().get(1), day1.plusDays(1), 40.0, 40.0, false);
        assertPoint(out.get(1).evidence().get(2), day1.plusDays(2), 40.0, 40.0, true);
    }

    @Test
    void aWastewaterDayIsTheFlowWeightedMeanOfItsValidHoursAndArithmeticOnlyWhereItCannotBeWeighted() {
        directory(codDailyLimit(50.0));
        LocalDateTime d1 = LocalDateTime.of(2026, 12, 1, 0, 0);
        // Day 1, COD (w01018) every minute, flow w00000 every minute:
        //   hours 0..11: 20 mg/L at 5 L/s, sent with -Cou=0.3 m3 per minute → Qi = 60 × 0.3 = 18 m3 per hour;
        //   hours 12..23: 80 mg/L at 15 L/s, sent without -Cou → 15 L/s × 60 s / 1000 = 0.9 m3 per minute → 54 m3.
        // Flow-weighted (HJ 356-2019): (12 × 18 × 20 + 12 × 54 × 80) / (12 × 18 + 12 × 54) = (4,320 + 51,840) / 864
        //   = 56,160 / 864 = 65.0 > 50 → OPEN. (The arithmetic mean, (12 × 20 + 12 × 80) / 24 = 50, would not exceed.)
        for (int h = 0; h < 24; h++) {
            boolean morning = h < 12;
            for (int m = 0; m < 60; m++) {
                sendWater(
                        d1.plusHours(h).plusMinutes(m), morning ? 20 : 80, morning ? 5.0 : 15.0, morning ? 0.3 : null);
            }
        }
        // Day 2: hours 0..11 30 mg/L at 15 L/s, hours 12..23 60 mg/L with no flow sent: a valid hour without a flow,
        // so the day cannot be weighted → arithmetic (12 × 30 + 12 × 60) / 24 = 45 ≤ 50 → RESOLVED.
        for (int h = 0; h < 24; h++) {
            boolean morning = h < 12;
            for (int m = 0; m < 60; m++) {
                sendWater(d1.plusDays(1).plusHours(h).plusMinutes(m), morning ? 30 : 60, morning ? 15.0 : null, null);
            }
        }
        List<MonitoringAlertChanged> out = alerts().stream()
                .filter(a -> a.rule().equals("DAILY_EXCEEDANCE"))
                .toList();
        assertThat(out)
                .extracting(MonitoringAlertChanged::status)
                .containsExactly(MonitoringAlertChanged.OPEN, MonitoringAlertChanged.RESOLVED);
        OffsetDateTime day1 = d1.atZone(BEIJING).toOffsetDateTime();
        assertThat(out.get(0).pollutantCode()).isEqualTo("w01018");
        assertThat(out.get(0).worstValue()).isCloseTo(65.0, within(1e-9));
        assertThat(out.get(0).limit()).isEqualTo(50.0);
        assertThat(out.get(0).parameters()).containsEntry("dailyMean", "FLOW_WEIGHTED");
        assertThat(out.get(0).evidence().get(0).time()).isEqualTo(day1);
        assertThat(out.get(0).evidence().get(0).value()).isCloseTo(65.0, within(1e-9));
        assertThat(out.get(0).evidence().get(0).corrected()).isNull();
        assertThat(out.get(1).parameters()).containsEntry("dailyMean", "ARITHMETIC");
        assertThat(out.get(1).evidence().get(1).value()).isCloseTo(45.0, within(1e-9));
        assertThat(out.get(1).periodEnd()).isEqualTo(day1.plusDays(1));
    }

    @Test
    void aLateMinuteOfAJudgedHourChangesNothingAndUnboundDataIsNotJudged() {
        directory(so2Limit(35.0, null));
        LocalDateTime h8 = LocalDateTime.of(2026, 12, 1, 8, 0);
        hour(h8, m -> minute(40, 9, "N")); // 50 corrected > 35 → OPEN
        // A resend of 08:30 after the hour was judged, far under the limit: dropped, the hour is not judged again.
        send(h8.plusMinutes(30), minute(1, 9, "N"), true);
        // Data of a message without binding headers (written before points carried them): not judged.
        for (int m = 0; m < 60; m++) {
            send(h8.plusHours(1).plusMinutes(m), minute(1, 9, "N"), false);
        }
        assertThat(alerts()).extracting(MonitoringAlertChanged::status).containsExactly(MonitoringAlertChanged.OPEN);
    }

    @Test
    void theAlertsCarryCloudEventsHeadersAndAReplayNamesTheSameAlerts(@TempDir Path otherState) {
        directory(so2Limit(35.0, null));
        LocalDateTime h8 = LocalDateTime.of(2026, 12, 1, 8, 0);
        hour(h8, m -> minute(40, 9, "N"));
        hour(h8.plusHours(1), m -> minute(20, 11, "N"));
        List<TestRecord<String, String>> first = alerts.readRecordsToList();
        assertThat(first).hasSize(2);
        assertThat(new String(
                        first.get(0)
                                .headers()
                                .lastHeader(CloudEventHeaders.TYPE)
                                .value(),
                        StandardCharsets.UTF_8))
                .isEqualTo(MonitoringAlertChanged.TYPE);

        // The same input from the start on a fresh application: the same keys and the same values.
        driver.close();
        driver = driver(otherState);
        directory(so2Limit(35.0, null));
        hour(h8, m -> minute(40, 9, "N"));
        hour(h8.plusHours(1), m -> minute(20, 11, "N"));
        List<TestRecord<String, String>> replay = alerts.readRecordsToList();
        assertThat(replay)
                .extracting(TestRecord::key)
                .containsExactlyElementsOf(first.stream().map(TestRecord::key).toList());
        assertThat(replay)
                .extracting(TestRecord::value)
                .containsExactlyElementsOf(first.stream().map(TestRecord::value).toList());
    }

    @Test
    void zeroOrNegativeValuesWhileTheSourceRuns() {
        directory(so2Limit(35.0, null));
        LocalDateTime h8 = LocalDateTime.of(2026, 12, 1, 8, 0);
        // 08:00 — every valid minute 0 (flag N: the source runs) → max 0 ≤ 0 → OPEN (under the limit: no exceedance).
        hour(h8, m -> minute(0, 9, "N"));
        // 09:00 — every valid minute −1 → goes on; the worst value is the lowest, −1.
        hour(h8.plusHours(1), m -> minute(-1, 9, "N"));
        // 10:00 — minutes 0..29 of 0, 30..59 of 5: max 5 > 0 → RESOLVED. Mean (30 × 0 + 30 × 5) / 60 = 2.5,
        // corrected 2.5 × 15 / 12 = 3.125.
        hour(h8.plusHours(2), m -> minute(m < 30 ? 0 : 5, 9, "N"));
        // 11:00 — a stopped source (flag F) sending 0 is not judged.
        hour(h8.plusHours(3), m -> minute(0, 9, "F"));

        List<MonitoringAlertChanged> out = alerts();
        assertThat(out).extracting(MonitoringAlertChanged::rule).containsOnly("ZERO_OR_NEGATIVE");
        assertThat(out)
                .extracting(MonitoringAlertChanged::status)
                .containsExactly(MonitoringAlertChanged.OPEN, MonitoringAlertChanged.RESOLVED);
        OffsetDateTime start = h8.atZone(BEIJING).toOffsetDateTime();
        assertThat(out.get(0).periodStart()).isEqualTo(start);
        assertThat(out.get(0).worstValue()).isEqualTo(0.0);
        assertThat(out.get(0).limit()).isNull();
        assertThat(out.get(0).standard()).isNull();
        assertThat(out.get(1).worstValue()).isEqualTo(-1.0);
        assertThat(out.get(1).periodEnd()).isEqualTo(start.plusHours(2));
        assertPoint(out.get(1).evidence().get(2), start.plusHours(2), 2.5, 3.125, true);
    }

    @Test
    void constantValueForFourHours() {
        directory(so2Limit(35.0, null));
        LocalDateTime h8 = LocalDateTime.of(2026, 12, 1, 8, 0);
        // 08:00–11:59 — every minute 12.3 (corrected 12.3 × 15 / 12 = 15.375 ≤ 35): the 4th constant hour (11:00)
        // opens the alert, dated from the first (08:00), with the four hours as evidence.
        for (int h = 0; h < 4; h++) {
            hour(h8.plusHours(h), m -> minute(12.3, 9, "N"));
        }
        // 12:00 — still 12.3: goes on silently.
        hour(h8.plusHours(4), m -> minute(12.3, 9, "N"));
        // 13:00 — 12.3 and 12.4 alternate: not constant → RESOLVED at 13:00.
        hour(h8.plusHours(5), m -> minute(m % 2 == 0 ? 12.3 : 12.4, 9, "N"));

        List<MonitoringAlertChanged> out = alerts();
        assertThat(out).extracting(MonitoringAlertChanged::rule).containsOnly("CONSTANT_VALUE");
        assertThat(out)
                .extracting(MonitoringAlertChanged::status)
                .containsExactly(MonitoringAlertChanged.OPEN, MonitoringAlertChanged.RESOLVED);
        OffsetDateTime start = h8.atZone(BEIJING).toOffsetDateTime();
        MonitoringAlertChanged open = out.get(0);
        assertThat(open.periodStart()).isEqualTo(start);
        assertThat(open.changedAt()).isEqualTo(start.plusHours(4)); // judged when 11:00–12:00 was complete
        assertThat(open.alertId())
                .isEqualTo(UUID.nameUUIDFromBytes("CONSTANT_VALUE|%s|DA001|a21026|2026-12-01T00:00:00Z"
                        .formatted(MN)
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(open.evidence()).hasSize(4);
        assertThat(open.worstValue()).isEqualTo(12.3);
        assertThat(open.parameters()).containsEntry("minHours", 4);
        assertThat(out.get(1).periodEnd()).isEqualTo(start.plusHours(5));
        assertThat(out.get(1).evidence()).hasSize(6);
    }

    // --- helpers ---

    record Minute(double so2, double oxygen, String flag) {}

    static Minute minute(double so2, double oxygen, String flag) {
        return new Minute(so2, oxygen, flag);
    }

    interface ByMinute {
        Minute at(int minute);
    }

    void hour(LocalDateTime hour, ByMinute data) {
        for (int m = 0; m < 60; m++) {
            send(hour.plusMinutes(m), data.at(m), true);
        }
    }

    void day(LocalDateTime day, ByMinute byHour) {
        for (int h = 0; h < 24; h++) {
            Minute value = byHour.at(h);
            hour(day.plusHours(h), m -> value);
        }
    }

    void send(LocalDateTime time, Minute minute, boolean bound) {
        String segment = "QN=1;ST=31;CN=2051;PW=123456;MN=" + MN + ";Flag=4;CP=&&DataTime="
                + Hj212Segment.DATA_TIME.format(time)
                + ";a21026-Avg=" + minute.so2() + ",a21026-Flag=" + minute.flag()
                + ";a19001-Avg=" + minute.oxygen() + ",a19001-Flag=N&&";
        RecordHeaders headers = new RecordHeaders();
        if (bound) {
            headers.add(RawTopic.PERMIT_NO, PERMIT.getBytes(StandardCharsets.UTF_8));
            headers.add(RawTopic.OUTLET_CODE, "DA001".getBytes(StandardCharsets.UTF_8));
        }
        raw.pipeInput(
                new TestRecord<>(MN, segment, headers, time.atZone(BEIJING).toInstant()));
    }

    /** A minute of the wastewater outlet DW001: COD, and the flow when {@code litresPerSecond} is not null. */
    void sendWater(LocalDateTime time, double cod, Double litresPerSecond, Double cubicMetres) {
        String flow = litresPerSecond == null
                ? ""
                : ";w00000-Avg=" + litresPerSecond + (cubicMetres == null ? "" : ",w00000-Cou=" + cubicMetres)
                        + ",w00000-Flag=N";
        String segment = "QN=1;ST=32;CN=2051;PW=123456;MN=" + MN + ";Flag=4;CP=&&DataTime="
                + Hj212Segment.DATA_TIME.format(time)
                + ";w01018-Avg=" + cod + ",w01018-Flag=N" + flow + "&&";
        RecordHeaders headers = new RecordHeaders();
        headers.add(RawTopic.PERMIT_NO, PERMIT.getBytes(StandardCharsets.UTF_8));
        headers.add(RawTopic.OUTLET_CODE, "DW001".getBytes(StandardCharsets.UTF_8));
        raw.pipeInput(
                new TestRecord<>(MN, segment, headers, time.atZone(BEIJING).toInstant()));
    }

    /** The permit's wastewater outlet DW001 with a daily COD limit (no hourly one), GB 8978-1996: no oxygen. */
    static DirectoryUnitSnapshot codDailyLimit(double daily) {
        DirectoryUnitSnapshot air = so2Limit(null, null);
        Outlet outlet = new Outlet(
                "DW001",
                "废水总排口",
                "废水",
                "主要排放口",
                List.of(new PollutantLimit("w01018", "化学需氧量", null, daily, "mg/L", List.of(), "GB 8978-1996")));
        return new DirectoryUnitSnapshot(
                air.permitNo(),
                air.uscc(),
                air.unitName(),
                air.provinceCode(),
                air.cityCode(),
                air.countyCode(),
                air.industryCode(),
                air.industryName(),
                air.keyIndustry(),
                air.managementCategory(),
                air.status(),
                air.validFrom(),
                air.validTo(),
                air.withoutPermit(),
                air.sourceType(),
                air.positiveList(),
                List.of(outlet),
                air.lastInspectedAt(),
                air.violationCount(),
                air.version(),
                air.platformUpdatedAt(),
                air.changedAt());
    }

    void directory(DirectoryUnitSnapshot unit) {
        directory.pipeInput(unit.permitNo(), json.writeValueAsString(unit));
    }

    List<MonitoringAlertChanged> alerts() {
        List<MonitoringAlertChanged> out = new ArrayList<>();
        for (String value : alerts.readValuesToList()) {
            out.add(json.readValue(value, MonitoringAlertChanged.class));
        }
        return out;
    }

    static void assertPoint(SeriesPoint point, OffsetDateTime time, Double mean, Double corrected, boolean valid) {
        assertThat(point.time()).isEqualTo(time);
        assertThat(point.value()).isCloseTo(mean, within(1e-9));
        assertThat(point.corrected()).isCloseTo(corrected, within(1e-9));
        assertThat(point.valid()).isEqualTo(valid);
    }

    static DirectoryUnitSnapshot so2Limit(Double hourly, Double daily) {
        Outlet outlet = new Outlet(
                "DA001",
                "1#燃煤锅炉排放口",
                "废气",
                "主要排放口",
                List.of(new PollutantLimit("a21026", "二氧化硫", hourly, daily, "mg/m3", List.of(), "GB 13223-2011")));
        return new DirectoryUnitSnapshot(
                PERMIT,
                "91140100MA0TEST01X",
                "测试焦化有限公司",
                "140000",
                "140100",
                "140105",
                "2520",
                "炼焦",
                "COKING",
                "KEY",
                "VALID",
                null,
                null,
                false,
                "KEY",
                false,
                List.of(outlet),
                null,
                0,
                1,
                null,
                null);
    }
}
