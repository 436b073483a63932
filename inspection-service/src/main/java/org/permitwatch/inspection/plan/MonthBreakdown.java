package org.permitwatch.inspection.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Spreads a row's rounds over the months of the plan year (按月细化), from the plan's start month to December:
 * MONTH n → n rounds in every month; QUARTER n → n rounds per quarter, round-robin over the quarter's remaining
 * months; YEAR n → n rounds spaced evenly over the remaining months.
 */
final class MonthBreakdown {

    private MonthBreakdown() {}

    /** Rounds per month; index 0 is January. */
    static int[] rounds(FrequencyPeriod period, int times, int startMonth) {
        int[] rounds = new int[12];
        switch (period) {
            case MONTH -> {
                for (int m = startMonth; m <= 12; m++) {
                    rounds[m - 1] = times;
                }
            }
            case QUARTER -> {
                for (int q = 0; q < 4; q++) {
                    List<Integer> months = new ArrayList<>();
                    for (int m = q * 3 + 1; m <= q * 3 + 3; m++) {
                        if (m >= startMonth) {
                            months.add(m);
                        }
                    }
                    for (int i = 0; i < times && !months.isEmpty(); i++) {
                        rounds[months.get(i % months.size()) - 1]++;
                    }
                }
            }
            case YEAR -> {
                int span = 13 - startMonth;
                for (int i = 0; i < times; i++) {
                    rounds[startMonth - 1 + (int) ((long) i * span / times)]++;
                }
            }
        }
        return rounds;
    }
}
