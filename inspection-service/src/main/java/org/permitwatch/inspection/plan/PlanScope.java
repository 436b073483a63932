package org.permitwatch.inspection.plan;

import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.DivisionCode;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Which plans a caller may read: the province all, a city its own and its counties' plans, a county its own plans
 * and its city's plans (it carries them out and plans inside them) but never another county's.
 *
 * @param cityLike LIKE pattern on the plan's city
 * @param county   the caller's county, or null when the caller is not at county level
 */
record PlanScope(String cityLike, String county) {

    /** SQL condition on a plan aliased {@code p}; bind with {@link #bind}. */
    static final String CONDITION = """
            p.city_code LIKE :scopeCity
            AND (CAST(:scopeCounty AS text) IS NULL OR p.division_code = :scopeCounty OR p.level = 'CITY')""";

    static PlanScope of(Caller caller) {
        DivisionCode division = caller.division();
        return division.level() == DivisionCode.Level.COUNTY
                ? new PlanScope(division.cityCode().likePattern(), division.value())
                : new PlanScope(division.likePattern(), null);
    }

    DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec) {
        spec = spec.bind("scopeCity", cityLike);
        return county == null ? spec.bindNull("scopeCounty", String.class) : spec.bind("scopeCounty", county);
    }
}
