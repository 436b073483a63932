package org.permitwatch.inspection.document;

import java.util.List;

/**
 * What a document prints, resolved from its template and the case: the title, the filled lines and the evidence files
 * listed with their hashes. Both renderers read this one value, so the DOCX and the PDF carry the same text.
 */
record RenderedDocument(String title, List<DocumentTemplate.Line> lines, List<EvidenceFile> evidence) {

    /** One evidence file as a document lists it. */
    record EvidenceFile(String fileName, String sha256, Long size, String takenAt) {}

    static final String[] EVIDENCE_COLUMNS = {"序号", "证据名称", "SHA-256", "大小（字节）", "取得时间"};

    /** The evidence table's cells, one row per file; "无" when the case holds none. */
    List<String[]> evidenceRows() {
        if (evidence.isEmpty()) {
            return List.<String[]>of(new String[] {"—", "无", "", "", ""});
        }
        java.util.ArrayList<String[]> rows = new java.util.ArrayList<>();
        int i = 1;
        for (EvidenceFile f : evidence) {
            rows.add(new String[] {
                String.valueOf(i++),
                f.fileName(),
                f.sha256(),
                f.size() == null ? "" : String.valueOf(f.size()),
                f.takenAt() == null ? "" : f.takenAt()
            });
        }
        return rows;
    }
}
