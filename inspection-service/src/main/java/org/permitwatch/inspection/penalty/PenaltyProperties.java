package org.permitwatch.inspection.penalty;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code permitwatch.cases.penalty.*}.
 *
 * @param benchmarkResource the versioned discretion benchmark (JSON, see docs/inspection/cases.md)
 * @param daily             the daily continuous fine (按日连续处罚): which articles allow it and the re-inspection window
 */
@Validated
@ConfigurationProperties("permitwatch.cases.penalty")
record PenaltyProperties(
        @NotBlank String benchmarkResource, @Valid Daily daily) {

    PenaltyProperties {
        benchmarkResource = benchmarkResource == null || benchmarkResource.isBlank()
                ? "classpath:enforcement/discretion-benchmark.json"
                : benchmarkResource;
        daily = daily == null ? new Daily(null, null) : daily;
    }

    /**
     * {@code permitwatch.cases.penalty.daily.*}: the one place that says which violations may be fined day by day.
     *
     * @param articles               articles and 项 of 《排污许可管理条例》 (short form, {@code 34(1)}) whose conduct is
     *                               unlawful discharge (违法排放污染物) in the sense of 环境保护部令第28号 第五条; a bare
     *                               article ({@code 33}) admits a case citing the article without its 项. Default: see
     *                               {@link DailyFineRules#STATUTORY_ARTICLES}
     * @param reinspectionWindowDays a re-inspection counts only within this many days after the service of the order
     *                               (or after the previous fined re-inspection); default 30 (第十二条)
     */
    record Daily(List<String> articles, @Min(1) @Max(365) Integer reinspectionWindowDays) {
        Daily {
            articles =
                    articles == null || articles.isEmpty() ? DailyFineRules.STATUTORY_ARTICLES : List.copyOf(articles);
            reinspectionWindowDays =
                    reinspectionWindowDays == null ? DailyFineRules.STATUTORY_WINDOW_DAYS : reinspectionWindowDays;
        }
    }
}
