package org.permitwatch.reporting.plan;

import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.permitwatch.reporting.catalog.Exports;

/**
 * 附件3 in the seed's layout: title, a two-level header (序号 | 行业类别 | 检查类别 | 检查方式 | 双随机信息 over 是否纳入双随机,
 * 检查比例, 检查频次 | 检查内容 over 检查内容(日常), 检查内容(专项) | 操作方法与要领 | 协同机构), then the seed's seven
 * industry rows and 其他 (序号 1–8); where an industry has several plan rows, its 序号 and 行业类别 cells are merged
 * over them.
 */
final class PlanExports {

    static final int HEADER_TOP = 2;
    static final int FIRST_DATA_ROW = 4;
    /** Columns of the lower header row; null where the upper cell spans both rows. */
    static final List<String> TOP =
            List.of("序号", "行业类别", "检查类别", "检查方式", "双随机信息", "", "", "检查内容", "", "操作方法与要领", "协同机构");

    static final List<String> SUB = List.of("", "", "", "", "是否纳入双随机", "检查比例", "检查频次", "检查内容(日常)", "检查内容(专项)", "", "");

    private PlanExports() {}

    static byte[] xlsx(PlanTable t) {
        SXSSFWorkbook wb = Exports.streamingWorkbook();
        Sheet sheet = wb.createSheet("检查计划");
        CellStyle title = Exports.style(wb, true, 16, false, HorizontalAlignment.CENTER);
        CellStyle meta = Exports.style(wb, false, 11, false, HorizontalAlignment.LEFT);
        CellStyle header = Exports.style(wb, true, 10, true, HorizontalAlignment.CENTER);
        CellStyle cell = Exports.style(wb, false, 10, true, HorizontalAlignment.CENTER);
        CellStyle text = Exports.style(wb, false, 10, true, HorizontalAlignment.LEFT);
        int columns = TOP.size();

        put(sheet.createRow(0), 0, t.title(), title);
        sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, columns - 1));
        put(sheet.createRow(1), 0, "填报单位：" + t.cityName() + "　　年度：" + t.year(), meta);
        sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, columns - 1));
        Row top = sheet.createRow(HEADER_TOP);
        Row sub = sheet.createRow(HEADER_TOP + 1);
        for (int c = 0; c < columns; c++) {
            put(top, c, TOP.get(c), header);
            put(sub, c, SUB.get(c), header);
            if (SUB.get(c).isEmpty() && !TOP.get(c).isEmpty()) {
                sheet.addMergedRegion(new CellRangeAddress(HEADER_TOP, HEADER_TOP + 1, c, c));
            }
        }
        sheet.addMergedRegion(new CellRangeAddress(HEADER_TOP, HEADER_TOP, 4, 6));
        sheet.addMergedRegion(new CellRangeAddress(HEADER_TOP, HEADER_TOP, 7, 8));

        int r = FIRST_DATA_ROW;
        int groupStart = r;
        for (int i = 0; i < t.rows().size(); i++) {
            PlanTable.Row row = t.rows().get(i);
            Row out = sheet.createRow(r++);
            Cell no = out.createCell(0);
            no.setCellValue(row.no());
            no.setCellStyle(cell);
            put(out, 1, row.industryLabel(), cell);
            put(out, 2, row.category(), cell);
            put(out, 3, row.method(), cell);
            put(out, 4, row.doubleRandom(), cell);
            put(out, 5, row.ratio(), cell);
            put(out, 6, row.frequency(), cell);
            put(out, 7, row.contentDaily(), text);
            put(out, 8, row.contentSpecial(), text);
            put(out, 9, row.operatingMethod(), text);
            put(out, 10, row.cooperatingAgencies(), text);
            boolean lastOfIndustry =
                    i + 1 == t.rows().size() || t.rows().get(i + 1).no() != row.no();
            if (lastOfIndustry) {
                if (r - 1 > groupStart) {
                    sheet.addMergedRegion(new CellRangeAddress(groupStart, r - 1, 0, 0));
                    sheet.addMergedRegion(new CellRangeAddress(groupStart, r - 1, 1, 1));
                }
                groupStart = r;
            }
        }
        int[] widths = {6, 10, 14, 10, 10, 10, 10, 30, 30, 36, 20};
        for (int c = 0; c < widths.length; c++) {
            sheet.setColumnWidth(c, widths[c] * 256);
        }
        return Exports.write(wb);
    }

    private static void put(Row row, int column, String value, CellStyle style) {
        Cell c = row.createCell(column);
        c.setCellValue(value == null ? "" : value);
        c.setCellStyle(style);
    }
}
