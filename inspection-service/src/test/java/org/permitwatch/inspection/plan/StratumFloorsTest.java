package org.permitwatch.inspection.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The floor rule of ADR 0013 with hand-computed shares. */
class StratumFloorsTest {

    private static final StratumFloors.Floor CITY_KEY =
            new StratumFloors.Floor(new BigDecimal("0.05"), FrequencyPeriod.QUARTER);
    private static final StratumFloors.Floor COUNTY_KEY =
            new StratumFloors.Floor(new BigDecimal("0.25"), FrequencyPeriod.QUARTER);
    private static final StratumFloors.Floor SPECIAL = new StratumFloors.Floor(BigDecimal.ONE, FrequencyPeriod.YEAR);

    @Test
    void aQuarterlyFloorCountsTheRoundsOfEachQuarter() {
        int[] quarterly = MonthBreakdown.rounds(FrequencyPeriod.QUARTER, 1, 1);
        // 20 % once a quarter: 20 % ≥ 5 % (city) but < 25 % (county) in each of the 4 quarters
        assertThat(StratumFloors.shortfalls(CITY_KEY, new BigDecimal("0.20"), quarterly, 1))
                .isEmpty();
        assertThat(StratumFloors.shortfalls(COUNTY_KEY, new BigDecimal("0.20"), quarterly, 1))
                .hasSize(4)
                .first()
                .asString()
                .startsWith("quarter Q1: 0.2 × 1 round(s) = 20% of the units, below the floor of 25%");
        // 10 % monthly: 3 rounds × 10 % = 30 % ≥ 25 % in every quarter
        assertThat(StratumFloors.shortfalls(
                        COUNTY_KEY, new BigDecimal("0.10"), MonthBreakdown.rounds(FrequencyPeriod.MONTH, 1, 1), 1))
                .isEmpty();
        // once a year from January: only Q1 has a round; Q2–Q4 check nobody → 3 shortfalls whatever the ratio
        assertThat(StratumFloors.shortfalls(
                        CITY_KEY, BigDecimal.ONE, MonthBreakdown.rounds(FrequencyPeriod.YEAR, 1, 1), 1))
                .hasSize(3);
    }

    @Test
    void aPartlyCoveredPeriodNeedsTheFloorProRata() {
        // from June, 10 % monthly: June alone is 1/3 of Q2 → needs 25 % × 1/3 = 8.33 %, has 10 % → fine;
        // 5 % would be short in Q2 (5 % < 8.33 %) and in Q3/Q4 (3 × 5 % = 15 % < 25 %)
        int[] fromJune = MonthBreakdown.rounds(FrequencyPeriod.MONTH, 1, 6);
        assertThat(StratumFloors.shortfalls(COUNTY_KEY, new BigDecimal("0.10"), fromJune, 6))
                .isEmpty();
        assertThat(StratumFloors.shortfalls(COUNTY_KEY, new BigDecimal("0.05"), fromJune, 6))
                .hasSize(3)
                .first()
                .asString()
                .contains("Q2")
                .contains("pro rata 1/3 months");
    }

    @Test
    void specialUnitsAreFullyCoveredWithinTheYearAndAZeroFloorNeverBinds() {
        // once a year at 100 %: 100 % ≥ 100 %; at 50 %: 50 % < 100 %
        int[] yearly = MonthBreakdown.rounds(FrequencyPeriod.YEAR, 1, 1);
        assertThat(StratumFloors.shortfalls(SPECIAL, BigDecimal.ONE, yearly, 1)).isEmpty();
        assertThat(StratumFloors.shortfalls(SPECIAL, new BigDecimal("0.5"), yearly, 1))
                .hasSize(1);
        // twice a year at 50 %: 2 × 50 % = 100 %
        assertThat(StratumFloors.shortfalls(
                        SPECIAL, new BigDecimal("0.5"), MonthBreakdown.rounds(FrequencyPeriod.YEAR, 2, 1), 1))
                .isEmpty();
        assertThat(StratumFloors.shortfalls(
                        new StratumFloors.Floor(BigDecimal.ZERO, FrequencyPeriod.YEAR), BigDecimal.ZERO, yearly, 1))
                .isEmpty();
    }
}
