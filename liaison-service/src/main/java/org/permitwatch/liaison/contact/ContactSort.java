package org.permitwatch.liaison.contact;

import org.permitwatch.support.web.SortKey;

/** The liaison list's sortable fields (docs/api/README.md, "Sorting"): the whitelist that maps API field names to SQL columns. */
enum ContactSort implements SortKey {
    DIVISION_CODE("divisionCode", "c.division_code"),
    ROLE("role", "c.role"),
    PERSON_NAME("personName", "c.person_name"),
    ORGANISATION("organisation", "c.organisation"),
    POSITION("position", "c.position");

    /** Unique: the tie-breaker that makes every order total. */
    static final String TIE_BREAKER = "c.id";

    private final String field;
    private final String column;

    ContactSort(String field, String column) {
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
