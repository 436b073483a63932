package org.permitwatch.inspection.penalty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.permitwatch.support.problem.ApiException;

/**
 * The discretion formula of DOMAIN.md §5, as a pure function of a benchmark version, the case and the inputs:
 * <pre>
 *   p0  = Σ weight × score                      (factor levels; HISTORY from the unit's prior cases)
 *   p   = clamp(p0 + Σ aggravating% − Σ mitigating%, 0, 1)
 *   fine = clamp(round(min + (max − min) × p, unit), min, max)      per occurrence for art. 37
 *   total = fine × occurrences
 * </pre>
 * Every number is exact ({@link BigDecimal}); the explanation carries each step so a decision can be re-checked by
 * hand. Bad inputs are 400 problems naming the field.
 */
final class DiscretionCalculator {

    static final String HARM = "HARM";
    static final String HISTORY = "HISTORY";

    private DiscretionCalculator() {}

    /**
     * A prior violation of the same unit, by the day it was found: one of its cases (any status), or a violation
     * recorded from before the platform or from another bureau (prior_violation, {@code caseNo} = its 文号, violation
     * type possibly unknown, day = its violation day or else its decision day).
     */
    record PriorCase(String caseNo, String violationType, String article, LocalDate violatedOn) {
        PriorCase(String caseNo, String violationType, LocalDate violatedOn) {
            this(caseNo, violationType, null, violatedOn);
        }

        /** 初次 compares the same violation: the same violation type, or the same article and 项. */
        boolean sameViolation(String type, String otherArticle) {
            if (violationType != null && violationType.equals(type)) {
                return true;
            }
            return article != null
                    && otherArticle != null
                    && ArticleRef.normalize(article).equals(ArticleRef.normalize(otherArticle));
        }
    }

    /** The case being decided and the unit's other cases that may count as history. */
    record CaseFacts(String violationType, String article, LocalDate violatedOn, List<PriorCase> priors) {
        CaseFacts {
            priors = List.copyOf(priors);
        }
    }

    /**
     * What the official chose.
     *
     * @param levels          level code per non-computed factor code
     * @param adjustments     adjustment codes that apply
     * @param occurrences     art. 37: occurrences fined; null = 1
     * @param serious         情节严重 (articles with a serious provision only)
     * @param correctedInTime the unit corrected the violation in time (及时改正), for the no-penalty rules: derived by
     *                        the service from the case's rectification (verified complete by its deadline)
     * @param correction      how correctedInTime was established (the reason's detail)
     */
    record Inputs(
            Map<String, String> levels,
            List<String> adjustments,
            Integer occurrences,
            boolean serious,
            boolean correctedInTime,
            String correction) {
        Inputs {
            levels = levels == null ? Map.of() : Map.copyOf(levels);
            adjustments = adjustments == null ? List.of() : List.copyOf(adjustments);
        }

        Inputs(
                Map<String, String> levels,
                List<String> adjustments,
                Integer occurrences,
                boolean serious,
                boolean correctedInTime) {
            this(levels, adjustments, occurrences, serious, correctedInTime, null);
        }
    }

    static Explanation compute(Benchmark b, CaseFacts facts, Inputs in) {
        Benchmark.ArticleRange article = b.article(facts.article())
                .orElseThrow(() -> ApiException.unprocessable(
                        "article-not-in-benchmark",
                        "benchmark " + b.id() + " has no range for article " + facts.article()));

        // Range: the serious range where the law has one; otherwise the normal range plus the non-monetary measure.
        if (in.serious() && article.serious() == null) {
            throw ApiException.invalidField(
                    "serious", "article " + article.article() + " has no provision for serious circumstances", true);
        }
        boolean seriousRange = in.serious() && article.serious().hasRange();
        BigDecimal min = seriousRange ? article.serious().minYuan() : article.minYuan();
        BigDecimal max = seriousRange ? article.serious().maxYuan() : article.maxYuan();
        List<Explanation.Measure> measures = in.serious() && article.serious().measure() != null
                ? List.of(new Explanation.Measure(
                        article.serious().measure(), article.serious().measureLabel()))
                : List.of();
        int occurrences = occurrences(article, in.occurrences());

        // History: the unit's cases found in the window before this one (same-day cases, e.g. other items of the same
        // inspection, are not history), counted from the data, never typed in.
        LocalDate windowStart = facts.violatedOn().minusMonths(b.historyWindowMonths());
        List<PriorCase> inWindow = facts.priors().stream()
                .filter(p ->
                        p.violatedOn().isAfter(windowStart) && p.violatedOn().isBefore(facts.violatedOn()))
                .toList();
        long sameType = inWindow.stream()
                .filter(p -> p.sameViolation(facts.violationType(), facts.article()))
                .count();
        Explanation.History history = new Explanation.History(
                b.historyWindowMonths(),
                inWindow.size(),
                (int) sameType,
                inWindow.stream().map(PriorCase::caseNo).toList());

        for (String given : in.levels().keySet()) {
            Benchmark.Factor f = b.factor(given)
                    .orElseThrow(() -> ApiException.invalidField(
                            "factors." + given,
                            "unknown factor; the benchmark has "
                                    + b.factors().stream()
                                            .map(Benchmark.Factor::code)
                                            .toList(),
                            given));
            if (f.computed()) {
                throw ApiException.invalidField(
                        "factors." + given,
                        "is computed from the unit's cases, do not send it",
                        in.levels().get(given));
            }
        }
        List<Explanation.FactorLine> lines = new ArrayList<>();
        BigDecimal p0 = BigDecimal.ZERO;
        boolean harmSlight = false;
        for (Benchmark.Factor f : b.factors()) {
            Benchmark.Level level = f.computed()
                    ? historyLevel(f, inWindow.size())
                    : chosenLevel(f, in.levels().get(f.code()));
            BigDecimal contribution = f.weight().multiply(level.score());
            p0 = p0.add(contribution);
            lines.add(new Explanation.FactorLine(
                    f.code(),
                    f.label(),
                    level.code(),
                    level.label(),
                    level.score(),
                    f.weight(),
                    contribution,
                    f.computed()));
            if (f.code().equals(HARM)) {
                harmSlight = level.isSlight();
            }
        }

        List<Explanation.AdjustmentLine> adjustments = new ArrayList<>();
        BigDecimal p = p0;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < in.adjustments().size(); i++) {
            String code = in.adjustments().get(i);
            String field = "adjustments[" + i + "]";
            Benchmark.Adjustment a = b.adjustment(code)
                    .orElseThrow(() -> ApiException.invalidField(
                            field,
                            "unknown adjustment; the benchmark has "
                                    + b.adjustments().stream()
                                            .map(Benchmark.Adjustment::code)
                                            .toList(),
                            code));
            if (!seen.add(code)) {
                throw ApiException.invalidField(field, "listed twice", code);
            }
            p = p.add(a.delta());
            adjustments.add(new Explanation.AdjustmentLine(a.code(), a.label(), a.kind(), a.percent(), a.delta()));
        }
        BigDecimal pAdjusted = p.max(BigDecimal.ZERO).min(BigDecimal.ONE);

        BigDecimal raw = min.add(max.subtract(min).multiply(pAdjusted));
        BigDecimal unit = b.rounding().unitYuan();
        BigDecimal rounded = raw.divide(unit, 0, b.rounding().mode()).multiply(unit);
        BigDecimal fine = rounded.max(min).min(max);
        BigDecimal total = fine.multiply(BigDecimal.valueOf(occurrences));

        Explanation.NoPenalty noPenalty =
                noPenalty(b, facts, inWindow, harmSlight, in.correctedInTime(), in.correction());
        Explanation.Range range = new Explanation.Range(
                yuan(min),
                yuan(max),
                seriousRange,
                article.perOccurrence(),
                yuan(min.multiply(BigDecimal.valueOf(occurrences))),
                yuan(max.multiply(BigDecimal.valueOf(occurrences))));
        return new Explanation(
                b.id(),
                b.effectiveFrom(),
                facts.article(),
                article.article(),
                article.title(),
                range,
                in.serious(),
                measures,
                history,
                lines,
                p0.stripTrailingZeros(),
                adjustments,
                pAdjusted.stripTrailingZeros(),
                p.compareTo(pAdjusted) != 0,
                yuan(raw),
                yuan(unit),
                b.rounding().mode().name(),
                yuan(rounded),
                yuan(fine),
                fine.compareTo(rounded) != 0,
                occurrences,
                yuan(total),
                noPenalty);
    }

    private static int occurrences(Benchmark.ArticleRange article, Integer given) {
        if (given == null) {
            return 1;
        }
        if (given < 1) {
            throw ApiException.invalidField("occurrences", "must be 1 or more", given);
        }
        if (!article.perOccurrence() && given != 1) {
            throw ApiException.invalidField(
                    "occurrences", "article " + article.article() + " is not fined per occurrence", given);
        }
        return given;
    }

    private static Benchmark.Level chosenLevel(Benchmark.Factor f, String code) {
        String field = "factors." + f.code();
        if (code == null || code.isBlank()) {
            throw ApiException.invalidField(field, "a level is required: one of " + levelCodes(f), code);
        }
        return f.level(code.trim())
                .orElseThrow(() -> ApiException.invalidField(field, "unknown level; one of " + levelCodes(f), code));
    }

    /** The level with the highest minPriorCases not above the count. */
    private static Benchmark.Level historyLevel(Benchmark.Factor f, int priorCases) {
        Benchmark.Level best = null;
        for (Benchmark.Level l : f.levels()) {
            if (l.minPriorCases() <= priorCases && (best == null || l.minPriorCases() > best.minPriorCases())) {
                best = l;
            }
        }
        if (best == null) {
            throw new IllegalStateException(
                    "benchmark factor " + f.code() + " has no level for " + priorCases + " cases");
        }
        return best;
    }

    private static List<String> levelCodes(Benchmark.Factor f) {
        return f.levels().stream().map(Benchmark.Level::code).toList();
    }

    private static Explanation.NoPenalty noPenalty(
            Benchmark b,
            CaseFacts facts,
            List<PriorCase> inWindow,
            boolean harmSlight,
            boolean corrected,
            String correction) {
        Benchmark.NoPenaltyRule rule = b.noPenaltyRules().stream()
                .filter(r -> r.matches(facts.violationType(), facts.article()))
                .findFirst()
                .orElse(null);
        if (rule == null) {
            return new Explanation.NoPenalty(
                    false,
                    null,
                    null,
                    null,
                    List.of(new Explanation.Reason(
                            "RULE",
                            false,
                            "no no-penalty rule covers violation type " + facts.violationType() + " / article "
                                    + facts.article())));
        }
        List<Explanation.Reason> reasons = new ArrayList<>();
        String excluded = rule.excludedConduct(facts.article());
        if (excluded != null) {
            return new Explanation.NoPenalty(
                    false,
                    null,
                    null,
                    null,
                    List.of(new Explanation.Reason(
                            "RULE",
                            false,
                            "rule " + rule.code() + " covers article " + ArticleRef.normalize(facts.article())
                                    + " but not the conduct " + excluded + " named by the case's article "
                                    + facts.article())));
        }
        reasons.add(new Explanation.Reason(
                "RULE",
                true,
                "rule " + rule.code() + " covers violation type " + facts.violationType() + " / article "
                        + facts.article()));
        LocalDate start = facts.violatedOn().minusMonths(rule.historyMonths());
        List<String> same = inWindow.stream()
                .filter(p -> p.sameViolation(facts.violationType(), facts.article())
                        && p.violatedOn().isAfter(start))
                .map(PriorCase::caseNo)
                .toList();
        reasons.add(new Explanation.Reason(
                "FIRST_VIOLATION",
                same.isEmpty(),
                same.isEmpty()
                        ? "no case or recorded prior violation of the same violation type or article in the "
                                + rule.historyMonths() + " months before " + facts.violatedOn()
                        : "same violation within " + rule.historyMonths() + " months: " + String.join(", ", same)));
        if (rule.requiresSlightHarm()) {
            reasons.add(new Explanation.Reason(
                    "HARM_SLIGHT",
                    harmSlight,
                    harmSlight ? "harm level is slight (危害后果轻微)" : "harm level is not slight"));
        }
        if (rule.requiresCorrection()) {
            reasons.add(new Explanation.Reason(
                    "CORRECTED_IN_TIME",
                    corrected,
                    (corrected ? "corrected in time (及时改正)" : "not corrected in time")
                            + (correction == null ? "" : ": " + correction)));
        }
        boolean eligible = reasons.stream().allMatch(Explanation.Reason::passed);
        return new Explanation.NoPenalty(eligible, rule.code(), rule.label(), rule.legalBasis(), reasons);
    }

    private static BigDecimal yuan(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }
}
