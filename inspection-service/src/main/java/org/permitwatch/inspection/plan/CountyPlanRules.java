package org.permitwatch.inspection.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.permitwatch.support.problem.FieldProblem;

/**
 * What a county plan may plan inside its city's plan (ADR 0013). Each county row carries out one row of the city plan
 * ({@code parentRowNo}): same industry, category and double-random flag; 登记管理 units only where the city row
 * includes them; no round in a month the city row has fewer rounds in. The city row's units per round, per stratum,
 * are one budget for the whole city: the county rows of all counties under it together plan at most that many, and at
 * draw time city and county draws of that row and month consume the same budget.
 */
final class CountyPlanRules {

    private CountyPlanRules() {}

    /**
     * A row of the parent (city) plan.
     *
     * @param unitsPerRound per stratum; null for rows saved before per-stratum budgets (then no budget check)
     * @param rounds        rounds per month, index 0 = January
     */
    record ParentRow(
            UUID id,
            int rowNo,
            String keyIndustry,
            PlanCategory category,
            boolean doubleRandom,
            boolean includeRegistration,
            Map<String, Integer> unitsPerRound,
            int[] rounds) {}

    /**
     * @param at            the field prefix of the county row, e.g. {@code rows[0]}
     * @param plannedByOthers units per round per stratum the other county rows under the same parent row already plan
     * @param ratioField      the request field that sets a stratum's ratio (named in problems)
     */
    static List<FieldProblem> check(
            String at,
            PlanRequests.Row row,
            int[] rounds,
            Map<Stratum, Integer> unitsPerRound,
            ParentRow parent,
            Map<String, Integer> plannedByOthers,
            Function<Stratum, String> ratioField) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!parent.keyIndustry().equals(row.keyIndustry())) {
            problems.add(new FieldProblem(
                    at + ".keyIndustry",
                    "must be the industry of city row " + parent.rowNo() + " (" + parent.keyIndustry() + ")",
                    row.keyIndustry()));
        }
        if (parent.category() != row.category()) {
            problems.add(new FieldProblem(
                    at + ".category",
                    "must be the category of city row " + parent.rowNo() + " (" + parent.category() + ")",
                    row.category()));
        }
        if (parent.doubleRandom() != row.doubleRandom()) {
            problems.add(new FieldProblem(
                    at + ".doubleRandom", "must match city row " + parent.rowNo(), row.doubleRandom()));
        }
        if (row.registrationIncluded() && !parent.includeRegistration()) {
            problems.add(new FieldProblem(
                    at + ".includeRegistration", "city row " + parent.rowNo() + " does not include 登记管理 units", true));
        }
        for (int m = 1; m <= 12; m++) {
            if (rounds[m - 1] > parent.rounds()[m - 1]) {
                problems.add(new FieldProblem(
                        at + ".frequencyTimes",
                        "month " + m + " would have " + rounds[m - 1] + " round(s); city row " + parent.rowNo()
                                + " plans " + parent.rounds()[m - 1],
                        row.frequencyTimes()));
                break;
            }
        }
        if (parent.unitsPerRound() != null) {
            for (Stratum s : Stratum.values()) {
                int budget = parent.unitsPerRound().getOrDefault(s.name(), 0);
                int others = plannedByOthers.getOrDefault(s.name(), 0);
                int mine = unitsPerRound.get(s);
                if (mine + others > budget) {
                    problems.add(new FieldProblem(
                            ratioField.apply(s),
                            s + ": " + mine
                                    + " unit(s) per round here + " + others
                                    + " planned by other county plans exceed the "
                                    + budget + " of city row " + parent.rowNo(),
                            mine));
                }
            }
        }
        return problems;
    }
}
