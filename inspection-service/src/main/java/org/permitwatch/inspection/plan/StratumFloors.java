package org.permitwatch.inspection.plan;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code permitwatch.plan.stratum-floors.*}: the lowest share of each stratum a double-random plan row may plan,
 * per level. Configurable data, not law: the seed notice (晋环发〔2022〕18号) names no figures; the shipped defaults
 * follow the national rule for random checks of pollution sources (环办〔2015〕88号, as implemented by the provinces):
 * a city checks at least 5 % of its 重点 units per quarter, a county 25 %; 一般 units are sized by staff
 * (1:5 / 1:10 officers to units per year, not a share, so no share floor); 特殊 units are fully covered (DOMAIN.md §6).
 * See ADR 0013.
 */
@Validated
@ConfigurationProperties("permitwatch.plan")
public record StratumFloors(@NotNull @Valid Levels stratumFloors) {

    public record Levels(
            @NotNull @Valid LevelFloors city,
            @NotNull @Valid LevelFloors county,
            @NotNull @Valid LevelFloors province) {}

    public record LevelFloors(
            @NotNull @Valid Floor key,
            @NotNull @Valid Floor general,
            @NotNull @Valid Floor special) {

        public Floor of(Stratum stratum) {
            return switch (stratum) {
                case KEY -> key;
                case GENERAL -> general;
                case SPECIAL -> special;
            };
        }
    }

    /**
     * @param share the lowest share of the stratum's units to check in each period
     * @param per   the period the share is counted over (MONTH, QUARTER or YEAR)
     */
    public record Floor(
            @NotNull @DecimalMin("0") @DecimalMax("1") BigDecimal share,
            @NotNull FrequencyPeriod per) {}

    public LevelFloors of(PlanLevel level) {
        return level == PlanLevel.COUNTY ? stratumFloors.county() : stratumFloors.city();
    }

    public LevelFloors province() {
        return stratumFloors.province();
    }

    /**
     * The periods in which a row's planned share of a stratum falls short of the floor. The planned share of a period
     * is ratio × rounds the monthly breakdown puts in it; a period the plan only partly covers (it starts mid-quarter
     * or mid-year) needs the floor pro rata to its active months: share × rounds × monthsPerPeriod &lt; floor ×
     * activeMonths is a shortfall. Empty when the row meets the floor.
     *
     * @param rounds rounds per month from {@link MonthBreakdown}, index 0 = January
     */
    static List<String> shortfalls(Floor floor, BigDecimal ratio, int[] rounds, int startMonth) {
        List<String> out = new ArrayList<>();
        if (floor.share().signum() == 0) {
            return out;
        }
        int span = switch (floor.per()) {
            case MONTH -> 1;
            case QUARTER -> 3;
            case YEAR -> 12;
        };
        for (int first = 1; first <= 12; first += span) {
            int active = 0;
            int planned = 0;
            for (int m = first; m < first + span; m++) {
                if (m >= startMonth) {
                    active++;
                    planned += rounds[m - 1];
                }
            }
            if (active == 0) {
                continue;
            }
            BigDecimal have = ratio.multiply(BigDecimal.valueOf((long) planned * span));
            BigDecimal need = floor.share().multiply(BigDecimal.valueOf(active));
            if (have.compareTo(need) < 0) {
                out.add(String.format(
                        "%s %s: %s × %d round(s) = %s%% of the units, below the floor of %s%% per %s%s",
                        floor.per().name().toLowerCase(java.util.Locale.ROOT),
                        label(floor.per(), first),
                        ratio.stripTrailingZeros().toPlainString(),
                        planned,
                        percent(ratio.multiply(BigDecimal.valueOf(planned))),
                        percent(floor.share()),
                        floor.per().name().toLowerCase(java.util.Locale.ROOT),
                        active < span ? " (pro rata " + active + "/" + span + " months)" : ""));
            }
        }
        return out;
    }

    private static String label(FrequencyPeriod per, int firstMonth) {
        return switch (per) {
            case MONTH -> "month " + firstMonth;
            case QUARTER -> "Q" + ((firstMonth - 1) / 3 + 1);
            case YEAR -> "of the plan";
        };
    }

    private static String percent(BigDecimal share) {
        return share.multiply(BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString();
    }
}
