package org.permitwatch.inspection.penalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.permitwatch.support.problem.ApiException;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipped benchmark through the formula, against amounts computed by hand in the comments. Weights of the shipped
 * version: HARM .30, FAULT .20, METHOD .15, HISTORY .15, ATTITUDE .20; rounding to 100 yuan, half up.
 */
class DiscretionCalculatorTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private static final Benchmark SHIPPED = new BenchmarkCatalog(BenchmarkCatalog.load(
                    new ClassPathResource("enforcement/discretion-benchmark.json"),
                    JsonMapper.builder().build()))
            .effectiveOn(DAY)
            .orElseThrow();

    private static Map<String, String> levels(String harm, String fault, String method, String attitude) {
        return Map.of("HARM", harm, "FAULT", fault, "METHOD", method, "ATTITUDE", attitude);
    }

    private static Explanation compute(
            String type,
            String article,
            List<DiscretionCalculator.PriorCase> priors,
            Map<String, String> levels,
            List<String> adjustments,
            Integer occurrences,
            boolean serious,
            boolean corrected) {
        return DiscretionCalculator.compute(
                SHIPPED,
                new DiscretionCalculator.CaseFacts(type, article, DAY, priors),
                new DiscretionCalculator.Inputs(levels, adjustments, occurrences, serious, corrected));
    }

    private static BigDecimal yuan(long v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.UNNECESSARY);
    }

    private static DiscretionCalculator.PriorCase prior(String type, LocalDate on) {
        return new DiscretionCalculator.PriorCase("140100-2026-" + on.getDayOfYear(), type, on);
    }

    @Test
    void article33NormalAndSeriousKeepTheRangeAndFlagClosure() {
        // p = .30×.5 + .20×.3 + .15×0 + .15×0 + .20×.5 = .31 → 200000 + 800000 × .31 = 448000
        Explanation e = compute(
                "UNPERMITTED_DISCHARGE",
                "33",
                List.of(),
                levels("GENERAL", "NEGLIGENT", "ORDINARY", "PASSIVE"),
                List.of(),
                null,
                false,
                false);
        assertThat(e.pBase()).isEqualByComparingTo("0.31");
        assertThat(e.range().minYuan()).isEqualByComparingTo("200000");
        assertThat(e.range().maxYuan()).isEqualByComparingTo("1000000");
        assertThat(e.resultYuan()).isEqualTo(yuan(448000));
        assertThat(e.nonMonetaryMeasures()).isEmpty();
        assertThat(e.factors())
                .extracting(Explanation.FactorLine::code, Explanation.FactorLine::level)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("HARM", "GENERAL"),
                        org.assertj.core.groups.Tuple.tuple("FAULT", "NEGLIGENT"),
                        org.assertj.core.groups.Tuple.tuple("METHOD", "ORDINARY"),
                        org.assertj.core.groups.Tuple.tuple("HISTORY", "FIRST"),
                        org.assertj.core.groups.Tuple.tuple("ATTITUDE", "PASSIVE"));
        assertThat(e.factors().get(0).contribution()).isEqualByComparingTo("0.15");

        Explanation serious = compute(
                "UNPERMITTED_DISCHARGE",
                "33",
                List.of(),
                levels("GENERAL", "NEGLIGENT", "ORDINARY", "PASSIVE"),
                List.of(),
                null,
                true,
                false);
        assertThat(serious.resultYuan()).isEqualTo(yuan(448000));
        assertThat(serious.nonMonetaryMeasures())
                .extracting(Explanation.Measure::code)
                .containsExactly("CLOSURE");
    }

    @Test
    void article34AtTheTopClampsPAndFlagsPermitWithdrawal() {
        // every level 1, two prior cases → HABITUAL 1: p0 = 1; +20% obstructed = 1.2 → clamped to 1 → max 1000000
        List<DiscretionCalculator.PriorCase> priors =
                List.of(prior("LEDGER_INCOMPLETE", DAY.minusMonths(3)), prior("FUGITIVE_EMISSION", DAY.minusMonths(6)));
        Explanation e = compute(
                "EXCEEDING_LIMITS",
                "34(1)",
                priors,
                levels("SEVERE", "INTENTIONAL", "CONCEALED", "REFUSED"),
                List.of("OBSTRUCTED"),
                null,
                true,
                false);
        assertThat(e.benchmarkArticle()).isEqualTo("34");
        assertThat(e.history().priorCases()).isEqualTo(2);
        assertThat(e.factors().get(3).level()).isEqualTo("HABITUAL");
        assertThat(e.pBase()).isEqualByComparingTo("1");
        assertThat(e.pAdjusted()).isEqualByComparingTo("1");
        assertThat(e.pClamped()).isTrue();
        assertThat(e.resultYuan()).isEqualTo(yuan(1_000_000));
        assertThat(e.nonMonetaryMeasures())
                .extracting(Explanation.Measure::code)
                .containsExactly("PERMIT_WITHDRAWAL");
    }

    @Test
    void article35NormalAndSeriousRanges() {
        // HARM SERIOUS .8×.3=.24, FAULT INTENTIONAL .2, METHOD 0, HISTORY REPEAT (1 prior) .6×.15=.09, ATTITUDE 0
        // p0 = .53; cooperated −10% → .43. Normal: 50000 + 150000 × .43 = 114500. Serious: 200000 + 800000 × .43 =
        // 544000
        List<DiscretionCalculator.PriorCase> priors = List.of(prior("UNPERMITTED_OUTLET", DAY.minusMonths(11)));
        Explanation normal = compute(
                "FUGITIVE_EMISSION",
                "35",
                priors,
                levels("SERIOUS", "INTENTIONAL", "ORDINARY", "ACTIVE"),
                List.of("COOPERATED"),
                null,
                false,
                false);
        assertThat(normal.pBase()).isEqualByComparingTo("0.53");
        assertThat(normal.pAdjusted()).isEqualByComparingTo("0.43");
        assertThat(normal.resultYuan()).isEqualTo(yuan(114500));
        assertThat(normal.range().seriousRange()).isFalse();

        Explanation serious = compute(
                "FUGITIVE_EMISSION",
                "35",
                priors,
                levels("SERIOUS", "INTENTIONAL", "ORDINARY", "ACTIVE"),
                List.of("COOPERATED"),
                null,
                true,
                false);
        assertThat(serious.range().seriousRange()).isTrue();
        assertThat(serious.range().minYuan()).isEqualByComparingTo("200000");
        assertThat(serious.resultYuan()).isEqualTo(yuan(544000));
        assertThat(serious.nonMonetaryMeasures())
                .extracting(Explanation.Measure::code)
                .containsExactly("PRODUCTION_RESTRICTION");
    }

    @Test
    void article36MitigationBelowZeroGivesTheMinimum() {
        // p0 = .20×.3 = .06; −20% −10% → −.24 → clamped to 0 → min 20000
        Explanation e = compute(
                "UNPERMITTED_OUTLET",
                "36",
                List.of(),
                levels("SLIGHT", "NEGLIGENT", "ORDINARY", "ACTIVE"),
                List.of("HARM_REDUCED", "COOPERATED"),
                null,
                false,
                false);
        assertThat(e.pBase()).isEqualByComparingTo("0.06");
        assertThat(e.pAdjusted()).isEqualByComparingTo("0");
        assertThat(e.pClamped()).isTrue();
        assertThat(e.resultYuan()).isEqualTo(yuan(20000));
        assertThat(e.adjustments())
                .extracting(Explanation.AdjustmentLine::delta)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("-0.20"), new BigDecimal("-0.10"));
    }

    @Test
    void article37IsPerOccurrenceAndRoundsHalfUp() {
        // p = .31 → 5000 + 15000 × .31 = 9650 → 9700 (half up to 100) → × 3 occurrences = 29100
        Explanation e = compute(
                "LEDGER_INCOMPLETE",
                "37",
                List.of(),
                levels("GENERAL", "NEGLIGENT", "ORDINARY", "PASSIVE"),
                List.of(),
                3,
                false,
                false);
        assertThat(e.rawYuan()).isEqualTo(yuan(9650));
        assertThat(e.roundedYuan()).isEqualTo(yuan(9700));
        assertThat(e.fineYuan()).isEqualTo(yuan(9700));
        assertThat(e.occurrences()).isEqualTo(3);
        assertThat(e.resultYuan()).isEqualTo(yuan(29100));
        assertThat(e.range().decisionMinYuan()).isEqualTo(yuan(15000));
        assertThat(e.range().decisionMaxYuan()).isEqualTo(yuan(60000));
    }

    @Test
    void pZeroIsTheMinimumAndPOneTheMaximum() {
        Explanation low = compute(
                "UNPERMITTED_OUTLET",
                "36",
                List.of(),
                levels("SLIGHT", "NEGLIGENT", "ORDINARY", "ACTIVE"),
                List.of("HARM_REDUCED"),
                null,
                false,
                false);
        assertThat(low.resultYuan()).isEqualTo(yuan(20000));
        Explanation high = compute(
                "UNPERMITTED_OUTLET",
                "36",
                List.of(prior("X", DAY.minusDays(1)), prior("Y", DAY.minusDays(2))),
                levels("SEVERE", "INTENTIONAL", "CONCEALED", "REFUSED"),
                List.of(),
                null,
                false,
                false);
        assertThat(high.pAdjusted()).isEqualByComparingTo("1");
        assertThat(high.pClamped()).isFalse();
        assertThat(high.resultYuan()).isEqualTo(yuan(200000));
    }

    @Test
    void roundingThatLeavesTheRangeIsClampedBack() {
        Benchmark b = new Benchmark(
                "TEST",
                DAY,
                "test",
                new Benchmark.Rounding(BigDecimal.valueOf(100), RoundingMode.HALF_UP),
                12,
                SHIPPED.factors(),
                SHIPPED.adjustments(),
                List.of(new Benchmark.ArticleRange(
                        "99", "test", new BigDecimal("5020"), new BigDecimal("9950"), false, null)),
                List.of());
        // p = 0: raw 5020 → rounds to 5000 < 5020 → 5020
        Explanation low = DiscretionCalculator.compute(
                b,
                new DiscretionCalculator.CaseFacts("X", "99", DAY, List.of()),
                new DiscretionCalculator.Inputs(
                        levels("SLIGHT", "NEGLIGENT", "ORDINARY", "ACTIVE"),
                        List.of("HARM_REDUCED"),
                        null,
                        false,
                        false));
        assertThat(low.roundedYuan()).isEqualTo(yuan(5000));
        assertThat(low.resultYuan()).isEqualTo(yuan(5020));
        assertThat(low.clampedToRange()).isTrue();
        // p = 1: raw 9950 → rounds to 10000 > 9950 → 9950
        Explanation high = DiscretionCalculator.compute(
                b,
                new DiscretionCalculator.CaseFacts(
                        "X", "99", DAY, List.of(prior("X", DAY.minusDays(1)), prior("X", DAY.minusDays(2)))),
                new DiscretionCalculator.Inputs(
                        levels("SEVERE", "INTENTIONAL", "CONCEALED", "REFUSED"), List.of(), null, false, false));
        assertThat(high.roundedYuan()).isEqualTo(yuan(10000));
        assertThat(high.resultYuan()).isEqualTo(yuan(9950));
    }

    @Test
    void firstMinorLedgerViolationIsEligibleForNoPenalty() {
        Explanation e = compute(
                "LEDGER_INCOMPLETE",
                "37",
                List.of(),
                levels("SLIGHT", "NEGLIGENT", "ORDINARY", "ACTIVE"),
                List.of(),
                null,
                false,
                true);
        assertThat(e.noPenalty().eligible()).isTrue();
        assertThat(e.noPenalty().rule()).isEqualTo("FIRST_MINOR_LEDGER");
        assertThat(e.noPenalty().reasons())
                .extracting(Explanation.Reason::check)
                .containsExactly("RULE", "FIRST_VIOLATION", "HARM_SLIGHT", "CORRECTED_IN_TIME");
        // the fine it would be: p = .06 → 5000 + 15000 × .06 = 5900
        assertThat(e.resultYuan()).isEqualTo(yuan(5900));
    }

    @Test
    void checklistArticleTextResolvesToTheBenchmarkRange() {
        // Findings, and so cases, carry the checklist item's official article text, not the benchmark's short form.
        Map<String, String> general = levels("GENERAL", "NEGLIGENT", "ORDINARY", "ACTIVE");
        Explanation exceeding = compute(
                "EXCEEDING_LIMITS", "第三十四条第（一）项", List.of(), general, List.of("COOPERATED"), null, false, false);
        assertThat(exceeding.benchmarkArticle()).isEqualTo("34");
        assertThat(exceeding.article()).isEqualTo("第三十四条第（一）项");
        // p = .3 × .5 + .2 × .3 − .10 = .11 → 200000 + 800000 × .11 = 288000
        assertThat(exceeding.resultYuan()).isEqualTo(yuan(288000));
        Explanation ledger = compute(
                "LEDGER_INCOMPLETE",
                "第三十七条",
                List.of(),
                levels("SLIGHT", "NEGLIGENT", "ORDINARY", "ACTIVE"),
                List.of(),
                null,
                false,
                true);
        assertThat(ledger.range().minYuan()).isEqualByComparingTo("5000");
        assertThat(ledger.noPenalty().rule()).isEqualTo("FIRST_MINOR_LEDGER");
        // the registration rule is matched by article alone
        Explanation registration = compute(
                "UNPERMITTED_DISCHARGE",
                "第四十三条",
                List.of(),
                levels("SLIGHT", "NEGLIGENT", "ORDINARY", "ACTIVE"),
                List.of(),
                null,
                false,
                true);
        assertThat(registration.noPenalty().rule()).isEqualTo("FIRST_MINOR_REGISTRATION");
        assertThat(registration.noPenalty().eligible()).isTrue();
    }

    @Test
    void seedRulesCoverTheFourPermitCases() {
        assertThat(SHIPPED.noPenaltyRules())
                .extracting(Benchmark.NoPenaltyRule::code)
                .containsExactly(
                        "FIRST_MINOR_REGISTRATION",
                        "FIRST_MINOR_LEDGER",
                        "FIRST_MINOR_EXECUTION_REPORT",
                        "FIRST_MINOR_DISCLOSURE");
        for (String[] c : new String[][] {
            {"UNPERMITTED_DISCHARGE", "43", "FIRST_MINOR_REGISTRATION"},
            {"EXECUTION_REPORT_IRREGULAR", "37", "FIRST_MINOR_EXECUTION_REPORT"},
            {"DISCLOSURE_NOT_IMPLEMENTED", "36", "FIRST_MINOR_DISCLOSURE"}
        }) {
            Explanation e = compute(
                    c[0],
                    c[1],
                    List.of(),
                    levels("SLIGHT", "NEGLIGENT", "ORDINARY", "ACTIVE"),
                    List.of(),
                    null,
                    false,
                    true);
            assertThat(e.noPenalty().eligible()).as(c[0]).isTrue();
            assertThat(e.noPenalty().rule()).isEqualTo(c[2]);
        }
    }

    @Test
    void noPenaltyIsRefusedForHistoryHarmOrMissingCorrection() {
        Map<String, String> slight = levels("SLIGHT", "NEGLIGENT", "ORDINARY", "ACTIVE");
        // same violation 11 months before → not the first
        Explanation repeat = compute(
                "LEDGER_INCOMPLETE",
                "37",
                List.of(prior("LEDGER_INCOMPLETE", DAY.minusMonths(11))),
                slight,
                List.of(),
                null,
                false,
                true);
        assertThat(repeat.noPenalty().eligible()).isFalse();
        assertThat(repeat.noPenalty().reasons())
                .filteredOn(r -> !r.passed())
                .extracting(Explanation.Reason::check)
                .containsExactly("FIRST_VIOLATION");
        assertThat(repeat.factors().get(3).level()).isEqualTo("REPEAT");
        // 13 months before → outside the window: first again; another violation type inside it does not count
        Explanation old = compute(
                "LEDGER_INCOMPLETE",
                "37",
                List.of(prior("LEDGER_INCOMPLETE", DAY.minusMonths(13)), prior("EXCEEDING_LIMITS", DAY.minusMonths(2))),
                slight,
                List.of(),
                null,
                false,
                true);
        assertThat(old.noPenalty().eligible()).isTrue();
        assertThat(old.history().priorCases()).isEqualTo(1);
        // harm not slight
        Explanation harm = compute(
                "LEDGER_INCOMPLETE",
                "37",
                List.of(),
                levels("GENERAL", "NEGLIGENT", "ORDINARY", "ACTIVE"),
                List.of(),
                null,
                false,
                true);
        assertThat(harm.noPenalty().eligible()).isFalse();
        assertThat(harm.noPenalty().reasons())
                .filteredOn(r -> !r.passed())
                .extracting(Explanation.Reason::check)
                .containsExactly("HARM_SLIGHT");
        // not corrected
        Explanation uncorrected = compute("LEDGER_INCOMPLETE", "37", List.of(), slight, List.of(), null, false, false);
        assertThat(uncorrected.noPenalty().eligible()).isFalse();
        assertThat(uncorrected.noPenalty().reasons())
                .filteredOn(r -> !r.passed())
                .extracting(Explanation.Reason::check)
                .containsExactly("CORRECTED_IN_TIME");
        // no rule for exceeding limits
        Explanation none = compute("EXCEEDING_LIMITS", "34(1)", List.of(), slight, List.of(), null, false, true);
        assertThat(none.noPenalty().eligible()).isFalse();
        assertThat(none.noPenalty().rule()).isNull();
    }

    @Test
    void badInputsNameTheField() {
        Map<String, String> ok = levels("SLIGHT", "NEGLIGENT", "ORDINARY", "ACTIVE");
        assertField(
                () -> compute("X", "36", List.of(), Map.of("HARM", "SLIGHT"), List.of(), null, false, false),
                "factors.FAULT");
        assertField(
                () -> compute(
                        "X",
                        "36",
                        List.of(),
                        Map.of(
                                "HARM",
                                "SLIGHT",
                                "FAULT",
                                "NEGLIGENT",
                                "METHOD",
                                "ORDINARY",
                                "ATTITUDE",
                                "ACTIVE",
                                "HISTORY",
                                "FIRST"),
                        List.of(),
                        null,
                        false,
                        false),
                "factors.HISTORY");
        assertField(
                () -> compute(
                        "X",
                        "36",
                        List.of(),
                        Map.of("HARM", "HUGE", "FAULT", "NEGLIGENT", "METHOD", "ORDINARY", "ATTITUDE", "ACTIVE"),
                        List.of(),
                        null,
                        false,
                        false),
                "factors.HARM");
        assertField(
                () -> compute("X", "36", List.of(), ok, List.of("COOPERATED", "BRIBED"), null, false, false),
                "adjustments[1]");
        assertField(() -> compute("X", "36", List.of(), ok, List.of(), null, true, false), "serious");
        assertField(() -> compute("X", "36", List.of(), ok, List.of(), 2, false, false), "occurrences");
        assertThatThrownBy(() -> compute("X", "99", List.of(), ok, List.of(), null, false, false))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("article-not-in-benchmark"));
    }

    private static void assertField(Runnable call, String field) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.errors()).extracting(f -> f.field()).containsExactly(field));
    }

    @Test
    void aBrokenBenchmarkIsRefusedAtStartUp() {
        Benchmark bad = new Benchmark(
                "BAD",
                DAY,
                "bad",
                SHIPPED.rounding(),
                12,
                List.of(
                        new Benchmark.Factor(
                                "HARM",
                                "危害后果",
                                new BigDecimal("0.5"),
                                false,
                                SHIPPED.factors().get(0).levels()),
                        SHIPPED.factors().get(3)),
                List.of(),
                SHIPPED.articles(),
                List.of());
        assertThatThrownBy(() -> new BenchmarkCatalog(List.of(bad))).hasMessageContaining("sum to 0.65");
    }
}
