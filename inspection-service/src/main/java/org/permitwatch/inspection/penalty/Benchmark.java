package org.permitwatch.inspection.penalty;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One version of the discretion benchmark (自由裁量基准), as read from {@code enforcement/discretion-benchmark.json}.
 * Immutable once a proposal has recorded its {@link #id()}: a change of values is a new version with a later
 * {@link #effectiveFrom()}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record Benchmark(
        String id,
        LocalDate effectiveFrom,
        String title,
        Rounding rounding,
        int historyWindowMonths,
        List<Factor> factors,
        List<Adjustment> adjustments,
        List<ArticleRange> articles,
        List<NoPenaltyRule> noPenaltyRules) {

    Benchmark {
        factors = List.copyOf(factors);
        adjustments = List.copyOf(adjustments);
        articles = List.copyOf(articles);
        noPenaltyRules = noPenaltyRules == null ? List.of() : List.copyOf(noPenaltyRules);
    }

    /**
     * The range of an article, given in the short form or as the checklist's text ({@link ArticleRef});
     * {@code 34(1)} falls back to {@code 34} when the data has no paragraph entry.
     */
    Optional<ArticleRange> article(String article) {
        if (article == null) {
            return Optional.empty();
        }
        // A case from a checklist finding carries the official text (第三十四条第（一）项), the data the short form.
        String trimmed = ArticleRef.normalize(article);
        String base = ArticleRef.base(trimmed);
        return articles.stream()
                .filter(a -> a.article().equals(trimmed))
                .findFirst()
                .or(() ->
                        articles.stream().filter(a -> a.article().equals(base)).findFirst());
    }

    Optional<Factor> factor(String code) {
        return factors.stream().filter(f -> f.code().equals(code)).findFirst();
    }

    Optional<Adjustment> adjustment(String code) {
        return adjustments.stream().filter(a -> a.code().equals(code)).findFirst();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Rounding(BigDecimal unitYuan, RoundingMode mode) {}

    /**
     * A discretion factor with its levels; {@code computed} factors (HISTORY) are derived from the unit's cases,
     * never typed in.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Factor(String code, String label, BigDecimal weight, boolean computed, List<Level> levels) {
        Factor {
            levels = List.copyOf(levels);
        }

        Optional<Level> level(String levelCode) {
            return levels.stream().filter(l -> l.code().equals(levelCode)).findFirst();
        }
    }

    /**
     * @param slight        HARM only: this level counts as 危害后果轻微 for the no-penalty rules
     * @param minPriorCases HISTORY only: the level applies from this many prior cases in the window
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Level(String code, String label, BigDecimal score, Boolean slight, Integer minPriorCases) {
        boolean isSlight() {
            return Boolean.TRUE.equals(slight);
        }
    }

    /** 从轻/减轻 (MITIGATING) or 从重 (AGGRAVATING), as a percentage of the range moved on p. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Adjustment(String code, String label, String kind, BigDecimal percent) {
        static final String MITIGATING = "MITIGATING";
        static final String AGGRAVATING = "AGGRAVATING";

        /** The signed change of p: negative for mitigating. */
        BigDecimal delta() {
            BigDecimal fraction = percent.movePointLeft(2);
            return MITIGATING.equals(kind) ? fraction.negate() : fraction;
        }
    }

    /**
     * A statutory range in yuan. {@code perOccurrence} (art. 37): the range is per occurrence and the total is the
     * fine times the occurrences. {@code serious}: a serious range (art. 35) and/or a non-monetary measure
     * (closure art. 33, permit withdrawal art. 34) recorded as a flag in the explanation.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ArticleRange(
            String article,
            String title,
            BigDecimal minYuan,
            BigDecimal maxYuan,
            boolean perOccurrence,
            Serious serious) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Serious(BigDecimal minYuan, BigDecimal maxYuan, String measure, String measureLabel) {
        boolean hasRange() {
            return minYuan != null && maxYuan != null;
        }
    }

    /**
     * A no-penalty rule (首违不罚/轻微不罚): matches a case by violation type or article (an entry with its 项, e.g.
     * {@code 37(1)}, matches only that 项); eligible when the unit had no case of the same violation type within
     * {@code historyMonths}, and (where required) the harm was slight and the violation corrected in time.
     *
     * @param excludedConducts words that, in the case's article text, name a conduct the rule does not cover even
     *                         though its 项 matches (36(7) covers 未按照规定公开 but not 不如实公开)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record NoPenaltyRule(
            String code,
            String label,
            List<String> violationTypes,
            List<String> articles,
            List<String> excludedConducts,
            int historyMonths,
            boolean requiresSlightHarm,
            boolean requiresCorrection,
            String legalBasis) {
        NoPenaltyRule {
            violationTypes = violationTypes == null ? List.of() : List.copyOf(violationTypes);
            articles = articles == null ? List.of() : List.copyOf(articles);
            excludedConducts = excludedConducts == null ? List.of() : List.copyOf(excludedConducts);
        }

        /** The excluded conduct the article text names, or null. */
        String excludedConduct(String article) {
            return article == null
                    ? null
                    : excludedConducts.stream()
                            .filter(article::contains)
                            .findFirst()
                            .orElse(null);
        }

        boolean matches(String violationType, String article) {
            String normalized = article == null ? "" : ArticleRef.normalize(article);
            return violationTypes.contains(violationType)
                    || articles.contains(normalized)
                    || articles.contains(ArticleRef.base(normalized));
        }
    }
}
