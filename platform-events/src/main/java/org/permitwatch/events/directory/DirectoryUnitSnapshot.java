package org.permitwatch.events.directory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The full current state of one object-directory entry (检查对象名录库), published on the compacted topic
 * {@link org.permitwatch.events.Topics#DIRECTORY_UNITS} keyed by {@code permitNo}. Every value is a complete
 * snapshot, never a delta, so a consumer rebuilds its projection by reading the topic from the start and
 * keeping the latest value per key. Personal data (the legal representative) is deliberately not part of it.
 *
 * @param permitNo           permit number, or registration receipt number for 登记管理 units; the record key
 * @param uscc               unified social credit code (统一社会信用代码) of the holder
 * @param unitName           name of the holder
 * @param provinceCode       6-digit division code of the province
 * @param cityCode           6-digit division code of the city
 * @param countyCode         6-digit division code of the county; the most specific scope of the unit
 * @param industryCode       GB/T 4754-2017 industry code
 * @param industryName       industry name as the national platform labels it
 * @param keyIndustry        plan-table row: PAPER, STEEL, THERMAL_POWER, COKING, CEMENT, SEWAGE_TREATMENT,
 *                           WATER_REUSE or OTHER
 * @param managementCategory KEY (重点管理), SIMPLIFIED (简化管理) or REGISTRATION (登记管理)
 * @param status             VALID, EXPIRED, REVOKED, CANCELLED or WITHDRAWN
 * @param validFrom          start of validity; null for registrations
 * @param validTo            end of validity; null for registrations
 * @param withoutPermit      true when discharging would count as 无证排污 (status is not VALID)
 * @param sourceType         SPECIAL, KEY or GENERAL, from the configurable source-type rules
 * @param positiveList       on the positive list (正面清单)
 * @param outlets            outlets with their pollutant limits
 * @param lastInspectedAt    last inspection the directory knew when this snapshot was published (fed back by the
 *                           inspection service); null if none. An inspection alone does not publish a snapshot (ADR
 *                           0060), so this can be older than the directory's entry: a consumer that needs the latest
 *                           keeps its own from inspection.submitted.
 * @param violationCount     verified violations fed back by later processes
 * @param version            the national platform's record version this snapshot reflects
 * @param platformUpdatedAt  when the national platform last changed the record
 * @param changedAt          when this service last changed the entry
 * @param selfMonitoring     the permit's self-monitoring table (自行监测要求), one row per outlet and pollutant; null
 *                           in a snapshot written before the table was carried (a consumer then falls back to its
 *                           own approximation), empty when the permit lists none. Added to v1 as an optional field.
 * @param specialPeriods     the permit's special periods (特殊时段: 重污染天气应对, 采暖季 …) with the reduced limits that
 *                           apply during them; null in a snapshot written before they were carried, empty when the
 *                           permit lists none. Added to v1 as an optional field (issue 19, ADR 0039).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DirectoryUnitSnapshot(
        String permitNo,
        String uscc,
        String unitName,
        String provinceCode,
        String cityCode,
        String countyCode,
        String industryCode,
        String industryName,
        String keyIndustry,
        String managementCategory,
        String status,
        LocalDate validFrom,
        LocalDate validTo,
        boolean withoutPermit,
        String sourceType,
        boolean positiveList,
        List<Outlet> outlets,
        OffsetDateTime lastInspectedAt,
        int violationCount,
        long version,
        OffsetDateTime platformUpdatedAt,
        OffsetDateTime changedAt,
        List<SelfMonitoring> selfMonitoring,
        List<SpecialPeriod> specialPeriods) {

    /** CloudEvents {@code ce_type} of every value on the topic. */
    public static final String TYPE = "org.permitwatch.permitsync.unit.changed.v1";

    public DirectoryUnitSnapshot {
        outlets = outlets == null ? List.of() : List.copyOf(outlets);
        // null stays null: "not carried" (an older snapshot) is not "the permit lists none".
        selfMonitoring = selfMonitoring == null ? null : List.copyOf(selfMonitoring);
        specialPeriods = specialPeriods == null ? null : List.copyOf(specialPeriods);
    }

    /** A snapshot without the special periods, as written before they were carried. */
    public DirectoryUnitSnapshot(
            String permitNo,
            String uscc,
            String unitName,
            String provinceCode,
            String cityCode,
            String countyCode,
            String industryCode,
            String industryName,
            String keyIndustry,
            String managementCategory,
            String status,
            LocalDate validFrom,
            LocalDate validTo,
            boolean withoutPermit,
            String sourceType,
            boolean positiveList,
            List<Outlet> outlets,
            OffsetDateTime lastInspectedAt,
            int violationCount,
            long version,
            OffsetDateTime platformUpdatedAt,
            OffsetDateTime changedAt,
            List<SelfMonitoring> selfMonitoring) {
        this(
                permitNo,
                uscc,
                unitName,
                provinceCode,
                cityCode,
                countyCode,
                industryCode,
                industryName,
                keyIndustry,
                managementCategory,
                status,
                validFrom,
                validTo,
                withoutPermit,
                sourceType,
                positiveList,
                outlets,
                lastInspectedAt,
                violationCount,
                version,
                platformUpdatedAt,
                changedAt,
                selfMonitoring,
                null);
    }

    /** A snapshot without the self-monitoring table, as written before it was carried. */
    public DirectoryUnitSnapshot(
            String permitNo,
            String uscc,
            String unitName,
            String provinceCode,
            String cityCode,
            String countyCode,
            String industryCode,
            String industryName,
            String keyIndustry,
            String managementCategory,
            String status,
            LocalDate validFrom,
            LocalDate validTo,
            boolean withoutPermit,
            String sourceType,
            boolean positiveList,
            List<Outlet> outlets,
            OffsetDateTime lastInspectedAt,
            int violationCount,
            long version,
            OffsetDateTime platformUpdatedAt,
            OffsetDateTime changedAt) {
        this(
                permitNo,
                uscc,
                unitName,
                provinceCode,
                cityCode,
                countyCode,
                industryCode,
                industryName,
                keyIndustry,
                managementCategory,
                status,
                validFrom,
                validTo,
                withoutPermit,
                sourceType,
                positiveList,
                outlets,
                lastInspectedAt,
                violationCount,
                version,
                platformUpdatedAt,
                changedAt,
                null,
                null);
    }

    /**
     * One row of the permit's self-monitoring table (自行监测要求), as the national platform lists it.
     *
     * @param outletCode    the outlet (DA###/DW###) the row is about
     * @param pollutantCode HJ 212-2017 code of the pollutant monitored
     * @param method        自动 (automatic, online monitoring: must send HJ 212 data) or 手工 (manual sampling)
     * @param frequency     as the permit words it (e.g. 自动监测, 1次/季度)
     * @param networked     whether the automatic monitoring must be networked with the authority (联网)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SelfMonitoring(
            String outletCode, String pollutantCode, String method, String frequency, boolean networked) {

        /** The platform's word for automatic monitoring. */
        public static final String AUTOMATIC = "自动";
    }

    /**
     * A special period of the permit (特殊时段), as the national platform lists it.
     *
     * @param name     e.g. 重污染天气应对 (applies while the city's heavy-pollution weather warning is in force) or
     *                 采暖季错峰生产
     * @param measures the measure in the permit's words (限产30% …)
     * @param limits   reduced limits during the period; empty when the measure is a production cut only
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SpecialPeriod(String name, String measures, List<SpecialLimit> limits) {

        /** The platform's name of the heavy-pollution weather period (重污染天气应对). */
        public static final String HEAVY_POLLUTION_WEATHER = "重污染天气应对";

        public SpecialPeriod {
            limits = limits == null ? List.of() : List.copyOf(limits);
        }
    }

    /**
     * A reduced concentration limit of one pollutant at one outlet during a special period.
     *
     * @param outletCode    the outlet (DA###/DW###)
     * @param pollutantCode HJ 212-2017 code
     * @param hourlyLimit   reduced hourly limit in {@code unit}; null when the period sets none
     * @param dailyLimit    reduced daily limit in {@code unit}; null when the period sets none
     * @param unit          mg/m3 or mg/L
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SpecialLimit(
            String outletCode, String pollutantCode, Double hourlyLimit, Double dailyLimit, String unit) {}

    /**
     * An outlet (排放口).
     *
     * @param outletCode DA### (air) or DW### (water)
     * @param outletName name on the permit
     * @param medium     废气 or 废水, as the platform labels it
     * @param outletType 主要排放口, 一般排放口 or 其他排放口, as the platform labels it
     * @param pollutants permitted limits per pollutant
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Outlet(
            String outletCode, String outletName, String medium, String outletType, List<PollutantLimit> pollutants) {
        public Outlet {
            pollutants = pollutants == null ? List.of() : List.copyOf(pollutants);
        }
    }

    /**
     * Permitted limits of one pollutant at one outlet.
     *
     * @param pollutantCode   HJ 212-2017 code, e.g. a21026
     * @param pollutantName   name as labelled by the platform
     * @param hourlyLimit     hourly concentration limit in {@code unit}; null when not set
     * @param dailyLimit      daily concentration limit in {@code unit}; null when not set
     * @param unit            mg/m3 or mg/L
     * @param annualLimitTons annual tonnage per permit year (t/a), main outlets only
     * @param standard        the emission standard that sets the limits
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PollutantLimit(
            String pollutantCode,
            String pollutantName,
            Double hourlyLimit,
            Double dailyLimit,
            String unit,
            List<Double> annualLimitTons,
            String standard) {
        public PollutantLimit {
            annualLimitTons = annualLimitTons == null ? List.of() : List.copyOf(annualLimitTons);
        }
    }
}
