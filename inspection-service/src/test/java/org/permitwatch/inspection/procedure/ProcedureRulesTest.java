package org.permitwatch.inspection.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.permitwatch.inspection.document.DocumentProperties;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.workday.WorkdayCalendar;
import tools.jackson.databind.json.JsonMapper;

/**
 * The procedure's time limits and amounts against figures computed by hand from the statute and the State Council's
 * 2026 holiday arrangement (platform-support cn-2026.json: 中秋 9-25..9-27, 国庆 10-01..10-07, make-up working days
 * Sunday 9-20 and Saturday 10-10).
 */
class ProcedureRulesTest {

    private static final WorkdayCalendar CALENDAR =
            WorkdayCalendar.fromClasspath(JsonMapper.builder().build());
    // the hearing threshold is permitwatch.documents.hearing-threshold-yuan (default 200000); 50000 as a province may
    // set it
    private final ProcedureRules rules =
            new ProcedureRules(ProcedureProperties.defaults(), new BigDecimal("50000"), CALENDAR);

    @Test
    void aNoticeServedOnTheLastWorkingDayBeforeNationalDayOpensWindowsEndingAfterTheHolidayWeek() {
        LocalDate served = LocalDate.of(2026, 9, 30); // Wednesday, last working day before 国庆
        // 10-01..10-07 holiday; 10-08 Thu = 1st, 10-09 Fri = 2nd, 10-10 Sat (调休上班) = 3rd working day
        assertThat(rules.statementDue(served).day()).isEqualTo(LocalDate.of(2026, 10, 10));
        // 10-11 Sunday off; 10-12 Mon = 4th, 10-13 Tue = 5th working day
        assertThat(rules.hearingRequestDue(served).day()).isEqualTo(LocalDate.of(2026, 10, 13));
        // a decision that day is served within 7 working days: 10-08, 09, 10, 12, 13, 14, 15
        assertThat(rules.serviceDue(served).day()).isEqualTo(LocalDate.of(2026, 10, 15));
    }

    @Test
    void aNoticeServedBeforeMidAutumnCountsAcrossBothHolidays() {
        LocalDate served = LocalDate.of(2026, 9, 24); // Thursday
        // 9-25 Fri .. 9-27 Sun 中秋 off; 9-28 Mon = 1st, 9-29 = 2nd, 9-30 = 3rd
        assertThat(rules.statementDue(served).day()).isEqualTo(LocalDate.of(2026, 9, 30));
        // 10-01..10-07 off; 10-08 = 4th, 10-09 = 5th
        assertThat(rules.hearingRequestDue(served).day()).isEqualTo(LocalDate.of(2026, 10, 9));
    }

    @Test
    void aDeadlineInAYearWithoutItsHolidayArrangementIsProvisionalNotRefused() {
        // 2026-12-28 Mon: 12-29 = 1st, 12-30 = 2nd, 12-31 = 3rd — all in 2026, final.
        assertThat(rules.statementDue(LocalDate.of(2026, 12, 28)).day()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(rules.statementDue(LocalDate.of(2026, 12, 28)).provisional()).isFalse();
        // then 2027, whose arrangement is not loaded: 01-01 Fri 元旦 (fixed date) off, 01-02/03 weekend,
        // 01-04 Mon = 4th, 01-05 Tue = 5th — provisional.
        assertThat(rules.hearingRequestDue(LocalDate.of(2026, 12, 28)).day()).isEqualTo(LocalDate.of(2027, 1, 5));
        assertThat(rules.hearingRequestDue(LocalDate.of(2026, 12, 28)).provisional())
                .isTrue();
    }

    @Test
    void theLateFeeIsThreePercentOfTheFineADayCappedAtTheFine() {
        BigDecimal fine = new BigDecimal("448000");
        LocalDate due = LocalDate.of(2026, 10, 30);
        assertThat(ProcedureRules.daysLate(due, LocalDate.of(2026, 10, 30))).isZero();
        assertThat(ProcedureRules.surcharge(fine, 0)).isEqualByComparingTo("0");
        // paid 11-02: 3 days late; 448000 × 0.03 × 3 = 40320.00
        assertThat(ProcedureRules.daysLate(due, LocalDate.of(2026, 11, 2))).isEqualTo(3);
        assertThat(ProcedureRules.surcharge(fine, 3)).isEqualByComparingTo("40320.00");
        // 33 days: 448000 × 0.03 × 33 = 443520 (below the fine); 34 days: 456960 > 448000 → capped at 448000
        assertThat(ProcedureRules.surcharge(fine, 33)).isEqualByComparingTo("443520.00");
        assertThat(ProcedureRules.surcharge(fine, 34)).isEqualByComparingTo("448000.00");
        // fen: 12345.67 × 0.03 = 370.3701 → 370.37; × 2 days = 740.7402 → 740.74 (rounded once, at the end)
        assertThat(ProcedureRules.surcharge(new BigDecimal("12345.67"), 1)).isEqualByComparingTo("370.37");
        assertThat(ProcedureRules.surcharge(new BigDecimal("12345.67"), 2)).isEqualByComparingTo("740.74");
    }

    @Test
    void paymentAndCourtEnforcementRunFromServiceAndPublicNoticeCountsThirtyDaysLater() {
        LocalDate served = LocalDate.of(2026, 10, 15);
        // 15 calendar days (行政处罚法 第六十七条): 10-30, a Friday
        assertThat(rules.paymentDue(served).day()).isEqualTo(LocalDate.of(2026, 10, 30));
        // six months to sue end 2027-04-15; apply from 04-16 until three months after: 2027-07-15
        assertThat(ProcedureRules.enforcementFrom(served)).isEqualTo(LocalDate.of(2027, 4, 16));
        assertThat(ProcedureRules.enforcementUntil(served)).isEqualTo(LocalDate.of(2027, 7, 15));
        // 公告送达 on 10-15 is deemed served 30 days later: 11-14; payment due 11-29
        LocalDate deemed = ProcedureRules.deemedServedOn(served, ServiceMethod.PUBLIC_NOTICE);
        assertThat(deemed).isEqualTo(LocalDate.of(2026, 11, 14));
        // 11-14 + 15 = 11-29, a Sunday: 《民法典》第二百零三条 moves the last day to Monday 11-30
        assertThat(rules.paymentDue(deemed).day()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(ProcedureRules.deemedServedOn(served, ServiceMethod.MAIL)).isEqualTo(served);
    }

    /**
     * 《民法典》第二百零三条: the 15 days to pay ending on a holiday end on the first working day after it. Served
     * 2026-09-16 (Wed): +15 = 10-01, 国庆 10-01..10-07 → 10-08 Thu. Served 2026-09-11: +15 = 9-26 Sat (中秋 9-25..27)
     * → 9-28 Mon. Served 2026-10-05 (in the holiday, e.g. by 邮寄 signed for): +15 = 10-20 Tue, unchanged. Served
     * 2026-09-25: +15 = 10-10, a Saturday but 调休上班 (a working day) → unchanged.
     */
    @Test
    void theLastDayToPayMovesOffAHolidayToTheNextWorkingDay() {
        assertThat(rules.paymentDue(LocalDate.of(2026, 9, 16)).day()).isEqualTo(LocalDate.of(2026, 10, 8));
        assertThat(rules.paymentDue(LocalDate.of(2026, 9, 11)).day()).isEqualTo(LocalDate.of(2026, 9, 28));
        assertThat(rules.paymentDue(LocalDate.of(2026, 10, 5)).day()).isEqualTo(LocalDate.of(2026, 10, 20));
        assertThat(rules.paymentDue(LocalDate.of(2026, 9, 25)).day()).isEqualTo(LocalDate.of(2026, 10, 10));
        // 2026-12-17 + 15 = 2027-01-01, 元旦 (fixed date) Fri, 01-02/03 weekend → 01-04 Mon, provisional
        assertThat(rules.paymentDue(LocalDate.of(2026, 12, 17)).day()).isEqualTo(LocalDate.of(2027, 1, 4));
        assertThat(rules.paymentDue(LocalDate.of(2026, 12, 17)).provisional()).isTrue();
    }

    @Test
    void theCaseLimitIsNinetyDaysPlusExtensionsPlusTheHearingTime() {
        LocalDate opened = LocalDate.of(2026, 9, 1);
        // 9-01 + 90: +29 → 9-30, +31 → 10-31, +30 → 11-30
        assertThat(rules.caseDue(opened, 0, 0)).isEqualTo(LocalDate.of(2026, 11, 30));
        // + 30 extension + 5 hearing days = 125: 11-30 + 35 → 2027-01-04
        assertThat(rules.caseDue(opened, 30, 5)).isEqualTo(LocalDate.of(2027, 1, 4));
    }

    @Test
    void hearingAndMajorDecisionThresholdsAreTheConfiguredFigures() {
        // hearing: 50000 yuan as configured here, inclusive; major decision: default 200000, inclusive
        assertThat(rules.hearingEligible(new BigDecimal("49999.99"), false)).isFalse();
        assertThat(rules.hearingEligible(new BigDecimal("50000"), false)).isTrue();
        assertThat(rules.hearingEligible(new BigDecimal("20000"), true)).isTrue(); // 停产整治 etc.
        assertThat(rules.majorDecision(new BigDecimal("199999.99"))).isFalse();
        assertThat(rules.majorDecision(new BigDecimal("200000"))).isTrue();
        assertThat(rules.majorDecision(new BigDecimal("448000"))).isTrue();
        assertThat(rules.majorDecision(new BigDecimal("50000"))).isFalse();
    }

    @Test
    void theStepTableAllowsOnlyItsMoves() {
        assertThat(ProcedureStep.INVESTIGATING.canBecome(ProcedureStep.NOTICE_SERVED))
                .isTrue();
        assertThat(ProcedureStep.INVESTIGATING.canBecome(ProcedureStep.SERVED)).isFalse();
        assertThat(ProcedureStep.HEARING_REQUESTED.canBecome(ProcedureStep.DECIDED))
                .isFalse();
        assertThat(ProcedureStep.HEARING_HELD.canBecome(ProcedureStep.DECIDED)).isFalse();
        assertThat(ProcedureStep.HEARING_HELD.canBecome(ProcedureStep.REVIEWED)).isTrue();
        assertThat(ProcedureStep.DECIDED.canBecome(ProcedureStep.PAID)).isFalse();
        assertThat(ProcedureStep.PAID.canBecome(ProcedureStep.ENFORCEMENT_APPLIED))
                .isFalse();
        assertThat(ProcedureStep.sourcesOf(ProcedureStep.DECIDED))
                .containsExactlyInAnyOrder("INVESTIGATING", "NOTICE_SERVED", "STATEMENT_HEARD", "REVIEWED");
        // no court application without the 催告 (行政强制法 第五十四条)
        assertThat(ProcedureStep.SERVED.canBecome(ProcedureStep.ENFORCEMENT_APPLIED))
                .isFalse();
        assertThat(ProcedureStep.sourcesOf(ProcedureStep.ENFORCEMENT_APPLIED)).containsExactly("URGED");
        assertThat(ProcedureStep.sourcesOf(ProcedureStep.URGED)).containsExactly("SERVED");
        assertThat(ProcedureStep.sourcesOf(ProcedureStep.INSTALMENTS)).containsExactly("SERVED");
        assertThat(ProcedureStep.INSTALMENTS.canBecome(ProcedureStep.PAID)).isTrue();
        assertThat(ProcedureStep.INSTALMENTS.canBecome(ProcedureStep.URGED)).isFalse();
        // 终止 only before the decision
        assertThat(ProcedureStep.sourcesOf(ProcedureStep.TERMINATED))
                .containsExactlyInAnyOrder(
                        "INVESTIGATING",
                        "NOTICE_SERVED",
                        "STATEMENT_HEARD",
                        "HEARING_REQUESTED",
                        "HEARING_HELD",
                        "REVIEWED");
        assertThat(ProcedureStep.TERMINATED.beforeDecision()).isFalse();
        assertThat(ProcedureStep.URGED.beforeDecision()).isFalse();
    }

    @Test
    void theUrgeGivesTenWorkingDaysAndTheCourtApplicationOpensTheDayAfter() {
        // 催告 served Monday 2026-09-28 (行政强制法 第五十四条 十日, working days by 第六十九条):
        // 9-29 Tue 1st, 9-30 Wed 2nd, 10-01..10-07 国庆 off, 10-08 Thu 3rd, 10-09 Fri 4th, 10-10 Sat (调休) 5th,
        // 10-11 Sun off, 10-12 Mon 6th, 10-13 7th, 10-14 8th, 10-15 9th, 10-16 Fri 10th
        assertThat(rules.urgeDue(LocalDate.of(2026, 9, 28)).day()).isEqualTo(LocalDate.of(2026, 10, 16));
        // decision served 2026-03-20: six months to sue end 09-20, application possible from 09-21; the 催告 window
        // ends later (10-16), so the application opens on 10-17
        LocalDate from = ProcedureRules.enforcementFrom(LocalDate.of(2026, 3, 20));
        assertThat(from).isEqualTo(LocalDate.of(2026, 9, 21));
        assertThat(ProcedureRules.enforcementOpensOn(from, LocalDate.of(2026, 10, 16)))
                .isEqualTo(LocalDate.of(2026, 10, 17));
        // 催告 served Monday 2026-11-09 (no holiday in November): 11-10..11-13 1st–4th, 11-16..11-20 5th–9th,
        // 11-23 Mon 10th; the periods for 复议/诉讼 of a decision served 10-22 end later (from 2027-04-23): that day
        assertThat(rules.urgeDue(LocalDate.of(2026, 11, 9)).day()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(ProcedureRules.enforcementOpensOn(LocalDate.of(2027, 4, 23), LocalDate.of(2026, 11, 23)))
                .isEqualTo(LocalDate.of(2027, 4, 23));
        // 催告 served Thursday 2026-12-24: 12-25 1st, 12-28..12-31 2nd–5th, 2027-01-01 元旦 (fixed by 放假办法, off),
        // 01-04..01-08 6th–10th. 2027's arrangement is not loaded: counted, but provisional (ADR 0044), never refused
        WorkdayCalendar.Deadline acrossTheYear = rules.urgeDue(LocalDate.of(2026, 12, 24));
        assertThat(acrossTheYear.day()).isEqualTo(LocalDate.of(2027, 1, 8));
        assertThat(acrossTheYear.provisional()).isTrue();
    }

    @Test
    void anInstalmentCarriesItsOwnSurchargeFromItsOwnDueDayOnly() {
        BigDecimal instalment = new BigDecimal("66666.67");
        LocalDate due = LocalDate.of(2026, 5, 31);
        // not yet due, and on the due day itself: nothing
        assertThat(ProcedureRules.instalmentSurcharge(instalment, due, LocalDate.of(2026, 5, 20)))
                .isEqualByComparingTo("0");
        assertThat(ProcedureRules.instalmentSurcharge(instalment, due, due)).isEqualByComparingTo("0");
        // paid 06-03: 3 days late; 66666.67 × 0.03 × 3 = 6000.0003 → 6000.00
        assertThat(ProcedureRules.instalmentSurcharge(instalment, due, LocalDate.of(2026, 6, 3)))
                .isEqualByComparingTo("6000.00");
        // 33 days: × 0.99 = 66000.0033 → 66000.00; 34 days: × 1.02 = 68000.0034 > 66666.67 → capped at the instalment
        assertThat(ProcedureRules.instalmentSurcharge(instalment, due, due.plusDays(33)))
                .isEqualByComparingTo("66000.00");
        assertThat(ProcedureRules.instalmentSurcharge(instalment, due, due.plusDays(34)))
                .isEqualByComparingTo("66666.67");
    }

    @Test
    void aScheduleMustAddUpToTheFineExactlyInFenAndBeInOrder() {
        BigDecimal fine = new BigDecimal("200000");
        LocalDate approved = LocalDate.of(2026, 3, 27);
        // 66666.67 + 66666.67 + 66666.66 = 200000.00
        InstalmentSchedule.check(
                fine,
                approved,
                List.of(
                        new InstalmentSchedule.Instalment(LocalDate.of(2026, 4, 30), new BigDecimal("66666.67")),
                        new InstalmentSchedule.Instalment(LocalDate.of(2026, 5, 31), new BigDecimal("66666.67")),
                        new InstalmentSchedule.Instalment(LocalDate.of(2026, 6, 30), new BigDecimal("66666.66"))));
        // one instalment is a deferral (暂缓), due on the approval day at the earliest
        InstalmentSchedule.check(fine, approved, List.of(new InstalmentSchedule.Instalment(approved, fine)));
        // 3 × 66666.67 = 200000.01: one fen too much
        assertThatThrownBy(() -> InstalmentSchedule.check(
                        fine,
                        approved,
                        List.of(
                                new InstalmentSchedule.Instalment(
                                        LocalDate.of(2026, 4, 30), new BigDecimal("66666.67")),
                                new InstalmentSchedule.Instalment(
                                        LocalDate.of(2026, 5, 31), new BigDecimal("66666.67")),
                                new InstalmentSchedule.Instalment(
                                        LocalDate.of(2026, 6, 30), new BigDecimal("66666.67")))))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("instalments-sum-mismatch");
                    assertThat(e.errors()).extracting(FieldProblem::field).containsExactly("instalments");
                });
        assertField(fine, approved, List.of(), "instalments");
        assertField(
                fine,
                approved,
                List.of(
                        new InstalmentSchedule.Instalment(LocalDate.of(2026, 4, 30), new BigDecimal("100000")),
                        new InstalmentSchedule.Instalment(LocalDate.of(2026, 4, 30), new BigDecimal("100000"))),
                "instalments[1].dueOn"); // not after the previous one
        assertField(
                fine,
                approved,
                List.of(new InstalmentSchedule.Instalment(LocalDate.of(2026, 3, 26), fine)),
                "instalments[0].dueOn"); // before the approval
        assertField(
                fine,
                approved,
                List.of(
                        new InstalmentSchedule.Instalment(LocalDate.of(2026, 4, 30), new BigDecimal("100000.005")),
                        new InstalmentSchedule.Instalment(LocalDate.of(2026, 5, 31), new BigDecimal("99999.995"))),
                "instalments[0].amountYuan"); // a tenth of a fen
        assertField(
                fine,
                approved,
                List.of(new InstalmentSchedule.Instalment(LocalDate.of(2026, 4, 30), new BigDecimal("0"))),
                "instalments[0].amountYuan");
    }

    @Test
    void theHearingThresholdDefaultIsTheOrdinancesFigureForOrganisations() {
        // 《生态环境行政处罚办法》(2023) 第八十九条: 较大数额 for 法人或者其他组织 = 二十万元以上, the figure included
        BigDecimal threshold = new DocumentProperties(null).hearingThresholdYuan();
        assertThat(threshold).isEqualByComparingTo("200000");
        ProcedureRules byDefault = new ProcedureRules(ProcedureProperties.defaults(), threshold, CALENDAR);
        assertThat(byDefault.hearingEligible(new BigDecimal("199999.99"), false))
                .isFalse();
        assertThat(byDefault.hearingEligible(new BigDecimal("200000"), false)).isTrue();
        assertThat(byDefault.hearingEligible(new BigDecimal("50000"), false)).isFalse();
        assertThat(byDefault.hearingEligible(new BigDecimal("50000"), true)).isTrue(); // 责令停产整治 etc. (第四十六条)
    }

    private static void assertField(
            BigDecimal fine, LocalDate approved, List<InstalmentSchedule.Instalment> plan, String field) {
        assertThatThrownBy(() -> InstalmentSchedule.check(fine, approved, plan))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.errors()).extracting(FieldProblem::field).containsExactly(field);
                });
    }
}
