package org.permitwatch.monitoring.query;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.permitwatch.events.vocabulary.KeyIndustry;
import org.permitwatch.support.problem.ApiException;

/**
 * What one row of 联网率/传输有效率 stands for: a county (the default), a city, or an industry row of the plan table
 * (附件3's keyIndustry, as reporting-service's region × industry figures use). Each names a column of the view
 * required_monitoring, never text from the request, so the grouping cannot carry SQL.
 */
enum CoverageGrouping {
    COUNTY("county_code", "group_key"),
    CITY("city_code", "group_key"),
    INDUSTRY("key_industry", industryOrder());

    final String column;
    final String orderBy;

    CoverageGrouping(String column, String orderBy) {
        this.column = column;
        this.orderBy = orderBy;
    }

    /** {@code by} of the request: county, city or industry; absent = county. */
    static CoverageGrouping of(String by) {
        if (by == null || by.isBlank()) {
            return COUNTY;
        }
        try {
            return valueOf(by.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("by", "must be one of county, city, industry", by);
        }
    }

    /** The plan table's order (造纸, 钢铁, 火电 …, 其他), as the reports print it. */
    private static String industryOrder() {
        return Arrays.stream(KeyIndustry.values())
                .map(k -> "'" + k.name() + "'")
                .collect(Collectors.joining(",", "array_position(ARRAY[", "]::text[], group_key)"));
    }
}
