package org.permitwatch.inspection.penalty;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The full explanation of a proposed fine: stored with the proposal and copied into the decision, so a decision
 * can be re-checked by hand long after the benchmark changed. Amounts in yuan.
 *
 * @param article           the case's article as found (e.g. 34(1))
 * @param benchmarkArticle  the benchmark entry applied (e.g. 34)
 * @param pBase             Σ weight × score before adjustments
 * @param pAdjusted         p after adjustments, clamped to [0, 1]
 * @param pClamped          the adjustments pushed p outside [0, 1]
 * @param rawYuan           min + (max − min) × p, before rounding
 * @param roundedYuan       rawYuan rounded to the unit
 * @param fineYuan          roundedYuan clamped into [min, max]: the fine (per occurrence for art. 37)
 * @param clampedToRange    rounding left the range and was clamped back
 * @param resultYuan        fineYuan × occurrences: the proposed amount
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Explanation(
        String benchmarkVersion,
        LocalDate benchmarkEffectiveFrom,
        String article,
        String benchmarkArticle,
        String articleTitle,
        Range range,
        boolean serious,
        List<Measure> nonMonetaryMeasures,
        History history,
        List<FactorLine> factors,
        BigDecimal pBase,
        List<AdjustmentLine> adjustments,
        BigDecimal pAdjusted,
        boolean pClamped,
        BigDecimal rawYuan,
        BigDecimal roundingUnitYuan,
        String roundingMode,
        BigDecimal roundedYuan,
        BigDecimal fineYuan,
        boolean clampedToRange,
        int occurrences,
        BigDecimal resultYuan,
        NoPenalty noPenalty) {

    /**
     * @param minYuan         statutory minimum (per occurrence for art. 37)
     * @param decisionMinYuan the lowest lawful decided amount (min × occurrences)
     */
    record Range(
            BigDecimal minYuan,
            BigDecimal maxYuan,
            boolean seriousRange,
            boolean perOccurrence,
            BigDecimal decisionMinYuan,
            BigDecimal decisionMaxYuan) {}

    /** A non-monetary measure of serious circumstances (closure, permit withdrawal…), decided outside this system. */
    record Measure(String code, String label) {}

    record History(int windowMonths, int priorCases, int priorSameViolation, List<String> priorCaseNos) {}

    record FactorLine(
            String code,
            String label,
            String level,
            String levelLabel,
            BigDecimal score,
            BigDecimal weight,
            BigDecimal contribution,
            boolean computed) {}

    record AdjustmentLine(String code, String label, String kind, BigDecimal percent, BigDecimal delta) {}

    record NoPenalty(boolean eligible, String rule, String ruleLabel, String legalBasis, List<Reason> reasons) {}

    record Reason(String check, boolean passed, String detail) {}
}
