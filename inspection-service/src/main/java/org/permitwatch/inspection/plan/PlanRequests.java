package org.permitwatch.inspection.plan;

import java.math.BigDecimal;
import java.util.List;

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

/** Request bodies of the plan API. */
final class PlanRequests {

    private PlanRequests() {
    }

    /** A city's annual plan (附件3); the city is the caller's. Inspections may start later in the year. */
    record CreatePlan(@NotNull @Min(2020) @Max(2100) Integer year,
                      @NotBlank @Size(max = 200) String title,
                      @Min(1) @Max(12) Integer startMonth,
                      @NotEmpty @Size(max = 20) List<@Valid @NotNull Row> rows) {
    }

    /** One row of the plan table: 行业类别, 检查类别, 检查方式, 双随机信息, 检查内容, 操作方法与要领, 协同机构. */
    record Row(@NotNull @Min(1) @Max(99) Integer rowNo,
               @NotNull @Pattern(regexp = "PAPER|STEEL|THERMAL_POWER|COKING|CEMENT|SEWAGE_TREATMENT|WATER_REUSE|OTHER",
                       message = "must be one of the plan-table industries") String keyIndustry,
               @NotNull PlanCategory category,
               @NotNull PlanMethod method,
               @NotNull Boolean doubleRandom,
               @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") BigDecimal ratio,
               @NotNull FrequencyPeriod frequencyPeriod,
               @NotNull @Min(1) @Max(31) Integer frequencyTimes,
               @Size(max = 2000) String contentDaily,
               @Size(max = 2000) String contentSpecial,
               @Size(max = 4000) String operatingMethod,
               @Size(max = 20) List<@NotBlank @Size(max = 100) String> cooperatingAgencies) {
    }
}
