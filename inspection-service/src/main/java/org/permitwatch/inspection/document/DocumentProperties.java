package org.permitwatch.inspection.document;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code permitwatch.documents.*}.
 *
 * @param hearingThresholdYuan a proposed fine at or above this prints the hearing paragraph (听证告知) in the prior
 *                             notice: 行政处罚法第六十三条 grants a hearing for a 较大数额罚款. Default 200,000 yuan: 《生态环境
 *                             行政处罚办法》(2023) 第八十九条 puts 较大数额 for 法人或者其他组织 at 二十万元以上 (5,000 for a
 *                             citizen; every permit holder here is an organisation), "以上" including the figure itself
 *                             (民法典 第一千二百五十九条); 地方性法规、地方政府规章 prevail, so a province with its own figure
 *                             configures it (Shanxi's was not found: ADR 0045). Until session 11 the default was 50,000,
 *                             the former 环境行政处罚听证程序规定's figure. Also the procedure's hearing right
 *                             (ProcedureRules, ADR 0041): one figure for both
 */
@ConfigurationProperties("permitwatch.documents")
public record DocumentProperties(BigDecimal hearingThresholdYuan) {

    public DocumentProperties {
        hearingThresholdYuan = hearingThresholdYuan == null ? new BigDecimal("200000") : hearingThresholdYuan;
    }
}
