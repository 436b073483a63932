package org.permitwatch.inspection.draw;

import org.permitwatch.support.web.SortKey;

/** The draw list's sortable fields (docs/api/README.md, "Sorting"). */
enum DrawSort implements SortKey {
    PERIOD_MONTH("periodMonth", "d.period_month"),
    STATUS("status", "d.status"),
    DIVISION_CODE("divisionCode", "d.division_code"),
    COMMITTED_AT("committedAt", "d.committed_at"),
    PUBLISHED_AT("publishedAt", "d.published_at");

    /** Unique: the tie-breaker that makes every order total. */
    static final String TIE_BREAKER = "d.id";

    private final String field;
    private final String column;

    DrawSort(String field, String column) {
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
