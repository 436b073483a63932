package org.permitwatch.monitoring.point;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.permitwatch.monitoring.MonitoringIntegrationTest;
import org.permitwatch.monitoring.MonitoringTestData;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provincial platform's sheet of points through the real endpoint: XLSX and CSV files built here, the directory on
 * the real changelog topic, the points in the real database.
 *
 * <p>Directory: IMP-A (小店 140105; outlets DA001, DA002), IMP-B (迎泽 140106; DA001), IMP-DT (大同 140200; DA001).
 * The caller is 太原 city staff (140100): IMP-DT is outside its division.
 */
@MonitoringIntegrationTest
class PointImportIT {

    private static final List<String> HEADER = List.of("序号", "企业名称", "数采仪 MN号", "访问密码", "排污许可证编号", "排放口编号", "监测因子");

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @BeforeAll
    static void directory(
            @Autowired KafkaTemplate<String, String> kafka,
            @Autowired JsonMapper json,
            @Autowired DatabaseClient db,
            @Autowired WebTestClient web) {
        MonitoringTestData.publish(
                kafka,
                json,
                db,
                MonitoringTestData.unit(
                        "IMP-A",
                        "140105",
                        "KEY",
                        "VALID",
                        MonitoringTestData.outlet("DA001", "主要排放口", "a21026", "a21002"),
                        MonitoringTestData.outlet("DA002", "主要排放口", "a34013")),
                MonitoringTestData.unit(
                        "IMP-B", "140106", "KEY", "VALID", MonitoringTestData.outlet("DA001", "主要排放口", "a21026")),
                MonitoringTestData.unit(
                        "IMP-DT", "140212", "KEY", "VALID", MonitoringTestData.outlet("DA001", "主要排放口", "a21026")));
        // A point registered by hand before any import: an import must not move it.
        MonitoringTestData.register(web, "IMPHAND1", "h1", "IMP-B", "DA001", "a21026");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anXlsxIsPreviewedThenStoredAndReimportingItChangesNothing() throws IOException {
        // Row 2: a 14-digit MN typed as a number (Excel does that); row 3 blank (skipped); row 4: codes with ，and
        // spaces, an outlet the permit lacks (accepted, outletOnPermit=false, as on registration).
        byte[] xlsx = xlsx(
                List.<List<?>>of(
                        HEADER, List.of("1", "单位 IMP-A", 88888880000001d, "pw1", "IMP-A", "DA001", "a21026、a21002")),
                List.<List<?>>of(
                        List.of(), List.of("2", "单位 IMP-A", "IMPX0002", "pw2", " IMP-A ", "DA009", "a34013， a21026")));

        Map<String, Object> preview = upload(xlsx, "点位.xlsx", true, "CITY", "140100")
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(preview)
                .containsEntry("dryRun", true)
                .containsEntry("rows", 2)
                .containsEntry("created", 2);
        List<Map<String, Object>> lines = (List<Map<String, Object>>) preview.get("preview");
        assertThat(lines).extracting(l -> l.get("row")).containsExactly(2, 4);
        assertThat(lines.get(0))
                .containsEntry("mn", "88888880000001")
                .containsEntry("pollutants", List.of("a21026", "a21002"))
                .containsEntry("unitName", "单位 IMP-A")
                .containsEntry("outletOnPermit", true)
                .containsEntry("action", "CREATE");
        assertThat(lines.get(1))
                .containsEntry("permitNo", "IMP-A")
                .containsEntry("pollutants", List.of("a34013", "a21026"))
                .containsEntry("outletOnPermit", false);
        assertThat(points("'88888880000001','IMPX0002'")).isZero(); // a dry run stores nothing
        assertThat(audits()).isZero();

        Map<String, Object> stored = upload(xlsx, "点位.xlsx", false, "CITY", "140100")
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(stored).containsEntry("dryRun", false).containsEntry("created", 2);
        assertThat(points("'88888880000001','IMPX0002'")).isEqualTo(2);
        assertThat(db.sql("SELECT division_code || '/' || source FROM monitoring_point WHERE mn = 'IMPX0002'")
                        .map(r -> r.get(0, String.class))
                        .one()
                        .block())
                .isEqualTo("140105/IMPORT");
        assertThat(audits()).isEqualTo(1);
        // the point is listed as any registered one, visible to the county it is in
        web.get()
                .uri("/api/v1/monitoring/points/88888880000001")
                .header("Authorization", TestJwts.bearer("COUNTY", "140105"))
                .exchange()
                .expectStatus()
                .isOk();

        Map<String, Object> again = upload(xlsx, "点位.xlsx", false, "CITY", "140100")
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(again)
                .containsEntry("created", 0)
                .containsEntry("updated", 0)
                .containsEntry("unchanged", 2);
        assertThat(points("'88888880000001','IMPX0002'")).isEqualTo(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCsvWithBadRowsStoresNothingAndNamesEveryRowAndColumn() {
        String csv = String.join(
                "\r\n",
                "MN号,密码,排污许可证编号,排放口编号,监测因子",
                "IMPC0001,c1,IMP-A,DA002,a34013", // 2: good on its own
                "IMPC0001,c1,IMP-A,DA001,a21026", // 3: MN again (row 2)
                "IMPC0003,c3,IMP-DT,DA001,a21026", // 4: permit of 大同, outside 太原
                "IMPC0004,c4,IMP-A,DA001,\"a21026,011\"", // 5: 011 is an HJ 212-2005 code
                "IMPHAND1,h1,IMP-A,DA001,a21026", // 6: registered to IMP-B/DA001
                "IMPC0006,,IMP-A,DA001,a21026", // 7: no password
                "IMPC 07,c7,NOPE,DA001,a21026"); // 8: MN with a space, unknown permit not reached (row invalid)
        Map<String, Object> problem = upload(
                        csv.getBytes(StandardCharsets.UTF_8), "points.csv", false, "CITY", "140100")
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.get("errors");
        assertThat(errors)
                .extracting(e -> e.get("field"))
                .containsExactlyInAnyOrder(
                        "rows[3].mn",
                        "rows[4].permitNo",
                        "rows[5].pollutants",
                        "rows[6].mn",
                        "rows[7].password",
                        "rows[8].mn");
        assertThat((String) problem.get("detail")).contains("6 problem(s)").contains("nothing was imported");
        // all or nothing: row 2 was good, yet it is not stored; the hand-registered point did not move
        assertThat(points("'IMPC0001'")).isZero();
        assertThat(db.sql("SELECT permit_no FROM monitoring_point WHERE mn = 'IMPHAND1'")
                        .map(r -> r.get(0, String.class))
                        .one()
                        .block())
                .isEqualTo("IMP-B");
    }

    @Test
    void aGbkCsvOfExcelIsReadAndAChangedPasswordIsAnUpdate() {
        // Excel on Chinese Windows saves CSV in GBK/GB18030; headers here in full width and with a required mark.
        String csv = "ＭＮ号,访问密码*,排污许可证编号,排放口编号,监测因子\nIMPG0001,g1,IMP-A,DA002,a34013\n";
        upload(csv.getBytes(Charset.forName("GB18030")), "gbk.csv", false, "PROVINCE", "140000")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.created")
                .isEqualTo(1);
        String changed = "ＭＮ号,访问密码*,排污许可证编号,排放口编号,监测因子\nIMPG0001,g2,IMP-A,DA002,a34013\n";
        upload(changed.getBytes(Charset.forName("GB18030")), "gbk.csv", false, "PROVINCE", "140000")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.updated")
                .isEqualTo(1);
        assertThat(db.sql("SELECT password FROM monitoring_point WHERE mn = 'IMPG0001'")
                        .map(r -> r.get(0, String.class))
                        .one()
                        .block())
                .isEqualTo("g2");
    }

    @Test
    void aZipBombAMissingColumnAndACountyCallerAreRefused() throws IOException {
        // 20 MB of one byte deflates to some 20 kB: a ratio far below POI's 0.01 floor.
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(new byte[20 * 1024 * 1024]);
            zip.closeEntry();
        }
        upload(bomb.toByteArray(), "bomb.xlsx", true, "CITY", "140100")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("file");

        upload(
                        "MN号,密码,排放口编号,监测因子\nX1,p,DA001,a21026\n".getBytes(StandardCharsets.UTF_8),
                        "a.csv",
                        true,
                        "CITY",
                        "140100")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("file")
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).contains("排污许可证编号"));

        upload(
                        "MN号,密码,排污许可证编号,排放口编号,监测因子\nX1,p,IMP-A,DA001,a21026\n".getBytes(StandardCharsets.UTF_8),
                        "a.csv",
                        true,
                        "COUNTY",
                        "140105")
                .expectStatus()
                .isForbidden();
    }

    private WebTestClient.ResponseSpec upload(byte[] content, String name, boolean dryRun, String role, String div) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        });
        return web.post()
                .uri("/api/v1/monitoring/points/import?dryRun=" + dryRun)
                .header("Authorization", TestJwts.bearer(role, div))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build()))
                .exchange();
    }

    private long points(String mns) {
        return db.sql("SELECT count(*) FROM monitoring_point WHERE mn IN (" + mns + ")")
                .map(r -> r.get(0, Long.class))
                .one()
                .block();
    }

    private long audits() {
        return db.sql("SELECT count(*) FROM audit_log WHERE action = 'monitoring.points.imported'"
                        + " AND details->>'file' = '点位.xlsx'")
                .map(r -> r.get(0, Long.class))
                .one()
                .block();
    }

    /** An XLSX of the given rows (blocks of rows, one after the other); a Double is written as a numeric cell. */
    @SafeVarargs
    private static byte[] xlsx(List<List<?>>... blocks) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = book.createSheet("监控点位");
            int r = 0;
            for (List<List<?>> block : blocks) {
                for (List<?> values : block) {
                    XSSFRow row = sheet.createRow(r++);
                    for (int c = 0; c < values.size(); c++) {
                        Object v = values.get(c);
                        if (v instanceof Double d) {
                            row.createCell(c).setCellValue(d);
                        } else {
                            row.createCell(c).setCellValue((String) v);
                        }
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        }
    }
}
