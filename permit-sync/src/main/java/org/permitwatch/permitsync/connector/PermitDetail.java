package org.permitwatch.permitsync.connector;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The full permit: the listed fields plus location, outlets with pollutant limits and obligations. */
public record PermitDetail(
        PermitSummary summary,
        @Nullable String address,
        @Nullable String legalRepresentative,
        @Nullable Double longitude,
        @Nullable Double latitude,
        List<Outlet> outlets,
        List<FugitiveControl> fugitiveControls,
        List<SelfMonitoring> selfMonitoring,
        List<String> executionReports,
        List<SpecialPeriod> specialPeriods) {

    public PermitDetail {
        outlets = List.copyOf(outlets);
        fugitiveControls = List.copyOf(fugitiveControls);
        selfMonitoring = List.copyOf(selfMonitoring);
        executionReports = List.copyOf(executionReports);
        specialPeriods = List.copyOf(specialPeriods);
    }

    /** 排放口: {@code outletType} is 主要排放口 / 一般排放口 / 其他排放口; {@code medium} 废气 / 废水. */
    public record Outlet(
            String outletCode, String outletName, String medium, String outletType, List<PollutantLimit> pollutants) {
        public Outlet {
            pollutants = List.copyOf(pollutants);
        }
    }

    /** Concentration limits in {@code unit}; annual tonnage (t/a) per permit year on main outlets only. */
    public record PollutantLimit(
            String pollutantCode,
            String pollutantName,
            @Nullable Double hourlyLimit,
            @Nullable Double dailyLimit,
            String unit,
            List<Double> annualLimitTons,
            @Nullable String standard) {
        public PollutantLimit {
            annualLimitTons = annualLimitTons == null ? List.of() : List.copyOf(annualLimitTons);
        }
    }

    public record FugitiveControl(String source, String measures) {}

    public record SelfMonitoring(
            String outletCode, String pollutantCode, String method, String frequency, boolean networked) {}

    /** 特殊时段: e.g. heavy-pollution weather, with the reduced limits that apply during it. */
    public record SpecialPeriod(String name, String measures, List<SpecialLimit> limits) {
        public SpecialPeriod {
            limits = limits == null ? List.of() : List.copyOf(limits);
        }
    }

    /** A reduced concentration limit for one outlet and pollutant during a special period. */
    public record SpecialLimit(
            @Nullable String outletCode,
            String pollutantCode,
            @Nullable Double hourlyLimit,
            @Nullable Double dailyLimit,
            @Nullable String unit) {}
}
