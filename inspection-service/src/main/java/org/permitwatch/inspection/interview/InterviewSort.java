package org.permitwatch.inspection.interview;

import org.permitwatch.support.web.SortKey;

/** The interview list's sortable fields (docs/api/README.md, "Sorting"). */
enum InterviewSort implements SortKey {
    STARTED_AT("startedAt", "i.started_at"),
    RECORDED_AT("recordedAt", "i.recorded_at");

    /** Unique: the tie-breaker that makes every order total. */
    static final String TIE_BREAKER = "i.id";

    /** In the order they were held: as a case file reads. */
    static final String DEFAULT_ORDER = "i.started_at, i.id";

    private final String field;
    private final String column;

    InterviewSort(String field, String column) {
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
