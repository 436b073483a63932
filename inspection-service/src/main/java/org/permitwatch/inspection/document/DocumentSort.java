package org.permitwatch.inspection.document;

import org.permitwatch.support.web.SortKey;

/** The document list's sortable fields (docs/api/README.md, "Sorting"). */
enum DocumentSort implements SortKey {
    ISSUED_AT("issuedAt", "d.issued_at"),
    KIND("kind", "d.kind"),
    DOCUMENT_NO("documentNo", "d.document_no");

    /** Unique: the tie-breaker that makes every order total. */
    static final String TIE_BREAKER = "d.id";

    private final String field;
    private final String column;

    DocumentSort(String field, String column) {
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
