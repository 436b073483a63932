package org.permitwatch.inspection.procedure;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code permitwatch.cases.procedure.*}: the figures of the procedure that are data, not law of this code — the
 * province may set them (《生态环境行政处罚办法》 lets 地方性法规、地方政府规章 define 较大数额). Defaults and sources:
 * docs/inspection/cases.md#procedure and ADR 0041. The hearing threshold (较大数额罚款) is not here: it is
 * {@code permitwatch.documents.hearing-threshold-yuan}, the figure the 告知书 prints its hearing paragraph by, so the
 * document and the procedure can never disagree.
 *
 * @param statementWorkingDays     陈述申辩 window after the notice, working days (default 3 — practice of the notice
 *                                 form, see ADR 0041: neither statute fixes it)
 * @param hearingRequestWorkingDays 听证 request window after the notice, working days (default 5: 《行政处罚法》第六十四条
 *                                 第（一）项 "告知后五日内", working days by 第八十五条)
 * @param majorDecisionMinYuan     a fine of at least this amount is a 重大执法决定: legal review (法制审核, 第五十八条) and
 *                                 collective discussion (集体讨论, 第五十七条第二款) before the decision (default 200000 —
 *                                 the province's 重大行政执法决定目录 should set it)
 * @param caseLimitDays            calendar days from 立案 to the decision (default 90, 行政处罚法 第六十条)
 * @param extensionMaxDays         the longest one extension may be (default 30)
 */
@Validated
@ConfigurationProperties("permitwatch.cases.procedure")
public record ProcedureProperties(
        @Min(1) @Max(30) Integer statementWorkingDays,
        @Min(1) @Max(30) Integer hearingRequestWorkingDays,
        @DecimalMin("0") BigDecimal majorDecisionMinYuan,
        @Min(1) @Max(365) Integer caseLimitDays,
        @Min(1) @Max(365) Integer extensionMaxDays) {

    public ProcedureProperties {
        statementWorkingDays = statementWorkingDays == null ? 3 : statementWorkingDays;
        hearingRequestWorkingDays = hearingRequestWorkingDays == null ? 5 : hearingRequestWorkingDays;
        majorDecisionMinYuan = majorDecisionMinYuan == null ? new BigDecimal("200000") : majorDecisionMinYuan;
        caseLimitDays = caseLimitDays == null ? 90 : caseLimitDays;
        extensionMaxDays = extensionMaxDays == null ? 30 : extensionMaxDays;
    }

    /** The defaults, for unit tests and as documentation. */
    public static ProcedureProperties defaults() {
        return new ProcedureProperties(null, null, null, null, null);
    }
}
