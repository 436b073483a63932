package org.permitwatch.inspection.cases;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.permitwatch.support.xlsx.XlsxStyles;

/**
 * The case file's table of a monitoring alert's frozen evidence (在线监测数据证据表), as XLSX and as CSV from one model:
 * a header block (case, unit, point, outlet, pollutant, rule, standard, limit, the copy's SHA-256), then one row per
 * value of the series with its flag, validity and whether it exceeds the limit, then a note on how that was judged.
 * Times in the bureau zone, as a bureau files them. Blocking (POI): callers run it off the event loop.
 */
final class MonitoringEvidenceExport {

    static final String TITLE = "在线监测数据证据表";
    static final List<String> HEADERS =
            List.of("序号", "时段起（北京时间）", "数据类型", "监测值", "折算值", "单位", "数据标记", "有效性", "排放限值", "是否超标");
    static final String NOTE = "注：有效性按 HJ 75-2017、HJ 76-2017（废气）或 HJ 355-2019、HJ 356-2019（废水）由自动监控系统判定，"
            + "标记 F/M/C/D/T/B 等的数据为无效数据；是否超标以有效数据的折算值（无折算时为监测值）与排放限值比较，无效数据不作判断。"
            + "本表数据取自立案时冻结的告警证据副本，SHA-256 可核验其未被改动。";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** HJ 212-2017 codes of DOMAIN.md §3 with their names; another code is shown as it is. */
    private static final Map<String, String> POLLUTANTS = Map.of(
            "a21026", "二氧化硫",
            "a21002", "氮氧化物",
            "a34013", "颗粒物",
            "a24088", "非甲烷总烃",
            "w01018", "化学需氧量",
            "w21003", "氨氮",
            "w21011", "总磷",
            "w21001", "总氮",
            "w01001", "pH值");

    private static final Map<String, String> RULES = Map.of(
            "HOURLY_EXCEEDANCE", "小时均值超标",
            "DAILY_EXCEEDANCE", "日均值超标",
            "CONSTANT_VALUE", "数据恒值",
            "ZERO_OR_NEGATIVE", "零值或负值",
            "DATA_MISSING", "数据缺失",
            "FLAG_MISUSE", "标记滥用",
            "ANNUAL_TONNAGE_AHEAD", "年排放量预警",
            "UNKNOWN_OUTLET", "非许可排放口数据");

    private static final Map<String, String> PERIODS = Map.of("MINUTE", "分钟值", "HOUR", "小时均值", "DAY", "日均值");

    private MonitoringEvidenceExport() {}

    /** {@code 在线监测数据证据_<案件编号>_<排放口>_<污染物>.<ext>}. */
    static String fileName(MonitoringEvidence.Frozen f, String extension) {
        FrozenSeries s = f.series();
        return "在线监测数据证据_" + f.caseNo() + "_" + nz(s.outletCode(), "排放口") + "_"
                + pollutant(s.pollutantCode()).replace("（", "").replace("）", "") + "." + extension;
    }

    /** The header block as label/value pairs, in filing order. */
    static List<List<String>> header(MonitoringEvidence.Frozen f, ZoneId zone) {
        FrozenSeries s = f.series();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("案件编号", f.caseNo(), "排污单位", nz(f.unitName(), "")));
        rows.add(List.of("排污许可证编号", f.permitNumber(), "监测点位（MN）", nz(s.mn(), "")));
        rows.add(List.of("排放口", nz(s.outletCode(), ""), "污染物", pollutant(s.pollutantCode())));
        rows.add(List.of("告警规则", rule(s.rule()), "执行标准", nz(s.standard(), "")));
        rows.add(List.of(
                "排放限值",
                number(s.limit()) + " " + nz(s.unit(), ""),
                "告警期间最高有效值",
                number(s.worstValue()) + " " + nz(s.unit(), "")));
        rows.add(List.of(
                "告警时段",
                time(s.periodStart(), zone) + " 至 " + time(s.periodEnd(), zone),
                "规则参数版本",
                nz(s.parametersVersion(), "")));
        rows.add(List.of("证据冻结时间", time(f.frozenAt(), zone), "SHA-256", f.sha256()));
        return rows;
    }

    /** One row per value of the series, in {@link #HEADERS} order. */
    static List<List<String>> rows(FrozenSeries s, ZoneId zone) {
        List<List<String>> rows = new ArrayList<>();
        int no = 1;
        for (FrozenSeries.Point p : s.series()) {
            Boolean exceeds = p.exceeds(s.limit());
            rows.add(List.of(
                    String.valueOf(no++),
                    time(p.time(), zone),
                    PERIODS.getOrDefault(p.period(), nz(p.period(), "")),
                    number(p.value()),
                    number(p.corrected()),
                    nz(s.unit(), ""),
                    nz(p.flag(), ""),
                    p.valid() ? "有效" : "无效",
                    number(s.limit()),
                    exceeds == null ? "—" : exceeds ? "是" : "否"));
        }
        return rows;
    }

    static byte[] xlsx(MonitoringEvidence.Frozen f, ZoneId zone) {
        try (XSSFWorkbook wb = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet(TITLE);
            int width = HEADERS.size();
            CellStyle title = XlsxStyles.style(wb, XlsxStyles.SONG, true, 16, false, HorizontalAlignment.CENTER);
            CellStyle label = XlsxStyles.style(wb, XlsxStyles.SONG, true, 11, true, HorizontalAlignment.CENTER);
            CellStyle cell = XlsxStyles.style(wb, XlsxStyles.SONG, false, 11, true, HorizontalAlignment.CENTER);
            CellStyle left = XlsxStyles.style(wb, XlsxStyles.SONG, false, 11, true, HorizontalAlignment.LEFT);
            CellStyle note = XlsxStyles.style(wb, XlsxStyles.SONG, false, 10, false, HorizontalAlignment.LEFT);
            int r = 0;
            merged(sheet, r++, 0, width - 1, TITLE, title);
            // header block: label (2 columns) | value (3 columns) | label (2 columns) | value (3 columns)
            for (List<String> h : header(f, zone)) {
                Row row = sheet.createRow(r);
                merged(sheet, row, 0, 1, h.get(0), label);
                merged(sheet, row, 2, 4, h.get(1), left);
                merged(sheet, row, 5, 6, h.get(2), label);
                merged(sheet, row, 7, 9, h.get(3), left);
                r++;
            }
            Row head = sheet.createRow(r++);
            for (int c = 0; c < width; c++) {
                text(head, c, HEADERS.get(c), label);
            }
            for (List<String> values : rows(f.series(), zone)) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < width; c++) {
                    String v = values.get(c);
                    // numbers as numbers, so the officer can chart or sum them in Excel
                    if ((c == 0 || c == 3 || c == 4 || c == 8) && !v.isEmpty()) {
                        row.createCell(c).setCellValue(Double.parseDouble(v));
                        row.getCell(c).setCellStyle(cell);
                    } else {
                        text(row, c, v, cell);
                    }
                }
            }
            Row noteRow = sheet.createRow(r);
            noteRow.setHeightInPoints(48);
            merged(sheet, noteRow, 0, width - 1, NOTE, note);
            int[] widths = {6, 18, 10, 10, 10, 8, 9, 8, 10, 9};
            for (int c = 0; c < width; c++) {
                sheet.setColumnWidth(c, widths[c] * 256 + 512);
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the evidence workbook", e);
        }
    }

    /** UTF-8 with BOM (Excel reads the Chinese), CRLF: the header block, a blank line, the table, the note. */
    static byte[] csv(MonitoringEvidence.Frozen f, ZoneId zone) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of(TITLE));
        lines.addAll(header(f, zone));
        lines.add(List.of());
        lines.add(HEADERS);
        lines.addAll(rows(f.series(), zone));
        lines.add(List.of(NOTE));
        StringBuilder sb = new StringBuilder("\uFEFF");
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(quoted(line.get(i)));
            }
            sb.append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String pollutant(String code) {
        if (code == null) {
            return "—";
        }
        String name = POLLUTANTS.get(code);
        return name == null ? code : name + "（" + code + "）";
    }

    static String rule(String rule) {
        String name = RULES.get(rule);
        return name == null ? nz(rule, "") : name + "（" + rule + "）";
    }

    /** Plain decimal, no exponent, no trailing zeros: 52.3, not 52.300000001 or 5.23E1. */
    static String number(Double value) {
        if (value == null) {
            return "";
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    private static String time(java.time.OffsetDateTime t, ZoneId zone) {
        return t == null ? "" : t.atZoneSameInstant(zone).format(TIME);
    }

    private static String nz(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }

    private static String quoted(String v) {
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private static void merged(Sheet sheet, int rowIndex, int from, int to, String text, CellStyle style) {
        merged(sheet, sheet.createRow(rowIndex), from, to, text, style);
    }

    private static void merged(Sheet sheet, Row row, int from, int to, String text, CellStyle style) {
        for (int c = from; c <= to; c++) {
            row.createCell(c).setCellStyle(style);
        }
        row.getCell(from).setCellValue(text);
        if (to > from) {
            sheet.addMergedRegion(new CellRangeAddress(row.getRowNum(), row.getRowNum(), from, to));
        }
    }

    private static void text(Row row, int column, String text, CellStyle style) {
        row.createCell(column).setCellValue(text);
        row.getCell(column).setCellStyle(style);
    }
}
