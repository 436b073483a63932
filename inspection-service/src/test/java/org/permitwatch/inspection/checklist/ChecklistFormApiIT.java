package org.permitwatch.inspection.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.permitwatch.inspection.InspectionIntegrationTest;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The printable 附件2 over HTTP: every item and sub-point of the shipped checklist (read from the seed file itself, not
 * through the service), pre-filling for a task, scope, and problem answers.
 */
@InspectionIntegrationTest
class ChecklistFormApiIT {

    private static final String CITY = "140100";
    private static final String COUNTY = "140105";
    private static final String OTHER_COUNTY = "140202";
    private static final String TAIYUAN = TestJwts.token("CITY", CITY);
    private static final String DATONG = TestJwts.token("CITY", "140200");
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** The shipped checklist, installed by the seeder as at start-up (see {@link ChecklistSeedFixture}). */
    @BeforeAll
    static void shippedChecklist(@Autowired ApplicationContext context) {
        ChecklistSeedFixture.install(context);
    }

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    private UUID seededVersion() {
        return db.sql("SELECT id FROM checklist_version WHERE code = 'PWXK-QD-140000' AND version = 1")
                .map(r -> r.get("id", UUID.class))
                .one()
                .block();
    }

    private WebTestClient.ResponseSpec get(String token, String uri) {
        return web.get()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange();
    }

    private byte[] bytes(String token, String uri, String contentType) {
        return get(token, uri)
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(contentType)
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
    }

    /** Item title and sub-point texts of the seed file for an industry: its own list, the general one where it has none. */
    private static List<List<String>> seedRows(String industry) throws Exception {
        JsonNode seed = JsonMapper.builder()
                .build()
                .readTree(ChecklistFormApiIT.class.getResourceAsStream("/checklist/province-v1.json"));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode item : seed.get("items")) {
            JsonNode points = industry != null && item.get("industries").has(industry)
                    ? item.get("industries").get(industry)
                    : item.get("general");
            List<String> row = new ArrayList<>();
            row.add(item.get("title").asString());
            for (JsonNode p : points) {
                row.add(p.isString() ? p.asString() : p.get("text").asString());
            }
            rows.add(row);
        }
        return rows;
    }

    private record Fixture(String permit, UUID task) {}

    /** A Taiyuan (or other) coking unit in the directory with a task assigned to a named inspector. */
    private Fixture cokingUnitWithTask(String county, UUID inspector) {
        String permit = "91" + county + "MA0FORM" + String.format("%03d", SEQ.incrementAndGet()) + "001P";
        String city = county.substring(0, 4) + "00";
        String snapshot = """
                {"permitNo":"%s","uscc":"x","unitName":"太原晋鑫焦化有限公司","provinceCode":"140000","cityCode":"%s",
                 "countyCode":"%s","industryCode":"2521","industryName":"炼焦","keyIndustry":"COKING",
                 "managementCategory":"KEY","status":"VALID","withoutPermit":false,"sourceType":"KEY","positiveList":false,
                 "outlets":[],"violationCount":0,"version":1}""".formatted(permit, city, county);
        db.sql("""
                        INSERT INTO directory_unit (permit_number, unit_name, division_code, snapshot, source_event, city_code,
                            county_code, key_industry, status, version)
                        VALUES (:permit, '太原晋鑫焦化有限公司', :county, CAST(:snapshot AS jsonb), 'test', :city, :county,
                            'COKING', 'VALID', 1)""")
                .bind("permit", permit)
                .bind("county", county)
                .bind("snapshot", snapshot)
                .bind("city", city)
                .then()
                .block();
        UUID task = UUID.randomUUID();
        db.sql("INSERT INTO inspection_task (id, permit_number, division_code, city_code, origin, method, due_date, "
                        + "period_month, status, departments, created_by) VALUES (:id, :permit, :county, :city, 'MANUAL', 'ON_SITE', current_date + 10, '2026-06', 'ASSIGNED', "
                        + "ARRAY['ENVIRONMENT_ENFORCEMENT'], 'test')")
                .bind("id", task)
                .bind("permit", permit)
                .bind("county", county)
                .bind("city", city)
                .then()
                .block();
        db.sql("INSERT INTO task_inspector (task_id, inspector_id) VALUES (:task, :inspector)")
                .bind("task", task)
                .bind("inspector", inspector)
                .then()
                .block();
        return new Fixture(permit, task);
    }

    private UUID inspector(String name, String division) {
        UUID id = UUID.randomUUID();
        db.sql(
                        "INSERT INTO inspector (id, certificate_no, name, division_code, on_post) VALUES (:id, :cert, :name, :div, true)")
                .bind("id", id)
                .bind("cert", "CERT-" + id)
                .bind("name", name)
                .bind("div", division)
                .then()
                .block();
        return id;
    }

    @Test
    void blankPdfForCokingHoldsEveryItemAndSubPointOfTheSeed() throws Exception {
        byte[] pdf = bytes(
                TAIYUAN,
                "/api/v1/checklists/" + seededVersion() + "/form?keyIndustry=COKING",
                MediaType.APPLICATION_PDF_VALUE);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/checklist-form-coking.pdf"), pdf);
        String text = ChecklistFormRenderTest.squeeze(ChecklistFormRenderTest.pdfText(pdf));
        assertThat(text).contains("排污许可执法检查清单", "山西省排污许可执法检查清单（第1版）", "行业类别：焦化");
        List<List<String>> rows = seedRows("COKING");
        assertThat(rows).hasSize(10);
        int points = 0;
        for (List<String> row : rows) {
            assertThat(text).contains(ChecklistFormRenderTest.squeeze(row.get(0)));
            for (int i = 1; i < row.size(); i++) {
                assertThat(text).contains(ChecklistFormRenderTest.squeeze("（" + i + "）" + row.get(i)));
                points++;
            }
        }
        // COKING sub-points per item in province-v1.json: 3+2+3+5+4+2+3+3+1+1 = 27; three tick boxes each = 81.
        assertThat(points).isEqualTo(27);
        assertThat(text.chars().filter(c -> c == '□').count()).isEqualTo(81);
        // Header lines are blank to write on: no unit is printed.
        assertThat(text).doesNotContain("太原晋鑫焦化有限公司");
    }

    @Test
    void xlsxForATaskIsPrefilledAndListsTheUnitsIndustryItems() throws Exception {
        UUID inspector = inspector("王建国", CITY);
        Fixture f = cokingUnitWithTask(COUNTY, inspector);
        byte[] xlsx =
                bytes(TAIYUAN, "/api/v1/checklists/" + seededVersion() + "/form?format=xlsx&taskId=" + f.task(), XLSX);
        try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getSheet(ChecklistFormXlsx.SHEET);
            DataFormatter fmt = new DataFormatter();
            assertThat(fmt.formatCellValue(sheet.getRow(3).getCell(2))).isEqualTo("太原晋鑫焦化有限公司");
            assertThat(fmt.formatCellValue(sheet.getRow(4).getCell(2))).isEqualTo(f.permit());
            assertThat(fmt.formatCellValue(sheet.getRow(5).getCell(2))).isEqualTo("炼焦（2521） — 焦化");
            assertThat(fmt.formatCellValue(sheet.getRow(6).getCell(2))).isEqualTo("重点管理");
            assertThat(fmt.formatCellValue(sheet.getRow(8).getCell(2))).isEqualTo("王建国");
            // Column header at row 10, then one row per COKING sub-point: 27 rows (11–37), each with 3 tick boxes.
            List<String> pointCells = new ArrayList<>();
            for (int r = 11; r < 11 + 27; r++) {
                Row row = sheet.getRow(r);
                pointCells.add(fmt.formatCellValue(row.getCell(2)));
                for (int c = 3; c <= 5; c++) {
                    assertThat(fmt.formatCellValue(row.getCell(c))).isEqualTo("□");
                }
            }
            // Then one empty row and the signature lines.
            assertThat(sheet.getRow(11 + 27)).isNull();
            assertThat(fmt.formatCellValue(sheet.getRow(11 + 28).getCell(0))).isEqualTo("检查人员（签字）：");
            int k = 0;
            for (List<String> item : seedRows("COKING")) {
                for (int i = 1; i < item.size(); i++) {
                    assertThat(pointCells.get(k++)).startsWith("（" + i + "）" + item.get(i));
                }
            }
        }
    }

    @Test
    void currentPdfForATaskIsPrefilledWithUnitPermitAndInspectors() throws Exception {
        UUID inspector = inspector("李志强", CITY);
        Fixture f = cokingUnitWithTask(COUNTY, inspector);
        String token = TestJwts.builder()
                .subject(inspector.toString())
                .roles("INSPECTOR")
                .division(CITY)
                .build();
        byte[] pdf =
                bytes(token, "/api/v1/checklists/current/form?taskId=" + f.task(), MediaType.APPLICATION_PDF_VALUE);
        String text = ChecklistFormRenderTest.squeeze(ChecklistFormRenderTest.pdfText(pdf));
        assertThat(text)
                .contains("被检查单位名称：太原晋鑫焦化有限公司", "排污许可证编号：" + f.permit(), "管理类别：重点管理", "检查人员：李志强", "PWXK-QD-140000第1版");
        for (List<String> row : seedRows("COKING")) {
            assertThat(text).contains(ChecklistFormRenderTest.squeeze(row.get(row.size() - 1)));
        }
        // The Accept header picks XLSX when there is no format parameter.
        web.get()
                .uri("/api/v1/checklists/current/form?taskId=" + f.task())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header(HttpHeaders.ACCEPT, XLSX)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(XLSX)
                .expectHeader()
                .value(HttpHeaders.CONTENT_DISPOSITION, v -> assertThat(v).contains(".xlsx"));
    }

    /** The field app's form: the same items as the printed form of the task, as data with the ids a record names. */
    @Test
    void currentItemsOfATaskAreTheUnitsIndustryListWithIdsAndOnlyForItsInspector() throws Exception {
        UUID inspector = inspector("钱峰", CITY);
        Fixture f = cokingUnitWithTask(COUNTY, inspector);
        String token = TestJwts.builder()
                .subject(inspector.toString())
                .roles("INSPECTOR")
                .division(CITY)
                .build();
        JsonNode detail = JsonMapper.builder()
                .build()
                .readTree(get(token, "/api/v1/checklists/current?taskId=" + f.task())
                        .expectStatus()
                        .isOk()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody());
        assertThat(detail.get("version").get("id").asString())
                .isEqualTo(seededVersion().toString());
        List<List<String>> seed = seedRows("COKING");
        JsonNode items = detail.get("items");
        // One row per item of the seed (items 1–10), in order, each with the COKING sub-points of the seed file.
        assertThat(items.size()).isEqualTo(seed.size()).isEqualTo(10);
        int points = 0;
        for (int i = 0; i < seed.size(); i++) {
            JsonNode item = items.get(i);
            assertThat(item.get("itemNo").asInt()).isEqualTo(i + 1);
            assertThat(item.get("title").asString()).isEqualTo(seed.get(i).get(0));
            assertThat(UUID.fromString(item.get("id").asString())).isNotNull();
            JsonNode subPoints = item.get("subPoints");
            assertThat(subPoints.size()).isEqualTo(seed.get(i).size() - 1);
            for (int k = 0; k < subPoints.size(); k++) {
                assertThat(subPoints.get(k).get("text").asString())
                        .isEqualTo(seed.get(i).get(k + 1));
            }
            points += subPoints.size();
        }
        // The same 27 COKING sub-points the printed form has rows for.
        assertThat(points).isEqualTo(27);
        // Another Taiyuan inspector, not assigned: 404, as for the printed form; a missing taskId is a 400.
        String other = TestJwts.builder()
                .subject(inspector("冯军", CITY).toString())
                .roles("INSPECTOR")
                .division(CITY)
                .build();
        get(other, "/api/v1/checklists/current?taskId=" + f.task())
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        get(token, "/api/v1/checklists/current").expectStatus().isBadRequest();
    }

    @Test
    void anotherCitysTaskAnUnassignedInspectorAndAnUnknownVersionAre404Problems() {
        UUID datongInspector = inspector("赵敏", "140200");
        Fixture datong = cokingUnitWithTask(OTHER_COUNTY, datongInspector);
        UUID version = seededVersion();
        for (String uri : List.of(
                "/api/v1/checklists/" + version + "/form?taskId=" + datong.task(),
                "/api/v1/checklists/current/form?format=xlsx&taskId=" + datong.task(),
                "/api/v1/checklists/" + UUID.randomUUID() + "/form")) {
            get(TAIYUAN, uri)
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        // Datong itself prints it.
        bytes(
                DATONG,
                "/api/v1/checklists/" + version + "/form?taskId=" + datong.task(),
                MediaType.APPLICATION_PDF_VALUE);
        // A Taiyuan inspector not assigned to a Taiyuan task cannot print it pre-filled either.
        Fixture taiyuan = cokingUnitWithTask(COUNTY, inspector("孙丽", CITY));
        String other = TestJwts.builder()
                .subject(inspector("周涛", CITY).toString())
                .roles("INSPECTOR")
                .division(CITY)
                .build();
        get(other, "/api/v1/checklists/" + version + "/form?taskId=" + taiyuan.task())
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /** Yangquan's own additions, so the other tests' current version (the province's) stays as it is. */
    @Test
    void aCitysPublishedAdditionsPrintForItsTasksAndADraftIsA409() throws Exception {
        String yangquan = TestJwts.token("CITY", "140300");
        Map<String, Object> addition = new java.util.HashMap<>();
        addition.put("itemNo", 101);
        addition.put("keyIndustry", null);
        addition.put("title", "是否落实阳泉市重污染天气应急减排措施");
        addition.put("subPoints", List.of("应急减排清单措施是否落实", "错峰生产台账是否完整"));
        addition.put("legalBasis", "《排污许可管理条例》第十七条");
        addition.put("checkMethod", "ON_SITE");
        addition.put("evidenceRequired", List.of("现场照片"));
        addition.put("violationType", "REDUCTION_NOT_IMPLEMENTED");
        addition.put("article", "第三十四条第（二）项");
        JsonNode created = JsonMapper.builder()
                .build()
                .readTree(web.post()
                        .uri("/api/v1/checklists")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + yangquan)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of(
                                "title", "阳泉市补充检查项", "basedOn", seededVersion().toString(), "items", List.of(addition)))
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody());
        String cityVersion = created.get("version").get("id").asString();

        get(yangquan, "/api/v1/checklists/" + cityVersion + "/form")
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("checklist-not-published");
        web.post()
                .uri("/api/v1/checklists/" + cityVersion + "/publish")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + yangquan)
                .exchange()
                .expectStatus()
                .isOk();

        Fixture f = cokingUnitWithTask("140302", inspector("郑伟", "140300"));
        String text = ChecklistFormRenderTest.squeeze(ChecklistFormRenderTest.pdfText(bytes(
                yangquan, "/api/v1/checklists/current/form?taskId=" + f.task(), MediaType.APPLICATION_PDF_VALUE)));
        // Items 1–10 of the province (COKING rows) and then the city's item 101 with its two sub-points.
        assertThat(text)
                .contains(
                        "PWXK-QD-140300第1版", "是否落实阳泉市重污染天气应急减排措施", "（1）应急减排清单措施是否落实", "（2）错峰生产台账是否完整", "依据：第三十四条第（二）项");
        for (List<String> row : seedRows("COKING")) {
            assertThat(text).contains(ChecklistFormRenderTest.squeeze(row.get(0)));
        }
        // COKING 27 sub-points + 2 of item 101 = 29 rows, 3 tick boxes each = 87.
        assertThat(text.chars().filter(c -> c == '□').count()).isEqualTo(87);
        // Taiyuan cannot see Yangquan's version at all.
        get(TAIYUAN, "/api/v1/checklists/" + cityVersion + "/form")
                .expectStatus()
                .isNotFound();
    }

    @Test
    void badFormatOrIndustryAndIndustryWithTaskAre400ProblemsNamingTheField() {
        UUID version = seededVersion();
        Fixture f = cokingUnitWithTask(COUNTY, inspector("吴刚", CITY));
        Map<String, String> cases = Map.of(
                "/api/v1/checklists/" + version + "/form?format=docx", "format",
                "/api/v1/checklists/" + version + "/form?keyIndustry=MINING", "keyIndustry",
                "/api/v1/checklists/" + version + "/form?keyIndustry=STEEL&taskId=" + f.task(), "keyIndustry");
        cases.forEach((uri, field) -> get(TAIYUAN, uri)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo(field));
    }
}
