package org.permitwatch.inspection.remote;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.permitwatch.events.vocabulary.ViolationType;

/**
 * The legal reading of the monitoring rules monitoring-service now fires (issue 19, ADR 0038). 《排污许可管理条例》
 * (2021): art. 36 (一) 污染物排放口位置或者数量不符合排污许可证规定; art. 36 (三) 损毁或者擅自移动、改变污染物排放自动监测设备
 * (a physical act an outage does not prove); art. 36 (四) 未保证污染物排放自动监测设备正常运行; art. 34 (二) 篡改、伪造监测数据
 * — established only by an investigation, never by the alert alone.
 */
class MonitoringJudgementTest {

    @Test
    void anOutageAndFlagMisuseAreMonitorsNotRunNormallyNotFalsification() {
        for (String rule : new String[] {"DATA_MISSING", "FLAG_MISUSE"}) {
            MonitoringJudgement judgement = MonitoringJudgement.of(rule);
            assertThat(judgement.violationType()).as(rule).isEqualTo("FACILITY_NOT_RUNNING");
            assertThat(judgement.article()).as(rule).isEqualTo("36(4)");
            assertThat(judgement.forecast()).as(rule).isFalse();
            // the reviewer is told how to re-characterise once falsification is proven
            assertThat(judgement.note()).as(rule).contains("第三十六条第（四）项").contains("第三十四条第（二）项");
        }
    }

    @Test
    void dataFromAnOutletThePermitLacksIsAnOutletNotAsPermitted() {
        MonitoringJudgement judgement = MonitoringJudgement.of("UNKNOWN_OUTLET");
        assertThat(judgement.violationType()).isEqualTo("UNPERMITTED_OUTLET");
        assertThat(judgement.article()).isEqualTo("36(1)");
        assertThat(judgement.forecast()).isFalse();
    }

    @Test
    void hourlyExceedanceStaysArticle34Item1() {
        MonitoringJudgement judgement = MonitoringJudgement.of("HOURLY_EXCEEDANCE");
        assertThat(judgement.violationType()).isEqualTo("EXCEEDING_LIMITS");
        assertThat(judgement.article()).isEqualTo("34(1)");
        assertThat(MonitoringJudgement.of("SOMETHING_NEW").violationType()).isNull();
    }

    /**
     * ANNUAL_TONNAGE_AHEAD is a forecast: it names the violation it warns of — 超过许可排放量 is 34 (一), not 34 (二)
     * (that is falsified data) — and is marked a forecast, so a CASE review is refused until the permit year's emitted
     * amount (the alert's worstValue) really exceeds the permitted amount (AlertReview.caseRefusal, MonitoringAlertIT).
     */
    @Test
    void anAnnualTonnageForecastIsAWarningOfArticle34Item1NotYetAViolation() {
        MonitoringJudgement judgement = MonitoringJudgement.of("ANNUAL_TONNAGE_AHEAD");
        assertThat(judgement.forecast()).isTrue();
        assertThat(judgement.article()).isEqualTo("34(1)");
        assertThat(judgement.violationType()).isEqualTo(ViolationType.EXCEEDING_LIMITS.name());
        assertThat(judgement.note()).contains("预警").contains("尚未构成违法").contains("第三十四条第（一）项");
    }

    @Test
    void anExceedanceIsNoForecast() {
        MonitoringJudgement judgement = MonitoringJudgement.of("HOURLY_EXCEEDANCE");
        assertThat(judgement.forecast()).isFalse();
        assertThat(judgement.article()).isEqualTo("34(1)");
    }
}
