package org.permitwatch.inspection.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlanArithmeticTest {

    private static final PlanProperties PROPERTIES = new PlanProperties(2, 1.0, 250, 0.4);

    @Test
    void monthlyRoundsFromTheStartMonth() {
        assertThat(MonthBreakdown.rounds(FrequencyPeriod.MONTH, 2, 6))
                .containsExactly(0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2);
    }

    @Test
    void quarterlyRoundsSkipMonthsBeforeTheStart() {
        // Q2 only has June left; Q3 and Q4 start in their first month
        assertThat(MonthBreakdown.rounds(FrequencyPeriod.QUARTER, 1, 6))
                .containsExactly(0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0);
        assertThat(MonthBreakdown.rounds(FrequencyPeriod.QUARTER, 2, 1))
                .containsExactly(1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0);
    }

    @Test
    void yearlyRoundsAreSpreadEvenly() {
        assertThat(MonthBreakdown.rounds(FrequencyPeriod.YEAR, 2, 1))
                .containsExactly(1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0);
        assertThat(MonthBreakdown.rounds(FrequencyPeriod.YEAR, 3, 7))
                .containsExactly(0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0);
        int total = 0;
        for (int r : MonthBreakdown.rounds(FrequencyPeriod.YEAR, 20, 3)) {
            total += r;
        }
        assertThat(total).isEqualTo(20);
    }

    @Test
    void capacityIsSufficientWhenInspectorDaysCoverThePlan() {
        int[] units = new int[12];
        units[5] = 10; // June: 10 units × 2 inspectors × 1 day = 20 days
        // 3 inspectors × 250 days × 0.4 = 300 a year, 25 a month
        CapacityCheck.Result result = CapacityCheck.evaluate(units, 6, 3, PROPERTIES);
        assertThat(result.sufficient()).isTrue();
        assertThat(result.warnings()).isEmpty();
        assertThat(result.neededInspectorDays()).isEqualTo(20.0);
        assertThat(result.availableInspectorDays()).isEqualTo(175.0);
        assertThat(result.months()).hasSize(7);
    }

    @Test
    void capacityWarnsPerMonthAndForTheYear() {
        int[] units = new int[12];
        units[5] = 13; // 26 > 25 available in June
        CapacityCheck.Result monthOnly = CapacityCheck.evaluate(units, 6, 3, PROPERTIES);
        assertThat(monthOnly.sufficient()).isFalse();
        assertThat(monthOnly.warnings()).containsExactly("month 6 needs 26.0 inspector-days but 25.0 are available");

        for (int m = 5; m < 12; m++) {
            units[m] = 13;
        }
        CapacityCheck.Result year = CapacityCheck.evaluate(units, 6, 3, PROPERTIES);
        assertThat(year.warnings()).hasSize(8);
        assertThat(year.warnings().get(0)).startsWith("the plan needs 182.0 inspector-days but the bureau has 175.0");
    }

    @Test
    void noInspectorsMeansAWarning() {
        int[] units = new int[12];
        units[0] = 1;
        assertThat(CapacityCheck.evaluate(units, 1, 1, PROPERTIES).warnings())
                .anyMatch(w -> w.contains("only 1 inspectors on post"));
    }
}
