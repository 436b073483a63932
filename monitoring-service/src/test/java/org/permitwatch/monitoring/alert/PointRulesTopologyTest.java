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
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.events.directory.DirectoryUnitSnapshot.Outlet;
import org.permitwatch.events.directory.DirectoryUnitSnapshot.PollutantLimit;
import org.permitwatch.events.monitoring.MonitoringAlertChanged;
import org.permitwatch.monitoring.hj212.Hj212Segment;
import org.permitwatch.monitoring.receiver.RawTopic;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules about a point as a whole (ADR 0038) and the exceeding hours of a day, on Kafka Streams' test driver (the
 * real topology, stores and punctuation): DATA_MISSING found by the partition's stream time and by the point's own
 * return, backfill, FLAG_MISUSE over two days, UNKNOWN_OUTLET opened and resolved by a permit change and by a rebinding.
 * Every figure is computed by hand in the comments.
 */
class PointRulesTopologyTest {

    // checkstyle:ignore zoneLiteral — the test states the bureau's zone as permitwatch.zone configures it
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final String PERMIT = "91140100MA0TEST02X001P";
    static final String A = "MNPOINT0000000000000001";
    static final String B = "MNPOINT0000000000000002";

    /** 30 missing minutes make an outage; more than 4 flagged hours a day are misuse (flags M, C, S). */
    static final RuleParameters PARAMETERS = new RuleParameters(
            "test.point.1",
            45,
            20,
            1,
            1,
            4,
            List.of(new RuleParameters.ReferenceOxygen("GB 13223-2011", null, 6, "燃煤锅炉")),
            new PointRuleParameters(30, 4, List.of("M", "C", "S")));

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
                new TopologyHarness("point-rules-test", dir, b -> AlertTopology.build(b, PARAMETERS, BEIJING, json));
        directory = h.directory;
        raw = h.raw;
        alerts = h.alerts;
        return h.driver;
    }

    @Test
    void dataMissingOpensOnTheStreamTimeOfThePartitionsOtherPointAndResolvesWhenDataReturns(@TempDir Path otherState) {
        List<TestRecord<String, String>> first = outageWhileBKeepsSending();
        List<MonitoringAlertChanged> out = values(first).stream()
                .filter(a -> a.rule().equals("DATA_MISSING"))
                .toList();
        assertThat(out)
                .extracting(MonitoringAlertChanged::status)
                .containsExactly(MonitoringAlertChanged.OPEN, MonitoringAlertChanged.RESOLVED);
        assertThat(out).extracting(MonitoringAlertChanged::mn).containsOnly(A);
        OffsetDateTime h8 = LocalDateTime.of(2026, 12, 1, 8, 0).atZone(BEIJING).toOffsetDateTime();
        MonitoringAlertChanged open = out.get(0);
        // A's last minute 08:09 → first missing minute 08:10 Beijing = 00:10 UTC, the id's start; no pollutant.
        assertThat(open.alertId())
                .isEqualTo(UUID.nameUUIDFromBytes("DATA_MISSING|%s|DA001||2026-12-01T00:10:00Z"
                        .formatted(A)
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(open.pollutantCode()).isNull();
        assertThat(open.outletCode()).isEqualTo("DA001");
        assertThat(open.periodStart()).isEqualTo(h8.plusMinutes(10));
        // established 30 minutes later: 08:10 + 30 = 08:40
        assertThat(open.periodEnd()).isEqualTo(h8.plusMinutes(40));
        // A's 08:09 minute arrived at 08:10; B's minutes move the partition's stream time: 08:10 + 30 min = 08:40.
        assertThat(open.changedAt()).isEqualTo(h8.plusMinutes(40));
        assertThat(open.worstValue()).isEqualTo(30.0);
        assertThat(open.unit()).isEqualTo("min");
        assertThat(open.limit()).isNull();
        assertThat(open.parametersVersion()).isEqualTo("test.point.1");
        assertThat(open.parameters()).containsEntry("minMissingMinutes", 30);
        assertThat(open.evidence()).hasSize(1);
        assertThat(open.evidence().get(0).time()).isEqualTo(h8.plusMinutes(9));

        MonitoringAlertChanged resolved = out.get(1);
        assertThat(resolved.alertId()).isEqualTo(open.alertId());
        // A is back with 09:00 (arrived 09:01): gap 08:10 … 08:59 = 09:00 − 08:10 = 50 minutes.
        assertThat(resolved.periodEnd()).isEqualTo(h8.plusHours(1));
        assertThat(resolved.changedAt()).isEqualTo(h8.plusMinutes(61));
        assertThat(resolved.worstValue()).isEqualTo(50.0);
        assertThat(resolved.evidence()).hasSize(2);
        assertThat(resolved.evidence().get(1).time()).isEqualTo(h8.plusHours(1));

        // Replay of the same input on a fresh application: the same records, key for key, byte for byte.
        driver.close();
        driver = driver(otherState);
        List<TestRecord<String, String>> replay = outageWhileBKeepsSending();
        assertThat(replay).extracting(TestRecord::key).containsExactlyElementsOf(keys(first));
        assertThat(replay)
                .extracting(TestRecord::value)
                .containsExactlyElementsOf(first.stream().map(TestRecord::value).toList());
    }

    /**
     * A sends 08:00–08:09 and falls silent; B sends every minute 08:00–09:10; A is back at 09:00 and then backfills
     * 08:10–08:59 (补发). Each minute arrives one minute after its data time (a 2051 minute is sent when it is over).
     */
    List<TestRecord<String, String>> outageWhileBKeepsSending() {
        directory(unit(outlet("DA001")));
        LocalDateTime h8 = LocalDateTime.of(2026, 12, 1, 8, 0);
        for (int m = 0; m <= 70; m++) {
            if (m < 10 || m == 60) {
                send(A, "DA001", h8.plusMinutes(m), h8.plusMinutes(m + 1), 10, "N");
            }
            send(B, "DA001", h8.plusMinutes(m), h8.plusMinutes(m + 1), 10, "N");
        }
        // Backfill of the gap after the return: the alert stays RESOLVED, nothing new opens.
        for (int m = 10; m < 60; m++) {
            send(A, "DA001", h8.plusMinutes(m), h8.plusMinutes(72), 10, "N");
        }
        return alerts.readRecordsToList();
    }

    @Test
    void dataMissingOfAPointAloneInItsPartitionIsRecognisedWhenItSendsAgain() {
        directory(unit(outlet("DA001")));
        LocalDateTime h8 = LocalDateTime.of(2026, 12, 1, 8, 0);
        for (int m = 0; m < 10; m++) {
            send(A, "DA001", h8.plusMinutes(m), h8.plusMinutes(m + 1), 10, "N");
        }
        // Nothing else in the partition: stream time stays at 08:10, no punctuation can see the outage.
        assertThat(values(alerts.readRecordsToList())).isEmpty();
        // 10:00 arrives at 10:01: 10:01 − 08:10 = 111 minutes ≥ 30 → the same OPEN the punctuator would have written,
        // then RESOLVED at once.
        send(A, "DA001", h8.plusHours(2), h8.plusMinutes(121), 10, "N");
        List<MonitoringAlertChanged> out = values(alerts.readRecordsToList()).stream()
                .filter(a -> a.rule().equals("DATA_MISSING"))
                .toList();
        assertThat(out)
                .extracting(MonitoringAlertChanged::status)
                .containsExactly(MonitoringAlertChanged.OPEN, MonitoringAlertChanged.RESOLVED);
        OffsetDateTime start = h8.plusMinutes(10).atZone(BEIJING).toOffsetDateTime();
        assertThat(out.get(0).alertId())
                .isEqualTo(UUID.nameUUIDFromBytes("DATA_MISSING|%s|DA001||2026-12-01T00:10:00Z"
                        .formatted(A)
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(out.get(0).periodEnd()).isEqualTo(start.plusMinutes(30));
        assertThat(out.get(0).changedAt()).isEqualTo(start.plusMinutes(30)); // last arrival 08:10 + 30
        // 10:00 − 08:10 = 110 minutes missing
        assertThat(out.get(1).worstValue()).isEqualTo(110.0);
        assertThat(out.get(1).periodEnd()).isEqualTo(start.plusMinutes(110));
        assertThat(out.get(1).changedAt()).isEqualTo(start.plusMinutes(111));
    }

    @Test
    void dataMissingOfAPointAloneInItsPartitionOpensFromTicksAloneAndAReplayIsByteIdentical(@TempDir Path otherState) {
        List<TestRecord<String, String>> first = aloneThenTicks();
        List<MonitoringAlertChanged> out = values(first);
        assertThat(out)
                .extracting(MonitoringAlertChanged::rule, MonitoringAlertChanged::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("DATA_MISSING", MonitoringAlertChanged.OPEN),
                        org.assertj.core.groups.Tuple.tuple("DATA_MISSING", MonitoringAlertChanged.RESOLVED));
        OffsetDateTime h8 = LocalDateTime.of(2026, 12, 1, 8, 0).atZone(BEIJING).toOffsetDateTime();
        MonitoringAlertChanged open = out.get(0);
        // A's last minute 08:09 (arrived 08:10): first missing minute 08:10 = 00:10 UTC; 30 minutes later, 08:40, the
        // tick of 08:40 moves stream time there and the punctuator opens it — no data of anyone in between.
        assertThat(open.alertId())
                .isEqualTo(UUID.nameUUIDFromBytes("DATA_MISSING|%s|DA001||2026-12-01T00:10:00Z"
                        .formatted(A)
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(open.periodStart()).isEqualTo(h8.plusMinutes(10));
        assertThat(open.periodEnd()).isEqualTo(h8.plusMinutes(40));
        assertThat(open.changedAt()).isEqualTo(h8.plusMinutes(40));
        assertThat(first.get(0).timestamp())
                .isEqualTo(h8.plusMinutes(40).toInstant().toEpochMilli());
        // A back with 09:30 (arrived 09:31): 09:30 − 08:10 = 80 minutes missing.
        MonitoringAlertChanged resolved = out.get(1);
        assertThat(resolved.alertId()).isEqualTo(open.alertId());
        assertThat(resolved.worstValue()).isEqualTo(80.0);
        assertThat(resolved.changedAt()).isEqualTo(h8.plusMinutes(91));

        // Replay on a fresh application: the same records — key, value, headers and timestamp — in the same order.
        driver.close();
        driver = driver(otherState);
        List<TestRecord<String, String>> replay = aloneThenTicks();
        assertThat(replay).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(replay.get(i).key()).isEqualTo(first.get(i).key());
            assertThat(replay.get(i).value().getBytes(StandardCharsets.UTF_8))
                    .isEqualTo(first.get(i).value().getBytes(StandardCharsets.UTF_8));
            assertThat(replay.get(i).headers()).isEqualTo(first.get(i).headers());
            assertThat(replay.get(i).timestamp()).isEqualTo(first.get(i).timestamp());
        }
    }

    /**
     * A, alone in the partition, sends 08:00–08:09 (each minute arriving a minute after its data time) and falls
     * silent; from 08:11 the receiver's tick arrives every minute. Until 08:39 nothing may open (08:39 − 08:10 = 29 <
     * 30); the 08:40 tick opens the outage; ticks up to 09:30 write nothing more; A's 09:30 minute resolves it.
     */
    List<TestRecord<String, String>> aloneThenTicks() {
        directory(unit(outlet("DA001")));
        LocalDateTime h8 = LocalDateTime.of(2026, 12, 1, 8, 0);
        for (int m = 0; m < 10; m++) {
            send(A, "DA001", h8.plusMinutes(m), h8.plusMinutes(m + 1), 10, "N");
        }
        List<TestRecord<String, String>> out = new ArrayList<>();
        for (int m = 11; m <= 39; m++) {
            tick(h8.plusMinutes(m));
        }
        assertThat(alerts.readRecordsToList())
                .as("before 30 minutes of silence")
                .isEmpty();
        for (int m = 40; m <= 90; m++) {
            tick(h8.plusMinutes(m));
        }
        out.addAll(alerts.readRecordsToList());
        assertThat(out).as("one OPEN, however many ticks follow").hasSize(1);
        send(A, "DA001", h8.plusMinutes(90), h8.plusMinutes(91), 10, "N");
        out.addAll(alerts.readRecordsToList());
        return out;
    }

    /** A stream-time tick as StreamTimeTicker writes it: no key, no value, the tick header, the producer's time. */
    void tick(LocalDateTime at) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(RawTopic.TICK, "1".getBytes(StandardCharsets.UTF_8));
        raw.pipeInput(new TestRecord<>(null, null, headers, at.atZone(BEIJING).toInstant()));
    }

    @Test
    void flagMisuseOverFourFlaggedHoursADayOpensOnTheCrossingMinuteAndResolvesWithACompliantDay() {
        directory(unit(outlet("DA001")));
        LocalDateTime d1 = LocalDateTime.of(2026, 12, 1, 0, 0);
        // Day 1: 00:00–04:59 flagged M (5 × 60 = 300 minutes), the rest N. The 241st flagged minute (04:00) passes
        // 4 h = 240 minutes → OPEN at 04:00, changed at 04:01, value 241 / 60 h.
        day(d1, h -> h < 5 ? "M" : "N");
        // Day 2: 00:00–01:59 flagged C (120 minutes = 2 h ≤ 4): day 1 (300 / 60 = 5 h) was over → goes on;
        day(d1.plusDays(1), h -> h < 2 ? "C" : "N");
        // day 3's first minute closes day 2 at 2 h → RESOLVED, ended when day 2 began.
        send(A, "DA001", d1.plusDays(2), d1.plusDays(2).plusMinutes(1), 10, "N");

        List<MonitoringAlertChanged> out = values(alerts.readRecordsToList()).stream()
                .filter(a -> a.rule().equals("FLAG_MISUSE"))
                .toList();
        assertThat(out)
                .extracting(MonitoringAlertChanged::status)
                .containsExactly(MonitoringAlertChanged.OPEN, MonitoringAlertChanged.RESOLVED);
        OffsetDateTime day1 = d1.atZone(BEIJING).toOffsetDateTime();
        MonitoringAlertChanged open = out.get(0);
        // Dated from the day (2026-12-01 00:00 Beijing = 2026-11-30 16:00 UTC).
        assertThat(open.alertId())
                .isEqualTo(UUID.nameUUIDFromBytes("FLAG_MISUSE|%s|DA001||2026-11-30T16:00:00Z"
                        .formatted(A)
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(open.periodStart()).isEqualTo(day1);
        assertThat(open.changedAt()).isEqualTo(day1.plusHours(4).plusMinutes(1));
        assertThat(open.worstValue()).isCloseTo(241 / 60.0, within(1e-9));
        assertThat(open.unit()).isEqualTo("h");
        assertThat(open.parameters())
                .containsEntry("maxFlaggedHoursPerDay", 4.0)
                .containsEntry("flags", "M,C,S");

        MonitoringAlertChanged resolved = out.get(1);
        assertThat(resolved.alertId()).isEqualTo(open.alertId());
        assertThat(resolved.periodEnd()).isEqualTo(day1.plusDays(1));
        assertThat(resolved.changedAt()).isEqualTo(day1.plusDays(2));
        assertThat(resolved.worstValue()).isCloseTo(5.0, within(1e-9));
        // day 1 with its final 5 h (the OPEN's partial value replaced), day 2 with 2 h
        assertThat(resolved.evidence()).hasSize(2);
        assertThat(resolved.evidence().get(0).value()).isCloseTo(5.0, within(1e-9));
        assertThat(resolved.evidence().get(1).time()).isEqualTo(day1.plusDays(1));
        assertThat(resolved.evidence().get(1).value()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void flaggedMinutesUpToFourHoursAndLateRepeatsAreNoMisuse() {
        directory(unit(outlet("DA001")));
        LocalDateTime d1 = LocalDateTime.of(2026, 12, 1, 0, 0);
        // 00:00–03:59 flagged S: 240 minutes = 4 h, not more than 4 h.
        for (int m = 0; m < 240; m++) {
            send(A, "DA001", d1.plusMinutes(m), d1.plusMinutes(m + 1), 10, "S");
        }
        // The same 03:59 sent again flagged M, and 03:00 resent: older than the newest counted → not counted.
        send(A, "DA001", d1.plusMinutes(239), d1.plusMinutes(241), 10, "M");
        send(A, "DA001", d1.plusMinutes(180), d1.plusMinutes(241), 10, "M");
        assertThat(values(alerts.readRecordsToList()))
                .extracting(MonitoringAlertChanged::rule)
                .doesNotContain("FLAG_MISUSE");
    }

    @Test
    void unknownOutletOpensAndResolvesWhenThePermitGainsItOrThePointIsBoundElsewhere() {
        directory(unit(outlet("DA001")));
        LocalDateTime h8 = LocalDateTime.of(2026, 12, 1, 8, 0);
        // A bound to DA009, which the permit lacks: OPEN at 08:00, once.
        send(A, "DA009", h8, h8.plusMinutes(1), 10, "N");
        send(A, "DA009", h8.plusMinutes(1), h8.plusMinutes(2), 10, "N");
        // The permit gains DA009: A's next minute (08:05) resolves it.
        directory(unit(outlet("DA001"), outlet("DA009")));
        send(A, "DA009", h8.plusMinutes(5), h8.plusMinutes(6), 10, "N");
        // B bound to DA008 (unknown) then rebound to DA001: resolved by the rebinding at 08:07.
        send(B, "DA008", h8.plusMinutes(6), h8.plusMinutes(7), 10, "N");
        send(B, "DA001", h8.plusMinutes(7), h8.plusMinutes(8), 10, "N");

        List<MonitoringAlertChanged> out = values(alerts.readRecordsToList()).stream()
                .filter(a -> a.rule().equals("UNKNOWN_OUTLET"))
                .toList();
        assertThat(out)
                .extracting(a -> a.mn() + " " + a.outletCode() + " " + a.status())
                .containsExactly(A + " DA009 OPEN", A + " DA009 RESOLVED", B + " DA008 OPEN", B + " DA008 RESOLVED");
        OffsetDateTime t8 = h8.atZone(BEIJING).toOffsetDateTime();
        assertThat(out.get(0).alertId())
                .isEqualTo(UUID.nameUUIDFromBytes("UNKNOWN_OUTLET|%s|DA009||2026-12-01T00:00:00Z"
                        .formatted(A)
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(out.get(0).permitNumber()).isEqualTo(PERMIT);
        assertThat(out.get(0).countyCode()).isEqualTo("140105");
        assertThat(out.get(0).changedAt()).isEqualTo(t8.plusMinutes(1));
        assertThat(out.get(1).periodEnd()).isEqualTo(t8.plusMinutes(5));
        assertThat(out.get(1).changedAt()).isEqualTo(t8.plusMinutes(6));
        assertThat(out.get(3).periodEnd()).isEqualTo(t8.plusMinutes(7));
    }

    @Test
    void hourlyExceedanceCarriesTheDaysExceedingValidHours() {
        directory(unit(outlet("DA001")));
        LocalDateTime h8 = LocalDateTime.of(2026, 12, 1, 8, 0);
        // Limit 35; O2 = 6 % = the reference, so corrected = measured. Varying values (no CONSTANT_VALUE): m % 2.
        // 08:00 mean (40 + 41) / 2 = 40.5 > 35 → OPEN, exceeding hours of the day so far: 1.
        hour(A, h8, m -> 40 + m % 2, m -> "N");
        // 09:00 mean 50.5 > 35 → 2.
        hour(A, h8.plusHours(1), m -> 50 + m % 2, m -> "N");
        // 10:00 only 30 valid minutes (30 flagged D) → invalid, not counted: still 2.
        hour(A, h8.plusHours(2), m -> 60 + m % 2, m -> m < 30 ? "N" : "D");
        // 11:00 mean 45.5 > 35 → 3.
        hour(A, h8.plusHours(3), m -> 45 + m % 2, m -> "N");
        // 12:00 mean 20.5 ≤ 35 → RESOLVED, the day's exceeding valid hours so far: 3 (08, 09, 11).
        hour(A, h8.plusHours(4), m -> 20 + m % 2, m -> "N");

        List<MonitoringAlertChanged> out = values(alerts.readRecordsToList()).stream()
                .filter(a -> a.rule().equals("HOURLY_EXCEEDANCE"))
                .toList();
        assertThat(out)
                .extracting(MonitoringAlertChanged::status)
                .containsExactly(MonitoringAlertChanged.OPEN, MonitoringAlertChanged.RESOLVED);
        assertThat(out.get(0).parameters()).containsEntry("exceedingHoursOfDay", 1);
        assertThat(out.get(1).parameters()).containsEntry("exceedingHoursOfDay", 3);
        assertThat(out.get(1).worstValue()).isCloseTo(50.5, within(1e-9));
    }

    // --- helpers ---

    interface ByMinute<T> {
        T at(int minute);
    }

    void hour(String mn, LocalDateTime hour, ByMinute<Integer> so2, ByMinute<String> flag) {
        for (int m = 0; m < 60; m++) {
            send(mn, "DA001", hour.plusMinutes(m), hour.plusMinutes(m + 1), so2.at(m), flag.at(m));
        }
    }

    /** A whole day of A, every minute, flagged by hour. */
    void day(LocalDateTime day, ByMinute<String> flagOfHour) {
        for (int m = 0; m < 24 * 60; m++) {
            send(A, "DA001", day.plusMinutes(m), day.plusMinutes(m + 1), 10 + m % 2, flagOfHour.at(m / 60));
        }
    }

    void send(String mn, String outlet, LocalDateTime time, LocalDateTime arrival, double so2, String flag) {
        String segment = "QN=1;ST=31;CN=2051;PW=123456;MN=" + mn + ";Flag=4;CP=&&DataTime="
                + Hj212Segment.DATA_TIME.format(time)
                + ";a21026-Avg=" + so2 + ",a21026-Flag=" + flag
                + ";a19001-Avg=6,a19001-Flag=N&&";
        RecordHeaders headers = new RecordHeaders();
        headers.add(RawTopic.PERMIT_NO, PERMIT.getBytes(StandardCharsets.UTF_8));
        headers.add(RawTopic.OUTLET_CODE, outlet.getBytes(StandardCharsets.UTF_8));
        raw.pipeInput(
                new TestRecord<>(mn, segment, headers, arrival.atZone(BEIJING).toInstant()));
    }

    void directory(DirectoryUnitSnapshot unit) {
        directory.pipeInput(unit.permitNo(), json.writeValueAsString(unit));
    }

    List<MonitoringAlertChanged> values(List<TestRecord<String, String>> records) {
        List<MonitoringAlertChanged> out = new ArrayList<>();
        for (TestRecord<String, String> r : records) {
            out.add(json.readValue(r.value(), MonitoringAlertChanged.class));
        }
        return out;
    }

    static List<String> keys(List<TestRecord<String, String>> records) {
        return records.stream().map(TestRecord::key).toList();
    }

    static Outlet outlet(String code) {
        return new Outlet(
                code,
                code + " 1#燃煤锅炉排放口",
                "废气",
                "主要排放口",
                List.of(new PollutantLimit("a21026", "二氧化硫", 35.0, null, "mg/m3", List.of(), "GB 13223-2011")));
    }

    static DirectoryUnitSnapshot unit(Outlet... outlets) {
        return new DirectoryUnitSnapshot(
                PERMIT,
                "91140100MA0TEST02X",
                "测试电力有限公司",
                "140000",
                "140100",
                "140105",
                "4411",
                "火力发电",
                "THERMAL_POWER",
                "KEY",
                "VALID",
                null,
                null,
                false,
                "KEY",
                false,
                List.of(outlets),
                null,
                0,
                1,
                null,
                null);
    }
}
