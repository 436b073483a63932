package org.permitwatch.reporting.summary;

import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.permitwatch.reporting.catalog.Exports;
import org.permitwatch.reporting.catalog.ReportRequests;

/**
 * 附件1 as XLSX in the seed's layout — title, 填报单位 (with 填报日期 on the right of the same row), 时间, then a
 * two-level header (序号 | 区域 | 行业类别 | 违法问题类型 merged over the ten types | 罚款金额（万元） | 整改完成情况 |
 * 是否完成整改 | 备注, the single-level columns merged over both header rows), the rows, 合计, and a note row stating the
 * counting unit — and as CSV with one header line, the rows, 合计, then the note and the 填报单位/时间/填报日期 line.
 */
final class SummaryExports {

    static final String UNIT_LABEL = "填报单位：";
    static final String TIME_LABEL = "时间：";
    static final String FILL_DATE_LABEL = "填报日期：";
    static final String NOTE_LABEL = "注：";
    /** Columns the 填报日期 cell spans at the right end of row 2. */
    static final int FILL_DATE_COLUMNS = 4;

    static final String VIOLATION_GROUP = "违法问题类型";
    static final List<String> LEADING = List.of("序号", "区域", "行业类别");
    static final List<String> TRAILING = List.of("罚款金额（万元）", "整改完成情况", "是否完成整改", "备注");
    static final int HEADER_TOP = 3;
    static final int FIRST_DATA_ROW = 5;

    private SummaryExports() {}

    static int columnCount(SummaryTable t) {
        return LEADING.size() + t.violationTypes().size() + TRAILING.size();
    }

    static byte[] xlsx(SummaryTable t) {
        SXSSFWorkbook wb = Exports.streamingWorkbook();
        Sheet sheet = wb.createSheet("汇总表");
        CellStyle title = Exports.style(wb, true, 16, false, HorizontalAlignment.CENTER);
        CellStyle meta = Exports.style(wb, false, 11, false, HorizontalAlignment.LEFT);
        CellStyle header = Exports.style(wb, true, 10, true, HorizontalAlignment.CENTER);
        CellStyle cell = Exports.style(wb, false, 10, true, HorizontalAlignment.CENTER);
        CellStyle money = Exports.style(wb, false, 10, true, HorizontalAlignment.RIGHT);
        money.setDataFormat(wb.createDataFormat().getFormat("0.0000"));
        int columns = columnCount(t);
        int firstType = LEADING.size();
        int lastType = firstType + t.violationTypes().size() - 1;

        text(sheet.createRow(0), 0, t.title(), title).getRow().setHeightInPoints(30);
        sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, columns - 1));
        Row unit = sheet.createRow(1);
        text(unit, 0, UNIT_LABEL + t.divisionName(), meta);
        sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, columns - FILL_DATE_COLUMNS - 1));
        text(unit, columns - FILL_DATE_COLUMNS, FILL_DATE_LABEL + ReportRequests.chineseDate(t.fillDate()), meta);
        sheet.addMergedRegion(new CellRangeAddress(1, 1, columns - FILL_DATE_COLUMNS, columns - 1));
        text(sheet.createRow(2), 0, TIME_LABEL + t.period(), meta);
        sheet.addMergedRegion(new CellRangeAddress(2, 2, 0, columns - 1));

        Row top = sheet.createRow(HEADER_TOP);
        Row sub = sheet.createRow(HEADER_TOP + 1);
        sub.setHeightInPoints(90);
        for (int c = 0; c < columns; c++) {
            text(top, c, "", header);
            text(sub, c, "", header);
        }
        for (int i = 0; i < LEADING.size(); i++) {
            top.getCell(i).setCellValue(LEADING.get(i));
            sheet.addMergedRegion(new CellRangeAddress(HEADER_TOP, HEADER_TOP + 1, i, i));
        }
        top.getCell(firstType).setCellValue(VIOLATION_GROUP);
        sheet.addMergedRegion(new CellRangeAddress(HEADER_TOP, HEADER_TOP, firstType, lastType));
        for (int i = 0; i < t.violationTypes().size(); i++) {
            sub.getCell(firstType + i).setCellValue(t.violationTypes().get(i).label());
        }
        for (int i = 0; i < TRAILING.size(); i++) {
            int c = lastType + 1 + i;
            top.getCell(c).setCellValue(TRAILING.get(i));
            sheet.addMergedRegion(new CellRangeAddress(HEADER_TOP, HEADER_TOP + 1, c, c));
        }

        int r = FIRST_DATA_ROW;
        for (SummaryTable.Row row : t.rows()) {
            dataRow(sheet.createRow(r++), row, t, cell, money);
        }
        dataRow(sheet.createRow(r++), t.total(), t, cell, money);
        Row note = sheet.createRow(r);
        note.setHeightInPoints(45);
        text(note, 0, NOTE_LABEL + t.countingUnit(), meta);
        sheet.addMergedRegion(new CellRangeAddress(r, r, 0, columns - 1));

        sheet.setColumnWidth(0, 6 * 256);
        sheet.setColumnWidth(1, 12 * 256);
        sheet.setColumnWidth(2, 10 * 256);
        for (int c = firstType; c <= lastType; c++) {
            sheet.setColumnWidth(c, 6 * 256);
        }
        sheet.setColumnWidth(lastType + 1, 12 * 256);
        sheet.setColumnWidth(lastType + 2, 22 * 256);
        sheet.setColumnWidth(lastType + 3, 8 * 256);
        sheet.setColumnWidth(lastType + 4, 24 * 256);
        return Exports.write(wb);
    }

    private static void dataRow(Row out, SummaryTable.Row row, SummaryTable t, CellStyle cell, CellStyle money) {
        int c = 0;
        if (row.no() == null) {
            text(out, c++, "", cell);
        } else {
            number(out, c++, row.no(), cell);
        }
        text(out, c++, row.region(), cell);
        text(out, c++, row.industryLabel(), cell);
        for (SummaryTable.Column type : t.violationTypes()) {
            number(out, c++, row.violations().get(type.code()), cell);
        }
        Cell fine = out.createCell(c++);
        fine.setCellValue(row.fineWanYuan().doubleValue());
        fine.setCellStyle(money);
        text(out, c++, row.rectificationStatus(), cell);
        text(out, c++, row.rectificationComplete(), cell);
        text(out, c, row.remarks(), cell);
    }

    static byte[] csv(SummaryTable t) {
        List<List<String>> lines = new ArrayList<>();
        List<String> head = new ArrayList<>(LEADING);
        t.violationTypes().forEach(col -> head.add(col.label()));
        head.addAll(TRAILING);
        lines.add(head);
        for (SummaryTable.Row row : t.rows()) {
            lines.add(csvRow(row, t));
        }
        lines.add(csvRow(t.total(), t));
        lines.add(List.of(NOTE_LABEL + t.countingUnit()));
        lines.add(List.of(
                UNIT_LABEL + t.divisionName(),
                TIME_LABEL + t.period(),
                FILL_DATE_LABEL + ReportRequests.chineseDate(t.fillDate())));
        return Exports.csv(lines);
    }

    private static List<String> csvRow(SummaryTable.Row row, SummaryTable t) {
        List<String> out = new ArrayList<>();
        out.add(row.no() == null ? "" : row.no().toString());
        out.add(row.region());
        out.add(row.industryLabel());
        t.violationTypes()
                .forEach(col -> out.add(String.valueOf(row.violations().get(col.code()))));
        out.add(row.fineWanYuan().toPlainString());
        out.add(row.rectificationStatus());
        out.add(row.rectificationComplete());
        out.add(row.remarks());
        return out;
    }

    private static Cell text(Row row, int column, String value, CellStyle style) {
        Cell c = row.createCell(column);
        c.setCellValue(value == null ? "" : value);
        c.setCellStyle(style);
        return c;
    }

    private static void number(Row row, int column, long value, CellStyle style) {
        Cell c = row.createCell(column);
        c.setCellValue(value);
        c.setCellStyle(style);
    }
}
