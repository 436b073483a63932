package org.permitwatch.inspection.penalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.permitwatch.support.problem.ApiException;

/**
 * 按日连续处罚 by 环境保护部令第28号, computed by hand: 第十七条 (days from the day after service to the re-inspection,
 * 累计执行 without fining a day twice), 第十九条 (original fine × days), 第十二条 (re-inspection within 30 days) and
 * 第五条 (unlawful discharge only), with the shipped defaults.
 */
class DailyFineRulesTest {

    private final DailyFineRules rules = DailyFineRules.of(new PenaltyProperties.Daily(null, null));
    private static final BigDecimal FINE = new BigDecimal("50000");

    @Test
    void threeSuccessiveReinspectionsFineEachDayOnce() {
        LocalDate served = LocalDate.of(2026, 11, 20);

        // 1st re-inspection 2026-12-03: 11-21..11-30 = 10 days + 12-01..12-03 = 3 days → 13; 50,000 × 13 = 650,000
        DailyFineRules.Period first = rules.period(served, null, LocalDate.of(2026, 12, 3));
        assertThat(first.from()).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(first.to()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(first.days()).isEqualTo(13);
        assertThat(first.amount(FINE)).isEqualByComparingTo("650000");

        // 2nd re-inspection 2026-12-10: only 12-04..12-10 = 7 days (not 20 from the service); 50,000 × 7 = 350,000
        DailyFineRules.Period second = rules.period(served, first.to(), LocalDate.of(2026, 12, 10));
        assertThat(second.from()).isEqualTo(LocalDate.of(2026, 12, 4));
        assertThat(second.days()).isEqualTo(7);
        assertThat(second.amount(FINE)).isEqualByComparingTo("350000");

        // 3rd re-inspection 2026-12-31 (21 days after the 2nd, inside its 30): 12-11..12-31 = 21 days → 1,050,000
        DailyFineRules.Period third = rules.period(served, second.to(), LocalDate.of(2026, 12, 31));
        assertThat(third.from()).isEqualTo(LocalDate.of(2026, 12, 11));
        assertThat(third.days()).isEqualTo(21);
        assertThat(third.amount(FINE)).isEqualByComparingTo("1050000");

        // together 13 + 7 + 21 = 41 = every day 11-21..12-31 (10 + 31) exactly once
        assertThat(first.days() + second.days() + third.days()).isEqualTo(41);
    }

    @Test
    void theReinspectionMustFallWithinThirtyDaysAfterService() {
        LocalDate served = LocalDate.of(2026, 11, 20);
        // 三十日内 starts the day after service: 11-21 is day 1, 12-20 day 30 (10 days of November + 20 of December)
        assertThat(rules.period(served, null, LocalDate.of(2026, 12, 20)).days())
                .isEqualTo(30);
        conflict(() -> rules.period(served, null, LocalDate.of(2026, 12, 21)), "reinspection-outside-window");
        // a later re-inspection: within 30 days after the previous fined one (12-03 + 30 = 2027-01-02)
        assertThat(rules.period(served, LocalDate.of(2026, 12, 3), LocalDate.of(2027, 1, 2))
                        .days())
                .isEqualTo(30);
        conflict(
                () -> rules.period(served, LocalDate.of(2026, 12, 3), LocalDate.of(2027, 1, 3)),
                "reinspection-outside-window");
    }

    @Test
    void noDayIsFinedTwiceAndTheServiceDayIsNeverFined() {
        LocalDate served = LocalDate.of(2026, 11, 20);
        conflict(() -> rules.period(served, null, served), "reinspection-already-fined");
        conflict(() -> rules.period(served, null, served.minusDays(1)), "reinspection-already-fined");
        // an earlier re-inspection fined after a later one would fine 12-04..12-10 again
        conflict(
                () -> rules.period(served, LocalDate.of(2026, 12, 10), LocalDate.of(2026, 12, 3)),
                "reinspection-already-fined");
        conflict(
                () -> rules.period(served, LocalDate.of(2026, 12, 10), LocalDate.of(2026, 12, 10)),
                "reinspection-already-fined");
        // the day after service is day 1
        assertThat(rules.period(served, null, LocalDate.of(2026, 11, 21)).days())
                .isEqualTo(1);
    }

    @Test
    void onlyUnlawfulDischargeMayBeFinedDayByDay() {
        // 33 no valid permit, 34(1) exceeding, 34(2) evading supervision, 35 fugitive / special period: discharge
        for (String allowed : new String[] {
            "33(1)",
            "33(2)",
            "33(3)",
            "33(4)",
            "第三十三条第（二）项",
            "34(1)",
            "第三十四条第（一）项",
            "34(2)",
            "第三十四条第（二）项、第三十六条",
            "35(1)",
            "35(2)",
            "33",
            "第三十四条"
        }) {
            assertThat(rules.allows(allowed)).as(allowed).isTrue();
        }
        // 36 outlets/monitoring/disclosure, 37 ledger/reports, 43 registration: never; an unknown 项 neither
        for (String refused : new String[] {
            "36", "36(2)", "36(5)", "第三十六条第（七）项", "37", "37(1)", "第三十七条第（一）项", "43", "第四十三条", "34(3)", "38", "", "x"
        }) {
            assertThat(rules.allows(refused)).as(refused).isFalse();
        }
        assertThat(rules.allows(null)).isFalse();
        assertThatThrownBy(() -> rules.requireAllowed("第三十七条第（一）项")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().value()).isEqualTo(422);
            assertThat(e.code()).isEqualTo("daily-fine-not-applicable");
        });
    }

    @Test
    void theWhitelistAndWindowAreConfiguration() {
        DailyFineRules narrow = DailyFineRules.of(new PenaltyProperties.Daily(java.util.List.of("34(1)"), 10));
        assertThat(narrow.allows("34(1)")).isTrue();
        assertThat(narrow.allows("34(2)")).isFalse();
        LocalDate served = LocalDate.of(2026, 11, 20);
        assertThat(narrow.period(served, null, LocalDate.of(2026, 11, 30)).days())
                .isEqualTo(10);
        conflict(() -> narrow.period(served, null, LocalDate.of(2026, 12, 1)), "reinspection-outside-window");
    }

    private static void conflict(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().value()).isEqualTo(409);
            assertThat(e.code()).isEqualTo(code);
        });
    }
}
