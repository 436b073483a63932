package org.permitwatch.inspection.penalty;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 12 items 1 and 2 against the statute's own numbers, computed by hand in the comments.
 * <p>
 * 《排污许可管理条例》(国务院令第736号): art. 33 (一)–(四) 20万–100万; art. 34 (一)(二) 20万–100万; art. 36 (一)–(九)
 * 2万–20万; art. 37 (一)–(四) 每次5千–2万; art. 43 可以处5万元以下. 首违不罚: 《行政处罚法》第三十三条第一款 and
 * 晋环发〔2022〕18号 三（四）: 初次 未依法填报排污登记表 / 台账记录数据不全 / 未按规定提交执行报告 / 未按规定公开信息,
 * 危害后果轻微并及时改正.
 * <p>
 * Benchmark SX-PERMIT-2026.1 (in force from 2026-12-01): weights HARM .30, FAULT .20, METHOD .15, HISTORY .15,
 * ATTITUDE .20; rounding to 100 yuan half up. "General" levels below: HARM GENERAL .5, FAULT NEGLIGENT .3, METHOD
 * ORDINARY 0, HISTORY FIRST 0, ATTITUDE PASSIVE .5 → p = .15 + .06 + 0 + 0 + .10 = .31. "Slight" levels: HARM SLIGHT 0,
 * FAULT NEGLIGENT .3, METHOD ORDINARY 0, ATTITUDE ACTIVE 0 → p = .06.
 */
class StatuteArticleTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 10);
    private static final BenchmarkCatalog CATALOG = new BenchmarkCatalog(BenchmarkCatalog.load(
            new ClassPathResource("enforcement/discretion-benchmark.json"),
            JsonMapper.builder().build()));
    private static final Benchmark V2 = CATALOG.effectiveOn(DAY).orElseThrow();
    private static final Map<String, String> GENERAL =
            Map.of("HARM", "GENERAL", "FAULT", "NEGLIGENT", "METHOD", "ORDINARY", "ATTITUDE", "PASSIVE");
    private static final Map<String, String> SLIGHT =
            Map.of("HARM", "SLIGHT", "FAULT", "NEGLIGENT", "METHOD", "ORDINARY", "ATTITUDE", "ACTIVE");

    private static Explanation compute(
            String type,
            String article,
            Map<String, String> levels,
            boolean corrected,
            List<DiscretionCalculator.PriorCase> priors) {
        return DiscretionCalculator.compute(
                V2,
                new DiscretionCalculator.CaseFacts(type, article, DAY, priors),
                new DiscretionCalculator.Inputs(
                        levels,
                        List.of(),
                        null,
                        false,
                        corrected,
                        corrected
                                ? "rectification verified complete by a follow-up inspection on or before its deadline"
                                : "no rectification ordered yet"));
    }

    private static Explanation compute(String type, String article, Map<String, String> levels, boolean corrected) {
        return compute(type, article, levels, corrected, List.of());
    }

    private static BigDecimal yuan(long v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.UNNECESSARY);
    }

    @Test
    void theNewVersionIsInForceFromDecemberFirstAndTheOldOneStaysForEarlierViolations() {
        assertThat(V2.id()).isEqualTo("SX-PERMIT-2026.1");
        assertThat(V2.effectiveFrom()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(CATALOG.effectiveOn(LocalDate.of(2026, 11, 30)).orElseThrow().id())
                .isEqualTo("SX-PERMIT-2022.1");
    }

    @Test
    void selfMonitoringPlanAndNetworkingAreArticle36NotArticle34() {
        // 36(5) 未按照排污许可证规定制定自行监测方案并开展自行监测: 20000 + (200000 − 20000) × .31 = 75800
        Explanation plan = compute("SELF_MONITORING_FALSIFIED", "第三十六条第（五）项", GENERAL, false);
        assertThat(plan.benchmarkArticle()).isEqualTo("36");
        assertThat(plan.range().minYuan()).isEqualTo(yuan(20_000));
        assertThat(plan.range().maxYuan()).isEqualTo(yuan(200_000));
        assertThat(plan.resultYuan()).isEqualTo(yuan(75_800));
        // a lawful 50000 lies inside [20000, 200000] (the decision's bounds = the range × 1 occurrence)
        assertThat(yuan(50_000))
                .isBetween(plan.range().decisionMinYuan(), plan.range().decisionMaxYuan());

        // 36(4) 自动监测设备未联网: same range, same 75800
        Explanation networked = compute("FACILITY_NOT_RUNNING", "第三十六条第（四）项", GENERAL, false);
        assertThat(networked.benchmarkArticle()).isEqualTo("36");
        assertThat(networked.resultYuan()).isEqualTo(yuan(75_800));

        // what the old characterisation 34(2) gave: 200000 + 800000 × .31 = 448000, and 50000 lay below its minimum
        Explanation old = compute("SELF_MONITORING_FALSIFIED", "第三十四条第（二）项、第三十六条", GENERAL, false);
        assertThat(old.benchmarkArticle()).isEqualTo("34");
        assertThat(old.resultYuan()).isEqualTo(yuan(448_000));
        assertThat(yuan(50_000)).isLessThan(old.range().decisionMinYuan());
    }

    @Test
    void registrationUnitNotRegisteredIsArticle43UpTo50000() {
        // 43: 可以处5万元以下 → [0, 50000]; 0 + 50000 × .31 = 15500
        Explanation e = compute("UNPERMITTED_DISCHARGE", "第四十三条", GENERAL, false);
        assertThat(e.benchmarkArticle()).isEqualTo("43");
        assertThat(e.range().minYuan()).isEqualTo(yuan(0));
        assertThat(e.range().maxYuan()).isEqualTo(yuan(50_000));
        assertThat(e.resultYuan()).isEqualTo(yuan(15_500));
        // under art. 33 the same facts gave 200000 + 800000 × .31 = 448000
        assertThat(compute("UNPERMITTED_DISCHARGE", "第三十三条", GENERAL, false).resultYuan())
                .isEqualTo(yuan(448_000));
    }

    @Test
    void expiredAndRevokedPermitsAreArticle33WithTheirParagraph() {
        // 33(2) expired, 33(3) revoked: both 200000–1000000; 200000 + 800000 × .31 = 448000
        for (String article : List.of("33(2)", "33(3)", "第三十三条第（二）项", "第三十三条第（三）项")) {
            Explanation e = compute("UNPERMITTED_DISCHARGE", article, GENERAL, false);
            assertThat(e.benchmarkArticle()).as(article).isEqualTo("33");
            assertThat(e.range().minYuan()).isEqualTo(yuan(200_000));
            assertThat(e.range().maxYuan()).isEqualTo(yuan(1_000_000));
            assertThat(e.resultYuan()).isEqualTo(yuan(448_000));
        }
        assertThat(ArticleRef.normalize("第三十三条第（二）项")).isEqualTo("33(2)");
        assertThat(ArticleRef.normalize("第三十三条第（三）项")).isEqualTo("33(3)");
    }

    @Test
    void theFourFirstMinorCasesOfTheNoticeAreEligibleWhenSlightFirstAndCorrectedInTime() {
        // 43: 0 + 50000 × .06 = 3000; 37(1)/37(3): 5000 + 15000 × .06 = 5900; 36(7): 20000 + 180000 × .06 = 30800
        Object[][] cases = {
            {"UNPERMITTED_DISCHARGE", "第四十三条", "FIRST_MINOR_REGISTRATION", 3_000L},
            {"LEDGER_INCOMPLETE", "第三十七条第（一）项", "FIRST_MINOR_LEDGER", 5_900L},
            {"EXECUTION_REPORT_IRREGULAR", "第三十七条第（三）项", "FIRST_MINOR_EXECUTION_REPORT", 5_900L},
            {"DISCLOSURE_NOT_IMPLEMENTED", "第三十六条第（七）项", "FIRST_MINOR_DISCLOSURE", 30_800L}
        };
        for (Object[] c : cases) {
            Explanation e = compute((String) c[0], (String) c[1], SLIGHT, true);
            assertThat(e.pBase()).isEqualByComparingTo("0.06");
            assertThat(e.resultYuan())
                    .as("the fine it would have been, %s", c[1])
                    .isEqualTo(yuan((Long) c[3]));
            assertThat(e.noPenalty().eligible()).as((String) c[1]).isTrue();
            assertThat(e.noPenalty().rule()).isEqualTo(c[2]);
            assertThat(e.noPenalty().legalBasis())
                    .contains("晋环发〔2022〕18号")
                    .contains("《中华人民共和国行政处罚法》第三十三条第一款")
                    .doesNotContain("晋环执法");
            assertThat(e.noPenalty().reasons())
                    .extracting(Explanation.Reason::check)
                    .containsExactly("RULE", "FIRST_VIOLATION", "HARM_SLIGHT", "CORRECTED_IN_TIME");
        }
    }

    @Test
    void falsifiedRecordsReportsAndDisclosureAreNeverFirstMinor() {
        for (String article :
                List.of("第三十七条第（二）项（未如实记录）", "第三十七条第（四）项（未如实报告）", "第三十六条第（七）项（不如实公开）", "37(2)", "37(4)")) {
            Explanation e = compute("LEDGER_INCOMPLETE", article, SLIGHT, true);
            assertThat(e.noPenalty().eligible()).as(article).isFalse();
            assertThat(e.noPenalty().rule()).as(article).isNull();
            assertThat(e.noPenalty().reasons()).singleElement().satisfies(r -> {
                assertThat(r.check()).isEqualTo("RULE");
                assertThat(r.passed()).isFalse();
            });
        }
        // 37(2): still fined per occurrence, 5000 + 15000 × .06 = 5900
        assertThat(compute("LEDGER_INCOMPLETE", "第三十七条第（二）项（未如实记录）", SLIGHT, true)
                        .resultYuan())
                .isEqualTo(yuan(5_900));
        // the 不如实公开 half of 36(7) names its conduct in the refusal
        assertThat(compute("DISCLOSURE_NOT_IMPLEMENTED", "第三十六条第（七）项（不如实公开）", SLIGHT, true)
                        .noPenalty()
                        .reasons()
                        .get(0)
                        .detail())
                .contains("FIRST_MINOR_DISCLOSURE")
                .contains("不如实");
    }

    @Test
    void anUncharacterisedArticleOrAnotherViolationTypeMatchesNoRule() {
        // v2 matches the article and 项, not the violation type: a bare 37 must first be characterised as 37(1) or 37(3)
        assertThat(compute("LEDGER_INCOMPLETE", "第三十七条", SLIGHT, true)
                        .noPenalty()
                        .eligible())
                .isFalse();
        assertThat(compute("DISCLOSURE_NOT_IMPLEMENTED", "36", SLIGHT, true)
                        .noPenalty()
                        .eligible())
                .isFalse();
        assertThat(compute("UNPERMITTED_DISCHARGE", "第三十三条第（一）项", SLIGHT, true)
                        .noPenalty()
                        .eligible())
                .isFalse();
    }

    @Test
    void correctionInTimeAndFirstViolationAreChecked() {
        Explanation notCorrected = compute("LEDGER_INCOMPLETE", "37(1)", SLIGHT, false);
        assertThat(notCorrected.noPenalty().eligible()).isFalse();
        assertThat(notCorrected.noPenalty().reasons())
                .filteredOn(r -> r.check().equals("CORRECTED_IN_TIME"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.passed()).isFalse();
                    assertThat(r.detail()).contains("no rectification ordered yet");
                });
        // a ledger case of the same unit 11 months before: not the first in 12 months
        Explanation repeat = compute(
                "LEDGER_INCOMPLETE",
                "37(1)",
                SLIGHT,
                true,
                List.of(new DiscretionCalculator.PriorCase("140100-2026-1", "LEDGER_INCOMPLETE", DAY.minusMonths(11))));
        assertThat(repeat.noPenalty().eligible()).isFalse();
        // 13 months before: outside the window, first again
        Explanation first = compute(
                "LEDGER_INCOMPLETE",
                "37(1)",
                SLIGHT,
                true,
                List.of(new DiscretionCalculator.PriorCase("140100-2025-1", "LEDGER_INCOMPLETE", DAY.minusMonths(13))));
        assertThat(first.noPenalty().eligible()).isTrue();
        // HARM GENERAL is not 危害后果轻微
        assertThat(compute("LEDGER_INCOMPLETE", "37(1)", GENERAL, true)
                        .noPenalty()
                        .eligible())
                .isFalse();
    }
}
