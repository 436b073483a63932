package org.permitwatch.inspection.document;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code permitwatch.documents.*}.
 *
 * @param hearingThresholdYuan a proposed fine at or above this prints the hearing paragraph (听证告知) in the prior
 *                             notice: 行政处罚法第六十三条 grants a hearing for a 较大数额罚款, whose amount the province sets.
 *                             Default 50,000 yuan for a unit (法人或者其他组织), the figure of the former 环境行政处罚听证程序规定
 *                             第五条; a province with another figure configures it. Not verified against Shanxi's current rule.
 *                             Also the procedure's hearing right (ProcedureRules, ADR 0041): one figure for both
 */
@ConfigurationProperties("permitwatch.documents")
public record DocumentProperties(BigDecimal hearingThresholdYuan) {

    public DocumentProperties {
        hearingThresholdYuan = hearingThresholdYuan == null ? new BigDecimal("50000") : hearingThresholdYuan;
    }
}
