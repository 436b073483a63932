package org.permitwatch.reporting.dispatch;

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
 * The monthly dispatch (调度) as XLSX, laid out like the seed's forms and like the console's screen of it: title,
 * 填报单位 and 时间, a two-level header (区划 | 双随机任务 over 计划, 完成 | 检查（次） | 发现问题（个） | 立案（件） |
 * 罚款金额（万元） | 整改 over 责令整改, 完成整改, 逾期未整改 | 联络员报送 over 按时, 迟报, 未报), one row per division and 合计.
 * Liaison submissions are counted at city level only: below it the cells stay empty, as the JSON answers null.
 */
final class DispatchExports {

    static final String TITLE = "排污许可执法检查月度调度表";
    static final int HEADER_TOP = 3;
    static final int FIRST_DATA_ROW = 5;
    static final int COLUMNS = 13;

    /** Top header cells: label, first column, last column (a single column spans both header rows). */
    private record Group(String label, int first, int last) {}

    private static final List<Group> TOP = List.of(
            new Group("区划", 0, 0),
            new Group("双随机任务", 1, 2),
            new Group("检查（次）", 3, 3),
            new Group("发现问题（个）", 4, 4),
            new Group("立案（件）", 5, 5),
            new Group("罚款金额（万元）", 6, 6),
            new Group("整改", 7, 9),
            new Group("联络员报送", 10, 12));

    /** Second header row, by column, for the grouped columns. */
    static final List<String> SUB = List.of("", "计划", "完成", "", "", "", "", "责令整改", "完成整改", "逾期未整改", "按时", "迟报", "未报");

    private DispatchExports() {}

    static String fileName(DispatchReport r) {
        return "排污许可执法检查月度调度表-" + r.divisionCode() + "-" + r.period() + ".xlsx";
    }

    static byte[] xlsx(DispatchReport r) {
        SXSSFWorkbook wb = Exports.streamingWorkbook();
        Sheet sheet = wb.createSheet("月度调度");
        CellStyle title = Exports.style(wb, true, 16, false, HorizontalAlignment.CENTER);
        CellStyle meta = Exports.style(wb, false, 11, false, HorizontalAlignment.LEFT);
        CellStyle header = Exports.style(wb, true, 10, true, HorizontalAlignment.CENTER);
        CellStyle cell = Exports.style(wb, false, 10, true, HorizontalAlignment.CENTER);
        CellStyle money = Exports.style(wb, false, 10, true, HorizontalAlignment.RIGHT);
        money.setDataFormat(wb.createDataFormat().getFormat("0.0000"));

        text(sheet.createRow(0), 0, TITLE, title).getRow().setHeightInPoints(30);
        sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, COLUMNS - 1));
        text(sheet.createRow(1), 0, "填报单位：" + r.divisionName(), meta);
        sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, COLUMNS - 1));
        text(sheet.createRow(2), 0, "时间：" + r.from() + " 至 " + r.to(), meta);
        sheet.addMergedRegion(new CellRangeAddress(2, 2, 0, COLUMNS - 1));

        Row top = sheet.createRow(HEADER_TOP);
        Row sub = sheet.createRow(HEADER_TOP + 1);
        for (int c = 0; c < COLUMNS; c++) {
            text(top, c, "", header);
            text(sub, c, SUB.get(c), header);
        }
        for (Group g : TOP) {
            top.getCell(g.first()).setCellValue(g.label());
            if (g.first() == g.last()) {
                sheet.addMergedRegion(new CellRangeAddress(HEADER_TOP, HEADER_TOP + 1, g.first(), g.first()));
            } else {
                sheet.addMergedRegion(new CellRangeAddress(HEADER_TOP, HEADER_TOP, g.first(), g.last()));
            }
        }

        int n = FIRST_DATA_ROW;
        for (DispatchReport.Row row : r.rows()) {
            dataRow(sheet.createRow(n++), row.name(), row, cell, money);
        }
        dataRow(sheet.createRow(n), "合计", r.total(), cell, money);

        sheet.setColumnWidth(0, 14 * 256);
        for (int c = 1; c < COLUMNS; c++) {
            sheet.setColumnWidth(c, 10 * 256);
        }
        sheet.setColumnWidth(6, 14 * 256);
        return Exports.write(wb);
    }

    private static void dataRow(Row out, String name, DispatchReport.Row row, CellStyle cell, CellStyle money) {
        text(out, 0, name, cell);
        number(out, 1, row.tasksPlanned(), cell);
        number(out, 2, row.tasksDone(), cell);
        number(out, 3, row.inspections(), cell);
        number(out, 4, row.findings(), cell);
        number(out, 5, row.casesOpened(), cell);
        Cell fine = out.createCell(6);
        fine.setCellValue(row.fineWanYuan().doubleValue());
        fine.setCellStyle(money);
        number(out, 7, row.rectificationsOrdered(), cell);
        number(out, 8, row.rectificationsCompleted(), cell);
        number(out, 9, row.overdueRectifications(), cell);
        number(out, 10, row.submissionsOnTime(), cell);
        number(out, 11, row.submissionsLate(), cell);
        number(out, 12, row.submissionsMissing(), cell);
    }

    private static Cell text(Row row, int column, String value, CellStyle style) {
        Cell c = row.createCell(column);
        c.setCellValue(value == null ? "" : value);
        c.setCellStyle(style);
        return c;
    }

    /** A count; null (submissions below city level) stays an empty cell, not a 0 that would claim none were due. */
    private static void number(Row row, int column, Long value, CellStyle style) {
        Cell c = row.createCell(column);
        if (value != null) {
            c.setCellValue(value);
        }
        c.setCellStyle(style);
    }
}
