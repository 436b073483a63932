package org.permitwatch.monitoring.point;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.problem.ProblemCodes;

/**
 * The provincial platform's sheet of monitoring points (XLSX or CSV) read into rows of text, by column name. Blocking
 * (POI, decoding): call it on a worker thread. Only reads; {@link PointImporter} judges the values.
 *
 * <p>Columns are found by their header in the first row, case-, width- and space-insensitively (NFKC, so that ＭＮ and
 * MN are one name; a trailing * or (必填) is ignored); other columns are ignored. Row numbers are the sheet's own (the
 * header is row 1), so that {@code rows[7]} is the row a clerk sees as 7 in the spreadsheet.
 */
final class PointSheet {

    /** A column the import reads and the header names a provincial export gives it. */
    enum Column {
        MN("mn", "数采仪MN号", "数采仪MN", "MN号", "MN", "设备MN号", "设备唯一标识", "数采仪编号"),
        PASSWORD("password", "密码", "访问密码", "数采仪密码", "PW"),
        PERMIT_NO("permitNo", "排污许可证编号", "排污许可证号", "许可证编号", "许可证号"),
        OUTLET_CODE("outletCode", "排放口编号", "排口编号", "排放口代码"),
        POLLUTANTS("pollutants", "监测因子", "监测因子编码", "监测项目", "污染物编码");

        final String field;
        final List<String> headers;

        Column(String field, String... headers) {
            this.field = field;
            this.headers = Arrays.stream(headers).map(PointSheet::headerKey).toList();
        }
    }

    /** One data row: the sheet's row number and the text of each column (blank cells as ""). */
    record SheetRow(int number, Map<Column, String> values) {
        String get(Column column) {
            return values.getOrDefault(column, "");
        }
    }

    /** Rows after the header at most; a province's whole register is some thousands, one city's some hundreds. */
    static final int MAX_ROWS = 2000;

    private static final Pattern MARKS = Pattern.compile("\\s|\\*|\\(必填\\)|\\(选填\\)");

    static {
        // An XLSX is a zip: refuse bombs before POI inflates them. A 2,000-row sheet's XML is a few MB; an entry above
        // 32 MB or compressed more than 100:1 (ratio 0.01, POI's default, kept explicit) is not a sheet of points.
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(32L * 1024 * 1024);
        ZipSecureFile.setMaxTextSize(16L * 1024 * 1024);
    }

    private PointSheet() {}

    /** Reads the file: XLSX when it is a zip (PK), CSV (UTF-8, or GB18030 as Excel saves it on Chinese Windows). */
    static List<SheetRow> read(byte[] content) {
        List<List<String>> cells = isZip(content) ? xlsx(content) : csv(decode(content));
        if (cells.isEmpty()) {
            throw fileProblem("the file has no header row");
        }
        Map<Column, Integer> positions = positions(cells.get(0));
        List<SheetRow> rows = new ArrayList<>();
        for (int i = 1; i < cells.size(); i++) {
            List<String> line = cells.get(i);
            if (line.stream().allMatch(String::isBlank)) {
                continue; // blank lines between blocks are common in hand-edited sheets
            }
            if (rows.size() == MAX_ROWS) {
                throw fileProblem("more than " + MAX_ROWS + " rows: split the file");
            }
            Map<Column, String> values = new EnumMap<>(Column.class);
            positions.forEach((column, at) -> values.put(column, at < line.size() ? clean(line.get(at)) : ""));
            rows.add(new SheetRow(i + 1, values));
        }
        if (rows.isEmpty()) {
            throw fileProblem("the file has a header but no rows");
        }
        return rows;
    }

    private static Map<Column, Integer> positions(List<String> header) {
        Map<Column, Integer> positions = new EnumMap<>(Column.class);
        for (int i = 0; i < header.size(); i++) {
            String key = headerKey(header.get(i));
            for (Column column : Column.values()) {
                if (column.headers.contains(key) && !positions.containsKey(column)) {
                    positions.put(column, i);
                }
            }
        }
        List<FieldProblem> missing = Arrays.stream(Column.values())
                .filter(c -> !positions.containsKey(c))
                .map(c -> FieldProblem.of("file", "no column " + String.join(" / ", headerNames(c))))
                .toList();
        if (!missing.isEmpty()) {
            throw ApiException.badRequest(
                    ProblemCodes.VALIDATION_FAILED, "the sheet lacks required columns; nothing was imported", missing);
        }
        return positions;
    }

    private static List<String> headerNames(Column column) {
        return switch (column) {
            case MN -> List.of("数采仪MN号", "MN号");
            case PASSWORD -> List.of("密码", "访问密码");
            case PERMIT_NO -> List.of("排污许可证编号");
            case OUTLET_CODE -> List.of("排放口编号");
            case POLLUTANTS -> List.of("监测因子");
        };
    }

    static String headerKey(String header) {
        String folded = Normalizer.normalize(header == null ? "" : header, Normalizer.Form.NFKC)
                .toLowerCase(java.util.Locale.ROOT);
        return MARKS.matcher(folded).replaceAll("");
    }

    /** Trims ordinary, no-break and ideographic spaces, which copied cells often carry. */
    private static String clean(String value) {
        return value == null
                ? ""
                : value.replace('\u00A0', ' ').replace('\u3000', ' ').strip();
    }

    static ApiException fileProblem(String message) {
        return ApiException.badRequest(
                ProblemCodes.VALIDATION_FAILED,
                "the file cannot be imported: " + message,
                List.of(FieldProblem.of("file", message)));
    }

    private static boolean isZip(byte[] content) {
        return content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
    }

    // ---- XLSX ----

    private static List<List<String>> xlsx(byte[] content) {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            if (book.getNumberOfSheets() == 0) {
                return List.of();
            }
            Sheet sheet = book.getSheetAt(0);
            if (sheet.getLastRowNum() > MAX_ROWS + 100) {
                throw fileProblem("more than " + MAX_ROWS + " rows: split the file");
            }
            List<List<String>> rows = new ArrayList<>();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> line = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < Math.min(row.getLastCellNum(), 100); c++) {
                        line.add(text(row.getCell(c)));
                    }
                }
                rows.add(line);
            }
            return rows;
        } catch (ApiException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // POI reports zip bombs, damaged zips and non-workbooks as IOException or runtime exceptions alike.
            throw fileProblem("not a readable XLSX workbook (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * A cell's text. Numbers are written out in full: an MN of 14 digits typed into Excel becomes a number, which
     * POI's formatter would show as 8.88888E+13.
     */
    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getStringCellValue();
            case NUMERIC ->
                new BigDecimal(Double.toString(cell.getNumericCellValue()))
                        .stripTrailingZeros()
                        .toPlainString();
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
            default -> "";
        };
    }

    // ---- CSV ----

    private static String decode(byte[] content) {
        int bom = content.length >= 3
                        && (content[0] & 0xFF) == 0xEF
                        && (content[1] & 0xFF) == 0xBB
                        && (content[2] & 0xFF) == 0xBF
                ? 3
                : 0;
        ByteBuffer bytes = ByteBuffer.wrap(content, bom, content.length - bom);
        return strict(StandardCharsets.UTF_8, bytes)
                .or(() -> strict(Charset.forName("GB18030"), bytes.rewind().position(bom)))
                .orElseThrow(() -> fileProblem("neither UTF-8 nor GB18030 text"));
    }

    private static Optional<String> strict(Charset charset, ByteBuffer bytes) {
        try {
            return Optional.of(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes.duplicate())
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** RFC 4180: fields separated by commas, quoted with " (doubled inside), records ending in CRLF or LF. */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                if (rows.size() > MAX_ROWS + 100) {
                    throw fileProblem("more than " + MAX_ROWS + " rows: split the file");
                }
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
