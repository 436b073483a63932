package org.permitwatch.inspection.checklist;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;

/**
 * The checklist form as an A4 PDF for printing. Chinese needs an embedded CJK font: the jar ships a GB 2312 subset of
 * WenQuanYi Micro Hei (Apache-2.0), so the service prints the same form on any host, font packages or not (ADR 0015).
 * OpenPDF embeds only the glyphs a document uses. Rendering is blocking CPU work: call it on boundedElastic.
 */
final class ChecklistFormPdf {

    static final String FONT_RESOURCE = CjkFont.RESOURCE;
    /** Printed for a character the subset lacks (rare characters in a unit name), rather than failing the form. */
    static final char MISSING = CjkFont.MISSING;

    private static final float[] WIDTHS = {5, 19, 41, 6, 6, 8, 15};

    private ChecklistFormPdf() {}

    static BaseFont font() {
        return CjkFont.font();
    }

    /** The text with every character the font cannot draw replaced by {@link #MISSING}. */
    static String printable(String text) {
        return CjkFont.printable(text);
    }

    static byte[] render(ChecklistForm form) {
        BaseFont base = font();
        Font title = new Font(base, 16, Font.BOLD);
        Font subtitle = new Font(base, 10);
        Font header = new Font(base, 9, Font.BOLD);
        Font body = new Font(base, 9);
        Font small = new Font(base, 7);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 36, 36, 36, 42);
        try {
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            writer.setPageEvent(new PageNumbers(base, form.versionLabel()));
            doc.addTitle(printable(ChecklistForm.HEADING));
            doc.addSubject(printable(form.title()));
            doc.open();

            Paragraph heading = new Paragraph(printable(ChecklistForm.HEADING), title);
            heading.setAlignment(Element.ALIGN_CENTER);
            doc.add(heading);
            Paragraph sub = new Paragraph(printable(form.title() + "  " + form.versionLabel()), subtitle);
            sub.setAlignment(Element.ALIGN_CENTER);
            sub.setSpacingAfter(8);
            doc.add(sub);

            PdfPTable fields = new PdfPTable(new float[] {18, 82});
            fields.setWidthPercentage(100);
            for (String[] field : form.headerFields()) {
                fields.addCell(plain(field[0] + "：", header, Rectangle.NO_BORDER));
                // A blank value is a line to write on, as on the paper form.
                fields.addCell(plain(field[1].isBlank() ? " " : field[1], body, Rectangle.BOTTOM));
            }
            fields.setSpacingAfter(8);
            doc.add(fields);

            PdfPTable table = new PdfPTable(WIDTHS);
            table.setWidthPercentage(100);
            table.setHeaderRows(1);
            for (String column : ChecklistForm.COLUMNS) {
                PdfPCell c = plain(column, header, Rectangle.BOX);
                c.setHorizontalAlignment(Element.ALIGN_CENTER);
                c.setGrayFill(0.9f);
                table.addCell(c);
            }
            for (ChecklistForm.Item item : form.items()) {
                int span = Math.max(1, item.points().size());
                PdfPCell no = plain(String.valueOf(item.number()), body, Rectangle.BOX);
                no.setRowspan(span);
                no.setHorizontalAlignment(Element.ALIGN_CENTER);
                table.addCell(no);
                Phrase titlePhrase = new Phrase(printable(item.title()), body);
                if (item.basis() != null && !item.basis().isBlank()) {
                    titlePhrase.add(new Chunk("\n" + printable(item.basis()), small));
                }
                PdfPCell titleCell = new PdfPCell(titlePhrase);
                titleCell.setRowspan(span);
                titleCell.setPadding(3);
                table.addCell(titleCell);
                if (item.points().isEmpty()) {
                    addPointRow(table, " ", null, body, small);
                }
                for (int i = 0; i < item.points().size(); i++) {
                    ChecklistForm.Point p = item.points().get(i);
                    addPointRow(table, "（" + (i + 1) + "）" + p.text(), p.article(), body, small);
                }
            }
            doc.add(table);

            PdfPTable signatures = new PdfPTable(new float[] {30, 70});
            signatures.setWidthPercentage(100);
            signatures.setSpacingBefore(14);
            for (String label : ChecklistForm.SIGNATURES) {
                signatures.addCell(plain(label + "：", header, Rectangle.NO_BORDER));
                PdfPCell line = plain(" ", body, Rectangle.BOTTOM);
                line.setMinimumHeight(22);
                signatures.addCell(line);
            }
            doc.add(signatures);
            Paragraph note = new Paragraph(
                    printable("填表说明：每个检查要点在“是”“否”“不涉及”中勾选一项；勾选“否”的，" + "在备注中写明问题、证据编号及现场照片编号。检查结论以录入平台的检查记录为准。"),
                    small);
            note.setSpacingBefore(6);
            doc.add(note);
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("could not render the checklist form", e);
        }
        return out.toByteArray();
    }

    private static void addPointRow(PdfPTable table, String text, String article, Font body, Font small) {
        Phrase phrase = new Phrase(printable(text), body);
        if (article != null && !article.isBlank()) {
            phrase.add(new Chunk("\n" + printable("依据：" + article), small));
        }
        PdfPCell point = new PdfPCell(phrase);
        point.setPadding(3);
        table.addCell(point);
        for (int i = 0; i < ChecklistForm.RESULTS.size(); i++) {
            PdfPCell box = plain(ChecklistForm.BOX, body, Rectangle.BOX);
            box.setHorizontalAlignment(Element.ALIGN_CENTER);
            box.setVerticalAlignment(Element.ALIGN_MIDDLE);
            table.addCell(box);
        }
        table.addCell(plain(" ", body, Rectangle.BOX));
    }

    private static PdfPCell plain(String text, Font font, int border) {
        PdfPCell cell = new PdfPCell(new Phrase(printable(text), font));
        cell.setBorder(border);
        cell.setPadding(3);
        return cell;
    }

    /** Page x of y is not known while writing; "第 x 页" plus the version label is enough to keep pages together. */
    private static final class PageNumbers extends PdfPageEventHelper {
        private final BaseFont font;
        private final String label;

        PageNumbers(BaseFont font, String label) {
            this.font = font;
            this.label = label;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            PdfContentByte cb = writer.getDirectContent();
            Phrase footer = new Phrase(printable(label + "  第 " + writer.getPageNumber() + " 页"), new Font(font, 7));
            ColumnText.showTextAligned(
                    cb,
                    Element.ALIGN_CENTER,
                    footer,
                    (document.left() + document.right()) / 2,
                    document.bottom() - 20,
                    0);
        }
    }
}
