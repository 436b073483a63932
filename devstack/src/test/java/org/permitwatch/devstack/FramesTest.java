package org.permitwatch.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FramesTest {

    @Test
    void theStandardsExampleFrame() {
        String segment =
                "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&";
        assertThat(Frames.wrap(segment)).isEqualTo("##0101" + segment + "1C80\r\n");
    }

    @Test
    void anomaliesShareThePointsByPercent() {
        var anomalies = Hj212Simulator.Anomalies.parse("exceedance=5,constant=2");
        assertThat(anomalies.behaviour(0)).isEqualTo(Hj212Simulator.Behaviour.EXCEEDANCE);
        assertThat(anomalies.behaviour(4)).isEqualTo(Hj212Simulator.Behaviour.EXCEEDANCE);
        assertThat(anomalies.behaviour(5)).isEqualTo(Hj212Simulator.Behaviour.CONSTANT);
        assertThat(anomalies.behaviour(7)).isEqualTo(Hj212Simulator.Behaviour.NORMAL);
    }

    @Test
    void minuteFramesCarryTheHoursLevelAndOxygen() {
        var exceeding = new Hj212Simulator.Point(
                "MN1", "pw", "P1", "DA001", java.util.Map.of("a21026", 100.0), Hj212Simulator.Behaviour.EXCEEDANCE, 7);
        // 14:05: an EXCEEDANCE point is at 1.6 × its limit in the afternoon = 160, ±2 % per minute → 156.8 … 163.2
        String segment = Hj212Simulator.minuteSegment(exceeding, java.time.LocalDateTime.of(2026, 12, 1, 14, 5));
        assertThat(segment)
                .contains(";CN=2051;")
                .contains("DataTime=20261201140500;")
                .contains("a19001-Avg=6.000");
        double avg = Double.parseDouble(segment.replaceAll(".*a21026-Avg=([0-9.]+),.*", "$1"));
        assertThat(avg).isBetween(156.8, 163.2);
        // the minute's amount: avg mg/m3 × 50,000/3,600 m3/s × 60 s ÷ 10^6 mg/kg; at 160 mg/m3: 160 × 13.8889 × 60 /
        // 10^6
        // = 0.133333 kg; checked against the frame's own avg (rounded to 6 places in the frame)
        double cou = Double.parseDouble(segment.replaceAll(".*a21026-Cou=([0-9.]+),.*", "$1"));
        assertThat(cou).isCloseTo(avg * 50_000 / 3600 * 60 / 1e6, org.assertj.core.api.Assertions.within(1e-6));
        // the flow: 13.889 m3/s, 833.3 m3 in the minute (13.8889 × 60)
        assertThat(segment).contains("a00000-Avg=13.889,a00000-Cou=833.3,a00000-Flag=N");
        var constant = new Hj212Simulator.Point(
                "MN2", "pw", "P1", "DA001", java.util.Map.of("a21026", 100.0), Hj212Simulator.Behaviour.CONSTANT, 7);
        // CONSTANT: 0.3 × 100 = 30 every minute, no noise
        assertThat(Hj212Simulator.minuteSegment(constant, java.time.LocalDateTime.of(2026, 12, 1, 9, 1)))
                .contains("a21026-Avg=30.000,");
    }

    @Test
    void flagMisusePointsFlagTheirMinutesEightHoursADayAndUnknownOutletIsOnDemandOnly() {
        var misuse = new Hj212Simulator.Point(
                "MN3", "pw", "P1", "DA001", java.util.Map.of("a21026", 100.0), Hj212Simulator.Behaviour.FLAG_MISUSE, 7);
        java.time.LocalDateTime day = java.time.LocalDateTime.of(2026, 12, 1, 0, 0);
        assertThat(Hj212Simulator.minuteSegment(misuse, day.plusHours(6).plusMinutes(5)))
                .contains("a21026-Flag=M");
        assertThat(Hj212Simulator.minuteSegment(misuse, day.plusHours(9))).contains("a21026-Flag=C");
        assertThat(Hj212Simulator.minuteSegment(misuse, day.plusHours(10))).contains("a21026-Flag=N");
        // hours 0, 3, 6, 9, 12, 15, 18, 21 flagged: 8 × 60 = 480 minutes = 8 h > FLAG_MISUSE's 4 h
        long flagged = java.util.stream.IntStream.range(0, 24 * 60)
                .filter(m ->
                        !Hj212Simulator.minuteFlag(misuse, day.plusMinutes(m)).equals("N"))
                .count();
        assertThat(flagged).isEqualTo(480);
        var anomalies = Hj212Simulator.Anomalies.parse("unknown-outlet=3");
        assertThat(anomalies.behaviour(2)).isEqualTo(Hj212Simulator.Behaviour.UNKNOWN_OUTLET);
        assertThat(anomalies.behaviour(3)).isEqualTo(Hj212Simulator.Behaviour.NORMAL);
    }
}
