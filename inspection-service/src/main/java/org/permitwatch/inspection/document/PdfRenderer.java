package org.permitwatch.inspection.document;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import org.permitwatch.inspection.checklist.CjkFont;

/**
 * A document as an A4 PDF (OpenPDF): what is served and archived. It embeds the subset of the CJK font the service
 * ships ({@link CjkFont}, ADR 0015/0035) with only the glyphs the document uses, so it prints the same on any reader.
 * Blocking CPU work: call on boundedElastic.
 */
final class PdfRenderer {

    private static final float[] EVIDENCE_WIDTHS = {6, 24, 44, 11, 15};

    private PdfRenderer() {}

    static byte[] render(RenderedDocument doc) {
        BaseFont base = CjkFont.font();
        Font bureau = new Font(base, 16, Font.BOLD);
        Font title = new Font(base, 20, Font.BOLD);
        Font body = new Font(base, 12);
        Font small = new Font(base, 7.5f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document pdf = new Document(PageSize.A4, 72, 72, 72, 72);
        try {
            PdfWriter.getInstance(pdf, out);
            pdf.addTitle(CjkFont.printable(doc.title()));
            pdf.open();
            for (DocumentTemplate.Line line : doc.lines()) {
                switch (line.style()) {
                    case BUREAU -> pdf.add(paragraph(line.text(), bureau, Element.ALIGN_CENTER, 4));
                    case TITLE -> pdf.add(paragraph(line.text(), title, Element.ALIGN_CENTER, 6));
                    case NUMBER -> pdf.add(paragraph(line.text(), body, Element.ALIGN_CENTER, 14));
                    // A line break in a value (an interview's questions and answers) starts a new paragraph.
                    case TEXT -> {
                        for (String part : line.text().split("\n", -1)) {
                            Paragraph p = paragraph(part, body, Element.ALIGN_JUSTIFIED, 6);
                            p.setFirstLineIndent(24);
                            p.setLeading(20);
                            pdf.add(p);
                        }
                    }
                    case FIELD ->
                        pdf.add(paragraph(
                                line.label() + "：" + (line.text().isBlank() ? "＿＿＿＿＿＿＿＿＿＿＿＿" : line.text()),
                                body,
                                Element.ALIGN_LEFT,
                                4));
                    case EVIDENCE -> pdf.add(evidence(doc, small));
                    case SIGNATURE -> {
                        pdf.add(paragraph(" ", body, Element.ALIGN_RIGHT, 12));
                        for (String part : line.text().split("\n", -1)) {
                            pdf.add(paragraph(part, body, Element.ALIGN_RIGHT, 4));
                        }
                    }
                }
            }
            pdf.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot write the PDF of " + doc.title(), e);
        }
        return out.toByteArray();
    }

    private static Paragraph paragraph(String text, Font font, int align, float after) {
        Paragraph p = new Paragraph(CjkFont.printable(text), font);
        p.setAlignment(align);
        p.setSpacingAfter(after);
        return p;
    }

    private static PdfPTable evidence(RenderedDocument doc, Font font) {
        PdfPTable table = new PdfPTable(EVIDENCE_WIDTHS);
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        table.setSpacingBefore(4);
        table.setSpacingAfter(8);
        for (String column : RenderedDocument.EVIDENCE_COLUMNS) {
            table.addCell(new PdfPCell(new Phrase(CjkFont.printable(column), font)));
        }
        for (String[] row : doc.evidenceRows()) {
            for (String cell : row) {
                table.addCell(new PdfPCell(new Phrase(CjkFont.printable(cell), font)));
            }
        }
        return table;
    }
}
