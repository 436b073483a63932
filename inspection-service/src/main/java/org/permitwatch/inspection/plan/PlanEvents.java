package org.permitwatch.inspection.plan;

import java.util.List;
import org.permitwatch.events.inspection.PlanPublished;

/** Maps a stored plan to its published event (the full snapshot reporting keeps per plan). */
final class PlanEvents {

    private PlanEvents() {}

    static PlanPublished published(PlanViews.PlanDetail plan, String publishedBy) {
        List<PlanPublished.Row> rows = plan.rows().stream().map(PlanEvents::row).toList();
        return new PlanPublished(
                plan.id(),
                plan.cityCode(),
                plan.year(),
                plan.title(),
                startMonth(plan),
                rows,
                publishedBy,
                plan.publishedAt(),
                plan.level().name(),
                plan.divisionCode(),
                plan.parentPlanId());
    }

    /**
     * The start month is not stored with the plan, but {@link MonthBreakdown} always gives every row at least one
     * round in the start month (MONTH and YEAR begin there, QUARTER fills the start quarter from it), so it is the
     * earliest planned month of any row.
     */
    static int startMonth(PlanViews.PlanDetail plan) {
        return plan.rows().stream()
                .flatMap(r -> r.months().stream())
                .filter(m -> m.rounds() > 0)
                .mapToInt(PlanViews.MonthPlan::month)
                .min()
                .orElse(1);
    }

    private static PlanPublished.Row row(PlanViews.Row row) {
        return new PlanPublished.Row(
                row.rowNo(),
                row.keyIndustry(),
                category(row.category()),
                row.method().name(),
                row.doubleRandom(),
                row.ratio(),
                row.frequencyPeriod().name(),
                row.frequencyTimes(),
                row.contentDaily(),
                row.contentSpecial(),
                row.operatingMethod(),
                row.cooperatingAgencies(),
                row.denominator(),
                row.unitsPerRound(),
                row.months().stream()
                        .map(m -> new PlanPublished.Month(m.month(), m.rounds(), m.plannedUnits()))
                        .toList(),
                row.stratumRatios(),
                row.includeRegistration(),
                row.parentRowNo());
    }

    /** The contract's category codes (NON_SITE for 非现场监管); the plan API calls it REMOTE_SUPERVISION. */
    static String category(PlanCategory category) {
        return switch (category) {
            case REMOTE_SUPERVISION -> "NON_SITE";
            case ON_SITE -> "ON_SITE";
            case DOUBLE_RANDOM -> "DOUBLE_RANDOM";
        };
    }
}
