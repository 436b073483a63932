package org.permitwatch.inspection.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * A document as DOCX (Apache POI XWPF): the form a bureau files and may still edit by hand before printing. A Word
 * file needs no embedded font: the reader's program draws the Chinese, so the runs only name the customary fonts of
 * official documents (黑体 for the title, 仿宋 for the text). Blocking: call on boundedElastic.
 */
final class DocxRenderer {

    private static final String TITLE_FONT = "黑体";
    private static final String BODY_FONT = "仿宋";

    private DocxRenderer() {}

    static byte[] render(RenderedDocument doc) {
        try (XWPFDocument word = new XWPFDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            word.getProperties().getCoreProperties().setTitle(doc.title());
            for (DocumentTemplate.Line line : doc.lines()) {
                switch (line.style()) {
                    case BUREAU -> paragraph(word, line.text(), ParagraphAlignment.CENTER, TITLE_FONT, 18, true);
                    case TITLE -> paragraph(word, line.text(), ParagraphAlignment.CENTER, TITLE_FONT, 22, true);
                    case NUMBER -> paragraph(word, line.text(), ParagraphAlignment.CENTER, BODY_FONT, 14, false);
                    // A line break in a value (an interview's questions and answers) starts a new paragraph.
                    case TEXT -> {
                        for (String part : line.text().split("\n", -1)) {
                            paragraph(word, part, ParagraphAlignment.BOTH, BODY_FONT, 14, false);
                        }
                    }
                    // A blank value is a line to write on, as on the paper form.
                    case FIELD ->
                        paragraph(
                                word,
                                line.label() + "：" + (line.text().isBlank() ? "＿＿＿＿＿＿＿＿＿＿＿＿" : line.text()),
                                ParagraphAlignment.LEFT,
                                BODY_FONT,
                                14,
                                false);
                    case EVIDENCE -> evidence(word, doc);
                    case SIGNATURE -> {
                        for (String part : line.text().split("\n", -1)) {
                            paragraph(word, part, ParagraphAlignment.RIGHT, BODY_FONT, 14, false);
                        }
                    }
                }
            }
            word.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the DOCX of " + doc.title(), e);
        }
    }

    private static void paragraph(
            XWPFDocument word, String text, ParagraphAlignment align, String font, int size, boolean bold) {
        XWPFParagraph p = word.createParagraph();
        p.setAlignment(align);
        XWPFRun run = p.createRun();
        run.setFontFamily(font);
        run.setFontSize(size);
        run.setBold(bold);
        run.setText(text);
    }

    private static void evidence(XWPFDocument word, RenderedDocument doc) {
        var rows = doc.evidenceRows();
        XWPFTable table = word.createTable(rows.size() + 1, RenderedDocument.EVIDENCE_COLUMNS.length);
        table.setWidth("100%");
        fill(table.getRow(0), RenderedDocument.EVIDENCE_COLUMNS);
        for (int i = 0; i < rows.size(); i++) {
            fill(table.getRow(i + 1), rows.get(i));
        }
    }

    private static void fill(XWPFTableRow row, String[] cells) {
        for (int c = 0; c < cells.length; c++) {
            XWPFRun run = row.getCell(c).getParagraphs().get(0).createRun();
            run.setFontFamily(BODY_FONT);
            run.setFontSize(9);
            run.setText(cells[c]);
        }
    }
}
