package org.permitwatch.inspection.cases;

import org.permitwatch.support.web.SortKey;

/** The case list's sortable fields (docs/api/README.md, "Sorting"). */
enum CaseSort implements SortKey {
    OPENED_AT("openedAt", "c.opened_at"),
    CASE_NO("caseNo", "c.case_no"),
    PERMIT_NUMBER("permitNumber", "c.permit_number"),
    UNIT_NAME("unitName", "c.unit_name"),
    STATUS("status", "c.status"),
    TOTAL_FINE_YUAN("totalFineYuan", "c.total_fine_yuan"),
    CLOSED_AT("closedAt", "c.closed_at");

    /** Unique: the tie-breaker that makes every order total. */
    static final String TIE_BREAKER = "c.id";

    private final String field;
    private final String column;

    CaseSort(String field, String column) {
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
