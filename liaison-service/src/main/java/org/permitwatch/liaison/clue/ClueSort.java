package org.permitwatch.liaison.clue;

import org.permitwatch.support.web.SortKey;

/** The clue list's sortable fields (docs/api/README.md, "Sorting"): the whitelist that maps API field names to SQL columns. */
enum ClueSort implements SortKey {
    CREATED_AT("createdAt", "created_at"),
    PERMIT_NUMBER("permitNumber", "permit_number"),
    STATUS("status", "status"),
    REQUESTED_BY("requestedBy", "requested_by"),
    FROM_DIVISION_CODE("fromDivisionCode", "from_division"),
    TO_DIVISION_CODE("toDivisionCode", "to_division");

    /** Unique: the tie-breaker that makes every order total. */
    static final String TIE_BREAKER = "id";

    private final String field;
    private final String column;

    ClueSort(String field, String column) {
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
