package org.permitwatch.permitsync.directory;

import org.permitwatch.support.web.SortKey;

/**
 * The directory list's sortable fields (docs/api/README.md, "Sorting"): the columns of the console's table that an
 * officer orders by. Each has a (column, permit_no) index (V5), so a sorted page of 100,000 units is an index walk,
 * not a sort of the whole division.
 */
enum UnitSort implements SortKey {
    PERMIT_NO("permitNo", "permit_no"),
    UNIT_NAME("unitName", "unit_name"),
    COUNTY_CODE("countyCode", "county_code"),
    MANAGEMENT_CATEGORY("managementCategory", "management_category"),
    STATUS("status", "status"),
    VALID_TO("validTo", "valid_to");

    /** Unique: the tie-breaker that makes every order total (and the default order). */
    static final String TIE_BREAKER = "permit_no";

    private final String field;
    private final String column;

    UnitSort(String field, String column) {
        this.field = field;
        this.column = column;
    }

    @Override
    public String field() {
        return field;
    }

    @Override
    public String column() {
        return column;
    }
}
