package org.permitwatch.inspection.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Inspector-days a plan needs against what the city's bureau has. Needed: planned on-site units × inspectors per
 * unit × days per inspection (remote-supervision rows are desk work through the national platform and use no
 * field days). Available: on-post inspectors of the city × working days × inspection share, spread evenly over
 * the months from the plan's start.
 */
final class CapacityCheck {

    private CapacityCheck() {}

    record Month(int month, double neededInspectorDays, double availableInspectorDays) {}

    record Result(
            int inspectorsOnPost,
            int inspectorsPerUnit,
            double daysPerInspection,
            int workingDaysPerYear,
            double inspectionShare,
            double neededInspectorDays,
            double availableInspectorDays,
            boolean sufficient,
            List<Month> months,
            List<String> warnings) {}

    /** @param fieldUnitsPerMonth planned on-site units per month, index 0 = January */
    static Result evaluate(int[] fieldUnitsPerMonth, int startMonth, int inspectorsOnPost, PlanProperties p) {
        double perUnit = p.inspectorsPerUnit() * p.daysPerInspection();
        double availableYear = inspectorsOnPost * p.workingDaysPerYear() * p.inspectionShare();
        int activeMonths = 13 - startMonth;
        double availableMonth = availableYear / 12.0;
        double available = availableMonth * activeMonths;
        List<Month> months = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        double needed = 0;
        for (int m = startMonth; m <= 12; m++) {
            double monthNeeded = fieldUnitsPerMonth[m - 1] * perUnit;
            needed += monthNeeded;
            months.add(new Month(m, round(monthNeeded), round(availableMonth)));
            if (monthNeeded > availableMonth) {
                warnings.add(String.format(
                        "month %d needs %.1f inspector-days but %.1f are available", m, monthNeeded, availableMonth));
            }
        }
        if (needed > available) {
            warnings.add(
                    0,
                    String.format(
                            "the plan needs %.1f inspector-days but the bureau has %.1f " + "(%d inspectors on post)",
                            needed, available, inspectorsOnPost));
        }
        if (inspectorsOnPost < p.inspectorsPerUnit() && needed > 0) {
            warnings.add(String.format(
                    "only %d inspectors on post; every inspection needs %d", inspectorsOnPost, p.inspectorsPerUnit()));
        }
        return new Result(
                inspectorsOnPost,
                p.inspectorsPerUnit(),
                p.daysPerInspection(),
                p.workingDaysPerYear(),
                p.inspectionShare(),
                round(needed),
                round(available),
                warnings.isEmpty(),
                List.copyOf(months),
                List.copyOf(warnings));
    }

    private static double round(double v) {
        return Math.round(v * 10.0) / 10.0;
    }
}
