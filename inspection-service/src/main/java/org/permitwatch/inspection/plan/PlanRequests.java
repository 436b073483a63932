package org.permitwatch.inspection.plan;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** Request bodies of the plan API. */
final class PlanRequests {

    private PlanRequests() {}

    /**
     * An annual plan (附件3) of the caller's bureau. A city plans for its city; a county plans inside its city's
     * published plan of the same year ({@code parentPlanId}, required for a county, refused for a city).
     */
    record CreatePlan(
            @NotNull @Min(2020) @Max(2100) Integer year,
            @NotBlank @Size(max = 200) String title,
            @Min(1) @Max(12) Integer startMonth,

            @Schema(description = "COUNTY plans only: the published plan of the county's city it lies in")
            UUID parentPlanId,

            @NotEmpty @Size(max = 20) List<@Valid @NotNull Row> rows) {}

    /**
     * One row of the plan table: 行业类别, 检查类别, 检查方式, 双随机信息, 检查内容, 操作方法与要领, 协同机构.
     *
     * @param ratio               检查比例 as printed in 附件3; the draw uses it for KEY and GENERAL units unless
     *                            {@code stratumRatios} says otherwise
     * @param stratumRatios       the share drawn per round of each stratum; default KEY = GENERAL = ratio, SPECIAL = 1
     * @param includeRegistration whether 登记管理 units (registration only, no permit) are drawn and counted too
     * @param parentRowNo         COUNTY plans only: the row of the city plan this row carries out
     */
    record Row(
            @NotNull @Min(1) @Max(99) Integer rowNo,

            @NotNull
            @Pattern(
                    regexp = "PAPER|STEEL|THERMAL_POWER|COKING|CEMENT|SEWAGE_TREATMENT|WATER_REUSE|OTHER",
                    message = "must be one of the plan-table industries")
            String keyIndustry,

            @NotNull PlanCategory category,
            @NotNull PlanMethod method,
            @NotNull Boolean doubleRandom,

            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1")
            BigDecimal ratio,

            @Valid StratumRatios stratumRatios,
            Boolean includeRegistration,
            @Min(1) @Max(99) Integer parentRowNo,
            @NotNull FrequencyPeriod frequencyPeriod,
            @NotNull @Min(1) @Max(31) Integer frequencyTimes,
            @Size(max = 2000) String contentDaily,
            @Size(max = 2000) String contentSpecial,
            @Size(max = 4000) String operatingMethod,
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> cooperatingAgencies) {

        /** The ratios the draw uses: the stated ones, or today's defaults (KEY and GENERAL at ratio, SPECIAL all). */
        StratumRatios effectiveRatios() {
            return stratumRatios != null ? stratumRatios : new StratumRatios(ratio, ratio, BigDecimal.ONE);
        }

        boolean registrationIncluded() {
            return Boolean.TRUE.equals(includeRegistration);
        }
    }

    /** Share per round of each stratum (重点 / 一般 / 特殊监管对象), 0–1; the names are the stratum codes. */
    @SuppressWarnings("checkstyle:MemberName")
    record StratumRatios(
            @NotNull @DecimalMin("0") @DecimalMax("1") BigDecimal KEY,
            @NotNull @DecimalMin("0") @DecimalMax("1") BigDecimal GENERAL,
            @NotNull @DecimalMin("0") @DecimalMax("1") BigDecimal SPECIAL) {

        BigDecimal of(Stratum stratum) {
            return switch (stratum) {
                case KEY -> KEY;
                case GENERAL -> GENERAL;
                case SPECIAL -> SPECIAL;
            };
        }
    }
}
