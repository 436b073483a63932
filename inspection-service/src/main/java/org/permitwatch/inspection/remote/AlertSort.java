package org.permitwatch.inspection.remote;

import org.permitwatch.support.web.SortKey;

/** The remote alert list's sortable fields (docs/api/README.md, "Sorting"). */
enum AlertSort implements SortKey {
    RAISED_AT("raisedAt", "raised_at"),
    RULE("rule", "rule"),
    STATUS("status", "status"),
    PERMIT_NUMBER("permitNumber", "permit_number"),
    UNIT_NAME("unitName", "unit_name"),
    COUNTY_CODE("countyCode", "county_code");

    /** Unique: the tie-breaker that makes every order total. */
    static final String TIE_BREAKER = "id";

    private final String field;
    private final String column;

    AlertSort(String field, String column) {
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
