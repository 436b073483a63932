package org.permitwatch.reporting;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/** What reporting's integration tests all do: wait for the read models, read JSON reports, read XLSX cells. */
public final class ReportingItSupport {

    /** The processed_event consumer of the read models (ReadModelListener.CONSUMER). */
    private static final String CONSUMER = "reporting.read-models";

    private ReportingItSupport() {}

    /** Waits until the read models have applied {@code expected} events (each counted once, by ce_id). */
    public static void awaitApplied(DatabaseClient db, int expected) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> db.sql("SELECT count(*) AS n FROM processed_event WHERE consumer = :consumer")
                                .bind("consumer", CONSUMER)
                                .map(r -> r.get("n", Long.class))
                                .one()
                                .block()
                        == expected);
    }

    /** GET with a bearer token, expecting 200, the body as a map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> getJson(WebTestClient web, JsonMapper json, String uri, String token) {
        String body = web.get()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return json.readValue(body, Map.class);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    public static String text(Sheet sheet, int row, int col) {
        return sheet.getRow(row).getCell(col).getStringCellValue();
    }

    /** The 17 columns of an 附件1 sheet row as displayed. */
    public static List<String> rowText(Row row, DataFormatter fmt) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < 17; c++) {
            out.add(fmt.formatCellValue(row.getCell(c)));
        }
        return out;
    }
}
