package org.permitwatch.inspection.task;

import org.permitwatch.support.web.SortKey;

/** The task list's sortable fields (docs/api/README.md, "Sorting"). */
enum TaskSort implements SortKey {
    DUE_DATE("dueDate", "t.due_date"),
    PERMIT_NUMBER("permitNumber", "t.permit_number"),
    UNIT_NAME("unitName", "u.unit_name"),
    STATUS("status", "t.status"),
    DIVISION_CODE("divisionCode", "t.division_code"),
    CREATED_AT("createdAt", "t.created_at");

    /** Unique: the tie-breaker that makes every order total. */
    static final String TIE_BREAKER = "t.id";

    private final String field;
    private final String column;

    TaskSort(String field, String column) {
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
