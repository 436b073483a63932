package org.permitwatch.inspection.record;

import org.permitwatch.support.web.SortKey;

/** The inspection record list's sortable fields (docs/api/README.md, "Sorting"). */
enum RecordSort implements SortKey {
    CREATED_AT("createdAt", "r.created_at"),
    UPDATED_AT("updatedAt", "r.updated_at"),
    PERMIT_NUMBER("permitNumber", "r.permit_number"),
    UNIT_NAME("unitName", "r.unit_name"),
    STATUS("status", "r.status");

    /** Unique: the tie-breaker that makes every order total. */
    static final String TIE_BREAKER = "r.id";

    private final String field;
    private final String column;

    RecordSort(String field, String column) {
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
