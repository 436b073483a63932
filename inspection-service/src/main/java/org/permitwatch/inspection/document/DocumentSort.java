package org.permitwatch.inspection.document;

import java.util.List;
import org.permitwatch.support.web.SortKey;

/** The document list's sortable fields (docs/api/README.md, "Sorting"). */
enum DocumentSort implements SortKey {
    ISSUED_AT("issuedAt", "d.issued_at"),
    KIND("kind", "d.kind"),
    /**
     * 文号 in number order: the text before 〔 (bureau prefix and kind word), then the year, then the sequence number —
     * not the text, where 并环罚〔2026〕10号 sorts before 并环罚〔2026〕2号.
     */
    DOCUMENT_NO("documentNo", "left(d.document_no, strpos(d.document_no, '〔') - 1)") {
        @Override
        public List<String> columns() {
            return List.of(column(), "d.year", "d.seq");
        }
    };

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
