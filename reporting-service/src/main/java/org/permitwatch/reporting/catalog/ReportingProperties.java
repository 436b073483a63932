package org.permitwatch.reporting.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * {@code permitwatch.reporting.*}.
 *
 * @param divisionNames   JSON file {@code {"names": {"140100": "太原市", …}}} of division codes to names
 * @param summaryTitle    title of the summary table (附件1)
 * @param planTitle       title of the plan table (附件3)
 * @param maxPeriodDays   the longest period one summary request may span
 * @param historyQuarters quarters in a unit's compliance strip (ECHO shows 12)
 */
@Validated
@ConfigurationProperties("permitwatch.reporting")
public record ReportingProperties(
        @NotNull @DefaultValue("classpath:reporting/divisions-shanxi.json")
        Resource divisionNames,

        @NotBlank @DefaultValue("山西省排污许可执法检查情况汇总表") String summaryTitle,
        @NotBlank @DefaultValue("山西省排污许可清单式执法检查计划") String planTitle,
        @Min(1) @Max(3700) @DefaultValue("1831") int maxPeriodDays,
        @Min(1) @Max(40) @DefaultValue("12") int historyQuarters) {}
