package org.permitwatch.inspection.draw;

import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.DivisionCode;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Which draws a bureau may read. Draw results are confidential to the bureau that drew and the bureaus above it: the
 * province sees every draw (its own draws for remote checks are stored under the province code, which no city's
 * pattern matches), a city its own and its counties' draws, a county only its own draws — never its city's or
 * another county's.
 */
record DrawScope(String cityLike, String county) {

    /** SQL condition on the {@code draw} table aliased {@code d}. */
    static final String CONDITION = """
            d.city_code LIKE :scopeCity AND (CAST(:scopeCounty AS text) IS NULL OR d.division_code = :scopeCounty)""";

    static DrawScope of(Caller caller) {
        DivisionCode division = caller.division();
        return division.level() == DivisionCode.Level.COUNTY
                ? new DrawScope(division.cityCode().likePattern(), division.value())
                : new DrawScope(division.likePattern(), null);
    }

    DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec) {
        spec = spec.bind("scopeCity", cityLike);
        return county == null ? spec.bindNull("scopeCounty", String.class) : spec.bind("scopeCounty", county);
    }
}
