package org.permitwatch.inspection.remote;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.permitwatch.events.vocabulary.ViolationType;

/**
 * What an alert points at in law (《排污许可管理条例》 2021, checked: art. 34 (一) 超过许可排放浓度、许可排放量排放污染物;
 * art. 34 (二) 通过暗管、渗井、渗坑、灌注或者篡改、伪造监测数据 … 逃避监管的方式违法排放污染物).
 */
class MonitoringJudgementTest {

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
