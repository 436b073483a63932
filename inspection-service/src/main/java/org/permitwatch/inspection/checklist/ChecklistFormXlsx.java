package org.permitwatch.inspection.checklist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.permitwatch.support.xlsx.XlsxStyles;

/**
 * The checklist form as one XLSX sheet laid out for printing (A4 portrait, fit to one page wide, the column header
 * repeated on every page). Unlike the PDF it needs no embedded font: the spreadsheet program draws the Chinese.
 * A form has at most a few hundred rows, so a plain in-memory workbook is fine.
 */
final class ChecklistFormXlsx {

    /** Column widths in characters, in the order of {@link ChecklistForm#COLUMNS}. */
    private static final int[] WIDTHS = {6, 22, 60, 6, 6, 8, 24};

    static final String SHEET = "附件2 检查清单";

    private ChecklistFormXlsx() {}

    static byte[] render(ChecklistForm form) {
        try (XSSFWorkbook wb = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet(SHEET);
            CellStyle title = style(wb, true, 16, false, HorizontalAlignment.CENTER);
            CellStyle subtitle = style(wb, false, 10, false, HorizontalAlignment.CENTER);
            CellStyle label = style(wb, true, 10, false, HorizontalAlignment.LEFT);
            CellStyle value = style(wb, false, 10, false, HorizontalAlignment.LEFT);
            value.setBorderBottom(BorderStyle.THIN);
            CellStyle header = style(wb, true, 10, true, HorizontalAlignment.CENTER);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            CellStyle cell = style(wb, false, 10, true, HorizontalAlignment.LEFT);
            CellStyle centered = style(wb, false, 10, true, HorizontalAlignment.CENTER);
            int last = ChecklistForm.COLUMNS.size() - 1;

            int r = 0;
            merged(sheet, r++, 0, last, ChecklistForm.HEADING, title);
            merged(sheet, r++, 0, last, form.title() + "  " + form.versionLabel(), subtitle);
            r++;
            for (String[] field : form.headerFields()) {
                Row row = sheet.createRow(r);
                merged(sheet, r, 0, 1, field[0] + "：", label);
                merged(sheet, r, 2, last, field[1], value);
                row.setHeightInPoints(18);
                r++;
            }
            r++;
            int headerRow = r;
            Row head = sheet.createRow(r++);
            for (int c = 0; c <= last; c++) {
                text(head, c, ChecklistForm.COLUMNS.get(c), header);
            }
            for (ChecklistForm.Item item : form.items()) {
                int first = r;
                int points = Math.max(1, item.points().size());
                for (int i = 0; i < points; i++) {
                    Row row = sheet.createRow(r);
                    text(row, 0, i == 0 ? String.valueOf(item.number()) : "", centered);
                    String basis = item.basis() == null || item.basis().isBlank() ? "" : "\n" + item.basis();
                    text(row, 1, i == 0 ? item.title() + basis : "", cell);
                    if (i < item.points().size()) {
                        ChecklistForm.Point p = item.points().get(i);
                        String article = p.article() == null || p.article().isBlank() ? "" : "\n依据：" + p.article();
                        text(row, 2, "（" + (i + 1) + "）" + p.text() + article, cell);
                    } else {
                        text(row, 2, "", cell);
                    }
                    for (int c = 3; c < 3 + ChecklistForm.RESULTS.size(); c++) {
                        text(row, c, ChecklistForm.BOX, centered);
                    }
                    text(row, last, "", cell);
                    r++;
                }
                if (points > 1) {
                    sheet.addMergedRegion(new CellRangeAddress(first, r - 1, 0, 0));
                    sheet.addMergedRegion(new CellRangeAddress(first, r - 1, 1, 1));
                }
            }
            r++;
            for (String signature : ChecklistForm.SIGNATURES) {
                Row row = sheet.createRow(r);
                row.setHeightInPoints(24);
                merged(sheet, r, 0, 1, signature + "：", label);
                merged(sheet, r, 2, last, "", value);
                r++;
            }
            merged(
                    sheet,
                    r + 1,
                    0,
                    last,
                    "填表说明：每个检查要点在“是”“否”“不涉及”中勾选一项；勾选“否”的，在备注中写明问题、" + "证据编号及现场照片编号。检查结论以录入平台的检查记录为准。",
                    style(wb, false, 8, false, HorizontalAlignment.LEFT));

            for (int c = 0; c < WIDTHS.length; c++) {
                sheet.setColumnWidth(c, WIDTHS[c] * 256);
            }
            sheet.setRepeatingRows(new CellRangeAddress(headerRow, headerRow, 0, last));
            PrintSetup print = sheet.getPrintSetup();
            print.setPaperSize(PrintSetup.A4_PAPERSIZE);
            print.setLandscape(false);
            print.setFitWidth((short) 1);
            print.setFitHeight((short) 0);
            sheet.setFitToPage(true);
            sheet.setHorizontallyCenter(true);
            sheet.getFooter().setCenter(form.versionLabel() + "  第 &P 页 共 &N 页");
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the checklist workbook", e);
        }
    }

    private static void merged(Sheet sheet, int rowIndex, int from, int to, String text, CellStyle style) {
        Row row = sheet.getRow(rowIndex) == null ? sheet.createRow(rowIndex) : sheet.getRow(rowIndex);
        for (int c = from; c <= to; c++) {
            text(row, c, c == from ? text : "", style);
        }
        if (to > from) {
            sheet.addMergedRegion(new CellRangeAddress(rowIndex, rowIndex, from, to));
        }
    }

    private static void text(Row row, int column, String text, CellStyle style) {
        Cell c = row.createCell(column);
        c.setCellValue(text);
        c.setCellStyle(style);
    }

    private static CellStyle style(Workbook wb, boolean bold, int points, boolean bordered, HorizontalAlignment align) {
        return XlsxStyles.style(wb, XlsxStyles.SONG, bold, points, bordered, align);
    }
}
