package org.permitwatch.inspection.plan;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * What the plan list is narrowed to inside the caller's scope ({@link PlanScope}): a year, a status, one division
 * (the city itself or one of its counties). Every part is optional; the console keeps them in its address.
 */
record PlanFilter(Integer year, String status, String division) {

    /** SQL condition on {@code inspection_plan} aliased {@code p}. */
    static final String CONDITION = """
            (CAST(:year AS int) IS NULL OR p.plan_year = CAST(:year AS int))
            AND (CAST(:status AS text) IS NULL OR p.status = CAST(:status AS text))
            AND (CAST(:division AS text) IS NULL OR p.division_code = CAST(:division AS text))""";

    DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec) {
        spec = year == null ? spec.bindNull("year", Integer.class) : spec.bind("year", year);
        spec = status == null ? spec.bindNull("status", String.class) : spec.bind("status", status);
        return division == null ? spec.bindNull("division", String.class) : spec.bind("division", division);
    }
}
