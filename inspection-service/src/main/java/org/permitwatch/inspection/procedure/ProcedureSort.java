package org.permitwatch.inspection.procedure;

import org.permitwatch.support.web.SortKey;

/** The due-steps list's sortable fields (docs/api/README.md, "Sorting"). */
enum ProcedureSort implements SortKey {
    NEXT_DUE("nextDue", "p.next_due"),
    CASE_NO("caseNo", "c.case_no"),
    UNIT_NAME("unitName", "c.unit_name"),
    STEP("step", "p.step");

    /** Unique: the tie-breaker that makes every order total. */
    static final String TIE_BREAKER = "c.id";

    private final String field;
    private final String column;

    ProcedureSort(String field, String column) {
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
