package org.permitwatch.inspection.penalty;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request bodies of the penalty API. Amounts in yuan. */
final class PenaltyRequests {

    private PenaltyRequests() {}

    /**
     * {@code POST /api/v1/cases/{id}/penalty-proposal}.
     *
     * @param factors         level code per factor (HARM, FAULT, METHOD, ATTITUDE); HISTORY is computed
     * @param adjustments     codes of the mitigating / aggravating circumstances that apply
     * @param occurrences     art. 37 only: occurrences fined (default 1)
     * @param serious         情节严重 (articles 33, 34, 35)
     * @param correctedInTime no longer accepted (400 when sent): 及时改正 is derived from the case's rectification,
     *                        verified complete by its deadline
     */
    record Proposal(
            @NotNull Map<String, String> factors,
            @Size(max = 20) List<@NotBlank String> adjustments,
            @Min(1) @Max(10000) Integer occurrences,
            Boolean serious,
            Boolean correctedInTime) {}

    enum Kind {
        FINE,
        NO_PENALTY
    }

    /**
     * {@code POST /api/v1/cases/{id}/decision}.
     *
     * @param amountYuan     FINE: the amount decided; null takes the proposal's. Must lie inside the statutory range.
     * @param overrideReason required when amountYuan differs from the proposal
     */
    record Decision(
            @NotNull UUID proposalId,
            @NotNull Kind kind,
            @DecimalMin("0") BigDecimal amountYuan,
            @Size(max = 2000) String overrideReason) {}

    /**
     * {@code POST /api/v1/cases/{id}/article}: re-characterise the case's article before the decision.
     *
     * @param article the article and 项 of 《排污许可管理条例》, short ({@code 36(5)}) or official text
     *                ({@code 第三十六条第（五）项})
     * @param reason  why (required, audited)
     */
    record Recharacterisation(
            @NotBlank @Size(max = 100) String article,
            @NotBlank @Size(max = 2000) String reason) {}

    /** {@code POST /api/v1/cases/{id}/daily-penalty}: the re-inspection that found the violation continuing. */
    record DailyPenalty(
            @NotNull UUID rectificationId, @NotNull UUID reinspectionRecordId) {}
}
