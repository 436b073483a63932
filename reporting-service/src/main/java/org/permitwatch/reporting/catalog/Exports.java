package org.permitwatch.reporting.catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.xlsx.XlsxStyles;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Output formats of the tables: JSON, XLSX (POI, streaming) and CSV (UTF-8 with BOM, so Excel reads the Chinese). */
public final class Exports {

    public static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    public static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    public enum Format {
        JSON,
        XLSX,
        CSV
    }

    private Exports() {}

    /** {@code ?format=} wins; otherwise the Accept header; JSON by default. */
    public static Format format(String param, List<MediaType> accept, boolean csvAllowed) {
        if (param != null && !param.isBlank()) {
            String p = param.toLowerCase(Locale.ROOT);
            return switch (p) {
                case "json" -> Format.JSON;
                case "xlsx" -> Format.XLSX;
                case "csv" -> {
                    if (!csvAllowed) {
                        throw ApiException.invalidField("format", "must be json or xlsx", param);
                    }
                    yield Format.CSV;
                }
                default ->
                    throw ApiException.invalidField(
                            "format", csvAllowed ? "must be json, xlsx or csv" : "must be json or xlsx", param);
            };
        }
        for (MediaType m : accept) {
            if (XLSX.isCompatibleWith(m) && !m.isWildcardType()) {
                return Format.XLSX;
            }
            if (csvAllowed && MediaType.parseMediaType("text/csv").isCompatibleWith(m) && !m.isWildcardType()) {
                return Format.CSV;
            }
        }
        return Format.JSON;
    }

    public static ResponseEntity<byte[]> attachment(byte[] body, MediaType type, String filename) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(body);
    }

    /** A new streaming workbook that keeps only a window of rows in memory. */
    public static SXSSFWorkbook streamingWorkbook() {
        SXSSFWorkbook wb = new SXSSFWorkbook(200);
        wb.setCompressTempFiles(true);
        return wb;
    }

    public static byte[] write(SXSSFWorkbook workbook) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the workbook", e);
        } finally {
            workbook.dispose();
            try {
                workbook.close();
            } catch (IOException ignored) {
                // the bytes are written; only temp files remain to clean, which dispose() did
            }
        }
    }

    public static CellStyle style(
            Workbook workbook, boolean bold, int points, boolean bordered, HorizontalAlignment align) {
        return XlsxStyles.style(workbook, bold, points, bordered, align);
    }

    /** UTF-8 CSV with BOM; every field quoted when it holds a comma, quote or line break. */
    public static byte[] csv(List<List<String>> lines) {
        StringBuilder sb = new StringBuilder();
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(csvField(line.get(i)));
            }
            sb.append("\r\n");
        }
        byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, out, 0, BOM.length);
        System.arraycopy(text, 0, out, BOM.length, text.length);
        return out;
    }

    private static String csvField(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
