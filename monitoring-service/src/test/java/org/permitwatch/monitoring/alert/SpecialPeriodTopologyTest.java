package org.permitwatch.monitoring.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
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
import org.permitwatch.events.directory.DirectoryUnitSnapshot.SpecialLimit;
import org.permitwatch.events.directory.DirectoryUnitSnapshot.SpecialPeriod;
import org.permitwatch.events.monitoring.HeavyPollutionWarningChanged;
import org.permitwatch.events.monitoring.MonitoringAlertChanged;
import org.permitwatch.monitoring.hj212.Hj212Segment;
import org.permitwatch.monitoring.receiver.RawTopic;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Special-period limits (重污染天气应对) while the city's heavy-pollution warning is in force, and dry-basis correction
 * of wet-measured flue gas, on the real topology (ADR 0039). Every figure is computed by hand in the comments.
 */
class SpecialPeriodTopologyTest {

    static final String PERMIT = AlertTopologyTest.PERMIT;
    static final String MN = AlertTopologyTest.MN;
    static final UUID WARNING = UUID.fromString("0b1c2d3e-0000-4000-8000-000000000039");

    final JsonMapper json = JsonMapper.builder()
            .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    @TempDir
    Path stateDir;

    TopologyTestDriver driver;
    TestInputTopic<String, String> directory;
    TestInputTopic<String, String> warnings;
    TestInputTopic<String, String> raw;
    TestOutputTopic<String, String> alerts;

    @BeforeEach
    void start() {
        TopologyHarness h = new TopologyHarness(
                "special-period-test",
                stateDir,
                b -> AlertTopology.build(b, AlertTopologyTest.PARAMETERS, AlertTopologyTest.BEIJING, json));
        driver = h.driver;
        directory = h.directory;
        warnings = h.warnings;
        raw = h.raw;
        alerts = h.alerts;
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void theReducedLimitBindsForTheHoursTheWarningCoversWhole() {
        // Normal hourly SO2 limit 35 mg/m3; the permit's 重污染天气应对 limit for DA001 SO2: 24.5 (= 35 × 0.7).
        unit(35.0, 24.5);
        LocalDateTime h19 = LocalDateTime.of(2026, 12, 1, 19, 0);
        // ORANGE warning for Taiyuan from 20:00 to 02:00 the next day (end exclusive).
        warning(at(h19.plusHours(1)), at(h19.plusHours(7)), "ORANGE");
        // Every hour below: 60 valid minutes of SO2 24 at O2 9 % → corrected 24 × (21 − 6) / (21 − 9) = 24 × 15 / 12
        // = 30 mg/m3.
        // 19:00 — before the warning: 30 ≤ 35 (normal limit) → nothing.
        hour(h19, 24, 9, false, null);
        // 20:00 — the boundary hour, the first the warning covers whole: 30 > 24.5 → OPEN against 24.5.
        hour(h19.plusHours(1), 24, 9, false, null);
        // 21:00 — still inside: the episode goes on, no second OPEN.
        hour(h19.plusHours(2), 24, 9, false, null);
        // 02:00 — the warning ended at 02:00: normal limit again, 30 ≤ 35 → RESOLVED.
        hour(h19.plusHours(7), 24, 9, false, null);

        List<MonitoringAlertChanged> out = hourly();
        assertThat(out)
                .extracting(MonitoringAlertChanged::status)
                .containsExactly(MonitoringAlertChanged.OPEN, MonitoringAlertChanged.RESOLVED);
        MonitoringAlertChanged open = out.get(0);
        assertThat(open.periodStart()).isEqualTo(at(h19.plusHours(1)));
        assertThat(open.worstValue()).isCloseTo(30.0, within(1e-9));
        assertThat(open.limit()).isEqualTo(24.5);
        assertThat(open.parameters())
                .containsEntry("limitBasis", "SPECIAL_PERIOD")
                .containsEntry("specialPeriod", "重污染天气应对")
                .containsEntry("normalLimit", 35.0)
                .containsEntry("warningId", WARNING.toString())
                .containsEntry("warningLevel", "ORANGE");
        MonitoringAlertChanged resolved = out.get(1);
        assertThat(resolved.limit()).isEqualTo(35.0);
        assertThat(resolved.parameters()).doesNotContainKey("limitBasis");
        assertThat(resolved.periodEnd()).isEqualTo(at(h19.plusHours(7)));
    }

    @Test
    void anHourTheWarningCoversOnlyInPartKeepsTheNormalLimitAndALiftEndsTheReducedOne() {
        unit(35.0, 24.5);
        LocalDateTime h20 = LocalDateTime.of(2026, 12, 1, 20, 0);
        // Declared from 20:30, open-ended.
        warning(at(h20.plusMinutes(30)), null, "RED");
        // 20:00 — covered from 20:30 only: normal limit, 30 ≤ 35 → nothing.
        hour(h20, 24, 9, false, null);
        // 21:00 — covered whole: 30 > 24.5 → OPEN.
        hour(h20.plusHours(1), 24, 9, false, null);
        // Lifted at 22:00 (the same key, its new state).
        warning(at(h20.plusMinutes(30)), at(h20.plusHours(2)), "RED");
        // 22:00 — after the lift: 30 ≤ 35 → RESOLVED.
        hour(h20.plusHours(2), 24, 9, false, null);

        List<MonitoringAlertChanged> out = hourly();
        assertThat(out)
                .extracting(MonitoringAlertChanged::status)
                .containsExactly(MonitoringAlertChanged.OPEN, MonitoringAlertChanged.RESOLVED);
        assertThat(out.get(0).periodStart()).isEqualTo(at(h20.plusHours(1)));
        assertThat(out.get(0).parameters()).containsEntry("warningLevel", "RED");
        assertThat(out.get(1).periodEnd()).isEqualTo(at(h20.plusHours(2)));
    }

    @Test
    void aWarningOfAnotherCityOrAPermitWithoutReducedLimitsChangesNothing() {
        unit(35.0, null);
        LocalDateTime h20 = LocalDateTime.of(2026, 12, 1, 20, 0);
        warning(at(h20), null, "RED");
        warnings.pipeInput(
                "140200|" + UUID.randomUUID(),
                json.writeValueAsString(new HeavyPollutionWarningChanged(
                        UUID.randomUUID(), "140000", "140200", "RED", at(h20), null, null, at(h20))));
        // 30 ≤ 35: no special limit on this permit → the normal limit → nothing.
        hour(h20, 24, 9, false, null);
        assertThat(hourly()).isEmpty();
    }

    @Test
    void wetMeasuredFlueGasIsMadeDryBeforeTheOxygenCorrection() {
        unit(35.0, null);
        LocalDateTime h8 = LocalDateTime.of(2026, 12, 1, 8, 0);
        // Dry point (no setting): SO2 30 at O2 8.1 % → 30 × 15 / (21 − 8.1) = 450 / 12.9 = 34.88 ≤ 35 → nothing.
        hour(h8, 30, 8.1, false, 10.0);
        // The same point set "measured wet", moisture 10 %: SO2 30 / (1 − 0.10) = 33.333…, O2 8.1 / 0.9 = 9.0 →
        // 33.333… × 15 / (21 − 9) = 33.333… × 1.25 = 41.666… > 35 → OPEN.
        hour(h8.plusHours(1), 30, 8.1, true, 10.0);
        // Wet without a moisture value in the minutes: no dry value → 0 valid minutes → invalid hour, judged neither
        // way (the episode stays open).
        hour(h8.plusHours(2), 30, 8.1, true, null);

        List<MonitoringAlertChanged> out = hourly();
        assertThat(out).extracting(MonitoringAlertChanged::status).containsExactly(MonitoringAlertChanged.OPEN);
        assertThat(out.get(0).periodStart()).isEqualTo(at(h8.plusHours(1)));
        assertThat(out.get(0).worstValue()).isCloseTo(125.0 / 3.0, within(1e-9));
        // The evidence shows the value as reported (30) and as judged (dry, 6 %).
        AlertTopologyTest.assertPoint(out.get(0).evidence().get(0), at(h8.plusHours(1)), 30.0, 125.0 / 3.0, true);
        // and the alert says on which basis it met the (dry) limit
        assertThat(out.get(0).parameters())
                .containsEntry("dryBasis", "CONVERTED_FROM_WET")
                .containsEntry("referenceOxygen", 6.0);
    }

    @Test
    void dryBasisArithmetic() {
        // 30 / (1 − 0.10) = 33.333…
        assertThat(DryBasis.toDry(30, 10.0)).isCloseTo(100.0 / 3.0, within(1e-9));
        assertThat(DryBasis.toDry(30, null)).isNull();
        assertThat(DryBasis.toDry(30, 100.0)).isNull();
        assertThat(DryBasis.toDry(30, -1.0)).isNull();
        // Not wet: the oxygen correction alone, 30 × 15 / 12.9.
        assertThat(AlertProcessor.correctDry(30, 8.1, 6, false, 10.0)).isCloseTo(450.0 / 12.9, within(1e-9));
        // Wet: dry first (33.333…, O2 9 %), then 6 %: 41.666…
        assertThat(AlertProcessor.correctDry(30, 8.1, 6, true, 10.0)).isCloseTo(125.0 / 3.0, within(1e-9));
        assertThat(AlertProcessor.correctDry(30, 8.1, 6, true, null)).isNull();
    }

    // --- helpers ---

    static OffsetDateTime at(LocalDateTime time) {
        return time.atZone(AlertTopologyTest.BEIJING).toOffsetDateTime();
    }

    void unit(Double hourly, Double specialHourly) {
        DirectoryUnitSnapshot base = AlertTopologyTest.so2Limit(hourly, null);
        List<SpecialPeriod> periods = List.of(
                new SpecialPeriod(
                        SpecialPeriod.HEAVY_POLLUTION_WEATHER,
                        "橙色及以上预警期间限产30%",
                        specialHourly == null
                                ? List.of()
                                : List.of(new SpecialLimit("DA001", "a21026", specialHourly, null, "mg/m3"))),
                // Another period's limits never apply on a warning.
                new SpecialPeriod("采暖季错峰生产", "加严限值", List.of(new SpecialLimit("DA001", "a21026", 1.0, null, "mg/m3"))));
        DirectoryUnitSnapshot unit = new DirectoryUnitSnapshot(
                base.permitNo(),
                base.uscc(),
                base.unitName(),
                base.provinceCode(),
                base.cityCode(),
                base.countyCode(),
                base.industryCode(),
                base.industryName(),
                base.keyIndustry(),
                base.managementCategory(),
                base.status(),
                base.validFrom(),
                base.validTo(),
                base.withoutPermit(),
                base.sourceType(),
                base.positiveList(),
                base.outlets(),
                base.lastInspectedAt(),
                base.violationCount(),
                base.version(),
                base.platformUpdatedAt(),
                base.changedAt(),
                null,
                periods);
        directory.pipeInput(unit.permitNo(), json.writeValueAsString(unit));
    }

    void warning(OffsetDateTime startsAt, OffsetDateTime endsAt, String level) {
        HeavyPollutionWarningChanged w =
                new HeavyPollutionWarningChanged(WARNING, "140000", "140100", level, startsAt, endsAt, null, startsAt);
        warnings.pipeInput(w.key(), json.writeValueAsString(w));
    }

    void hour(LocalDateTime hour, double so2, double oxygen, boolean wet, Double moisture) {
        for (int m = 0; m < 60; m++) {
            LocalDateTime time = hour.plusMinutes(m);
            String segment = "QN=1;ST=31;CN=2051;PW=123456;MN=" + MN + ";Flag=4;CP=&&DataTime="
                    + Hj212Segment.DATA_TIME.format(time)
                    + ";a21026-Avg=" + so2 + ",a21026-Flag=N"
                    + ";a19001-Avg=" + oxygen + ",a19001-Flag=N"
                    + (moisture == null ? "" : ";a01014-Avg=" + moisture + ",a01014-Flag=N")
                    + "&&";
            RecordHeaders headers = new RecordHeaders();
            headers.add(RawTopic.PERMIT_NO, PERMIT.getBytes(StandardCharsets.UTF_8));
            headers.add(RawTopic.OUTLET_CODE, "DA001".getBytes(StandardCharsets.UTF_8));
            if (wet) {
                headers.add(RawTopic.MEASURED_WET, "true".getBytes(StandardCharsets.UTF_8));
            }
            raw.pipeInput(new TestRecord<>(MN, segment, headers, at(time).toInstant()));
        }
    }

    List<MonitoringAlertChanged> hourly() {
        List<MonitoringAlertChanged> out = new ArrayList<>();
        for (String value : alerts.readValuesToList()) {
            MonitoringAlertChanged alert = json.readValue(value, MonitoringAlertChanged.class);
            if (alert.rule().equals("HOURLY_EXCEEDANCE")) {
                out.add(alert);
            }
        }
        return out;
    }
}
