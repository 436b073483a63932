package org.permitwatch.support.xlsx;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The cell style of every official form PermitWatch writes as XLSX (附件1, 附件2, 附件3, the liaison list): centred
 * vertically, wrapped, optionally bold and with thin borders all round, as printed forms are. POI is an optional
 * dependency of platform-support: only the services that export spreadsheets bring it.
 */
public final class XlsxStyles {

    /** The body font of Chinese government forms. */
    public static final String SONG = "宋体";

    private XlsxStyles() {}

    /** A style in the workbook's default font. */
    public static CellStyle style(
            Workbook workbook, boolean bold, int points, boolean bordered, HorizontalAlignment align) {
        return style(workbook, null, bold, points, bordered, align);
    }

    /** A style in {@code fontName} (null: the workbook's default). */
    public static CellStyle style(
            Workbook workbook, String fontName, boolean bold, int points, boolean bordered, HorizontalAlignment align) {
        Font font = workbook.createFont();
        font.setBold(bold);
        font.setFontHeightInPoints((short) points);
        if (fontName != null) {
            font.setFontName(fontName);
        }
        CellStyle style = workbook.createCellStyle();
        style.setFont(font);
        style.setAlignment(align);
        style.setVerticalAlignment(VerticalAlignment.CENTER);
        style.setWrapText(true);
        if (bordered) {
            style.setBorderTop(BorderStyle.THIN);
            style.setBorderBottom(BorderStyle.THIN);
            style.setBorderLeft(BorderStyle.THIN);
            style.setBorderRight(BorderStyle.THIN);
        }
        return style;
    }
}
