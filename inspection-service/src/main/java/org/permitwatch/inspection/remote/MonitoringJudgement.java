package org.permitwatch.inspection.remote;

import org.permitwatch.events.vocabulary.ViolationType;

/**
 * What a monitoring rule's alert points at in law: the 附件1 violation type and the article (with its 项) of
 * 《排污许可管理条例》 a case opened from it is about. One place for the mapping (docs/inspection/remote-checks.md,
 * "Monitoring alerts"). Checked against the Regulation's text (2021): art. 34 (一) 超过许可排放浓度、许可排放量排放污染物;
 * art. 36 (一) 污染物排放口位置或者数量不符合排污许可证规定; art. 36 (四) 未按照排污许可证规定安装、使用污染物排放自动监测设备并
 * 与生态环境主管部门的监控设备联网，或者未保证污染物排放自动监测设备正常运行.
 *
 * <p>A data anomaly (constant values, zeros, gaps, flag misuse) proves only that the monitor did not deliver what it
 * must — 36(4); that the data were falsified (34(2), 篡改、伪造监测数据) is something an investigation has to establish,
 * and the case's article is corrected then ({@code POST /api/v1/cases/{id}/article}).
 *
 * @param violationType null for a rule this service does not know (the alert can be dismissed or tasked, not cased)
 * @param forecast      the alert warns of a violation that has not happened yet: a case needs the value above the limit
 * @param note          why, in Chinese, copied into the alert's evidence for the reviewer
 */
record MonitoringJudgement(String violationType, String article, boolean forecast, String note) {

    static MonitoringJudgement of(String rule) {
        RemoteRule known = known(rule);
        if (known == null) {
            return new MonitoringJudgement(null, null, false, "本系统未识别的监测规则 " + rule + "：仅可转交办或不予处理，不能直接立案");
        }
        return switch (known) {
            case HOURLY_EXCEEDANCE, DAILY_EXCEEDANCE -> exceeding("有效均值超过许可排放浓度：《排污许可管理条例》第三十四条第（一）项", false);
            case ANNUAL_TONNAGE_AHEAD ->
                exceeding(
                        "许可年度排放量预计超过许可排放量（预警：年度已排放量加近期日排放速率推算至年度末，ADR 0040）：尚未构成违法，宜转交办或定向检查；"
                                + "已排放量实际超过许可排放量后方构成第三十四条第（一）项（超过许可排放量），立案以实际排放量为据",
                        true);
            case CONSTANT_VALUE, ZERO_OR_NEGATIVE, DATA_MISSING, FLAG_MISUSE ->
                new MonitoringJudgement(
                        ViolationType.FACILITY_NOT_RUNNING.name(),
                        "36(4)",
                        false,
                        "自动监测数据异常：未保证污染物排放自动监测设备正常运行，《排污许可管理条例》第三十六条第（四）项；" + "经调查认定篡改、伪造监测数据的，改按第三十四条第（二）项");
            case UNKNOWN_OUTLET ->
                new MonitoringJudgement(
                        ViolationType.UNPERMITTED_OUTLET.name(),
                        "36(1)",
                        false,
                        "排污许可证未载明的排放口有监测数据：排放口位置或者数量不符合排污许可证规定，《排污许可管理条例》第三十六条第（一）项");
            case PERMIT_NOT_VALID_BUT_OPERATING, CATEGORY_TOO_LOW ->
                throw new IllegalArgumentException(rule + " is a remote-check rule, not a monitoring rule");
        };
    }

    private static MonitoringJudgement exceeding(String note, boolean forecast) {
        return new MonitoringJudgement(ViolationType.EXCEEDING_LIMITS.name(), "34(1)", forecast, note);
    }

    /** The known rule of that name, or null (a rule added by the producer after this version). */
    static RemoteRule known(String rule) {
        for (RemoteRule r : RemoteRule.values()) {
            if (r.name().equals(rule)) {
                return r;
            }
        }
        return null;
    }
}
