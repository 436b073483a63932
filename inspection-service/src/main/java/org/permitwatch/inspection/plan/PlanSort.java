package org.permitwatch.inspection.plan;

import org.permitwatch.support.web.SortKey;

/** The plan list's sortable fields (docs/api/README.md, "Sorting"). */
enum PlanSort implements SortKey {
    YEAR("year", "p.plan_year"),
    TITLE("title", "p.title"),
    STATUS("status", "p.status"),
    DIVISION_CODE("divisionCode", "p.division_code"),
    CREATED_AT("createdAt", "p.created_at"),
    PUBLISHED_AT("publishedAt", "p.published_at");

    /** Unique: the tie-breaker that makes every order total. */
    static final String TIE_BREAKER = "p.id";

    private final String field;
    private final String column;

    PlanSort(String field, String column) {
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
