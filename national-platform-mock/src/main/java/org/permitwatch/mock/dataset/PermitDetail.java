package org.permitwatch.mock.dataset;

import java.util.List;

/** The part of {@code GET /api/v1/permits/{permitNo}} that comes on top of the summary fields. */
public record PermitDetail(
        String address,
        String legalRepresentative,
        double longitude,
        double latitude,
        List<Outlet> outlets,
        List<FugitiveControl> fugitiveControls,
        List<SelfMonitoring> selfMonitoring,
        List<String> executionReports,
        List<SpecialPeriod> specialPeriods) {

    /** 排放口. {@code medium} is 废气 or 废水; {@code outletType} 主要排放口 / 一般排放口. */
    public record Outlet(
            String outletCode, String outletName, String medium, String outletType, List<PollutantLimit> pollutants) {}

    /**
     * Permitted limit for one pollutant at one outlet. Air limits are hourly (mg/m3), water limits daily
     * (mg/L); the other one is null. {@code annualLimitTons} has five yearly values on main outlets and is
     * empty on general outlets (concentration only).
     */
    public record PollutantLimit(
            String pollutantCode,
            String pollutantName,
            Double hourlyLimit,
            Double dailyLimit,
            String unit,
            List<Double> annualLimitTons,
            String standard) {}

    /** 无组织排放 control. */
    public record FugitiveControl(String source, String measures) {}

    /** 自行监测 item. {@code method} 自动/手工, {@code frequency} 连续 or e.g. 1次/季度. */
    public record SelfMonitoring(
            String outletCode, String pollutantCode, String method, String frequency, boolean networked) {}

    /** 特殊时段 with its reduced limits (may be empty when the measure is a production cut). */
    public record SpecialPeriod(String name, String measures, List<SpecialLimit> limits) {}

    public record SpecialLimit(String outletCode, String pollutantCode, double hourlyLimit, String unit) {}
}
