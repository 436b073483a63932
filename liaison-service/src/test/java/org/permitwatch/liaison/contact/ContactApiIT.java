package org.permitwatch.liaison.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.permitwatch.liaison.LiaisonIntegrationTest;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The liaison directory (附件4): scope, masking per role, one liaison per body and city, validation, export. */
@LiaisonIntegrationTest
class ContactApiIT {

    private static final String PROVINCE = TestJwts.token("PROVINCE", "140000");
    private static final String TAIYUAN = TestJwts.token("CITY", "140100");
    private static final String DATONG = TestJwts.token("CITY", "140200");
    private static final String PROVINCE_PII = TestJwts.builder()
            .roles("PROVINCE")
            .division("140000")
            .scopes("pii:read")
            .build();

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    private static Map<String, Object> form(String role, String division, String name, String phone, String email) {
        Map<String, Object> form = new HashMap<>();
        form.put("role", role);
        form.put("divisionCode", division);
        form.put("personName", name);
        form.put("organisation", "太原市生态环境局");
        form.put("position", "科长");
        form.put("phone", phone);
        form.put("email", email);
        form.put("remarks", null);
        return form;
    }

    private WebTestClient.ResponseSpec call(HttpMethod method, String token, String uri, Object body) {
        var spec = web.method(method).uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        return body == null
                ? spec.exchange()
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> create(String token, Map<String, Object> form) {
        return call(HttpMethod.POST, token, "/api/v1/liaisons", form)
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private long count(String sql) {
        return db.sql(sql).map(r -> r.get(0, Long.class)).one().block();
    }

    @Test
    void phoneAndEmailAreClearOnlyWithPiiRead() {
        String id = (String) create(TAIYUAN, form("ENFORCEMENT", "140100", "王建国", "13912345678", "wang.jg@ty.gov.cn"))
                .get("id");
        // Without pii:read everyone gets masks: the own city, a county of it, the province — detail and list.
        for (String token : List.of(TAIYUAN, TestJwts.token("COUNTY", "140105"), PROVINCE)) {
            call(HttpMethod.GET, token, "/api/v1/liaisons/" + id, null)
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.phone")
                    .isEqualTo("139****5678")
                    .jsonPath("$.email")
                    .isEqualTo("w***@ty.gov.cn");
            call(HttpMethod.GET, token, "/api/v1/liaisons?size=200", null)
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.items[?(@.id == '" + id + "')].phone")
                    .isEqualTo("139****5678")
                    .jsonPath("$.items[?(@.id == '" + id + "')].email")
                    .isEqualTo("w***@ty.gov.cn");
        }
        // With the scope, in clear.
        String provincePii = TestJwts.builder()
                .roles("PROVINCE")
                .division("140000")
                .scopes("pii:read")
                .build();
        String taiyuanPii = TestJwts.builder()
                .roles("CITY")
                .division("140100")
                .scopes("pii:read")
                .build();
        for (String token : List.of(provincePii, taiyuanPii)) {
            call(HttpMethod.GET, token, "/api/v1/liaisons/" + id, null)
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.phone")
                    .isEqualTo("13912345678")
                    .jsonPath("$.email")
                    .isEqualTo("wang.jg@ty.gov.cn");
            call(HttpMethod.GET, token, "/api/v1/liaisons?size=200", null)
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.items[?(@.id == '" + id + "')].phone")
                    .isEqualTo("13912345678");
        }
        // Another city does not see the row at all, not even in its list.
        call(HttpMethod.GET, DATONG, "/api/v1/liaisons/" + id, null)
                .expectStatus()
                .isNotFound();
        call(HttpMethod.GET, DATONG, "/api/v1/liaisons", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[?(@.id == '" + id + "')]")
                .isEmpty();
        // pii:read does not widen the scope: an inspector of the same city with the scope reads the number.
        String pii = TestJwts.builder()
                .roles("INSPECTOR")
                .division("140106")
                .scopes("pii:read")
                .build();
        call(HttpMethod.GET, pii, "/api/v1/liaisons/" + id, null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.email")
                .isEqualTo("wang.jg@ty.gov.cn");
    }

    @Test
    void oneActiveLiaisonPerBodyAndCityAndEveryWriteIsAudited() {
        String first = (String) create(PROVINCE, form("PERMIT_ISSUING", "140300", "李红", "0353-2345678", "li@yq.gov.cn"))
                .get("id");
        call(
                        HttpMethod.POST,
                        PROVINCE,
                        "/api/v1/liaisons",
                        form("PERMIT_ISSUING", "140300", "张三", "13800000000", "z@yq.gov.cn"))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("liaison-role-taken");
        // The other body of the same city is free.
        create(PROVINCE, form("ENFORCEMENT", "140300", "赵刚", "13800000001", "zhao@yq.gov.cn"));
        call(
                        HttpMethod.PUT,
                        PROVINCE,
                        "/api/v1/liaisons/" + first,
                        form("PERMIT_ISSUING", "140300", "李红", "13811112222", "li@yq.gov.cn"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.phone")
                .isEqualTo("138****2222");
        // A city cannot touch another city's liaisons, nor register province contacts; a county cannot write.
        call(HttpMethod.DELETE, DATONG, "/api/v1/liaisons/" + first, null)
                .expectStatus()
                .isNotFound();
        call(HttpMethod.POST, DATONG, "/api/v1/liaisons", form("ENFORCEMENT", "140300", "x", "13800000002", "x@a.cn"))
                .expectStatus()
                .isForbidden();
        call(
                        HttpMethod.POST,
                        TestJwts.token("COUNTY", "140105"),
                        "/api/v1/liaisons",
                        form("ENFORCEMENT", "140100", "x", "13800000002", "x@a.cn"))
                .expectStatus()
                .isForbidden();
        // Deactivation frees the slot for a successor.
        call(HttpMethod.DELETE, PROVINCE, "/api/v1/liaisons/" + first, null)
                .expectStatus()
                .isNoContent();
        call(HttpMethod.GET, PROVINCE, "/api/v1/liaisons/" + first, null)
                .expectStatus()
                .isNotFound();
        create(PROVINCE, form("PERMIT_ISSUING", "140300", "张三", "13800000000", "z@yq.gov.cn"));
        assertThat(count("SELECT count(*) FROM audit_log WHERE resource_id = '" + first + "' AND action IN "
                        + "('liaison.create', 'liaison.update', 'liaison.deactivate')"))
                .isEqualTo(3);
        assertThat(count("SELECT count(*) FROM liaison_contact WHERE division_code = '140300'"))
                .isEqualTo(3);
    }

    @Test
    void badInputIsAProblemNamingEachFieldAndStoresNothing() {
        long before = count("SELECT count(*) FROM liaison_contact");
        Map<String, Object> bad = form("MAYOR", "1401", " ", "12345", "not-an-email");
        bad.put("organisation", null);
        call(HttpMethod.POST, PROVINCE, "/api/v1/liaisons", bad)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("validation-failed")
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat((List<String>) fields)
                        .containsExactlyInAnyOrder(
                                "role", "divisionCode", "personName", "organisation", "phone", "email"))
                .jsonPath("$.errors[?(@.field == 'phone')].rejectedValue")
                .isEmpty();
        // A city liaison must sit at a city code, not a county.
        call(HttpMethod.POST, PROVINCE, "/api/v1/liaisons", form("ENFORCEMENT", "140105", "周", "13800000003", "z@a.cn"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("divisionCode");
        assertThat(count("SELECT count(*) FROM liaison_contact")).isEqualTo(before);
    }

    @Test
    void exportHasTheNoticeLayoutGroupedByCityAndMasked() throws Exception {
        create(PROVINCE, form("ENFORCEMENT", "140500", "陈平", "13555556666", "chen@jc.gov.cn"));
        create(PROVINCE, form("PERMIT_ISSUING", "140500", "刘洋", "0356-7654321", "liu@jc.gov.cn"));
        Map<String, Object> provinceContact = form("PROVINCE", "140000", "孙强", "0351-5556666", "sun@sx.gov.cn");
        provinceContact.put("organisation", "山西省生态环境执法局");
        create(PROVINCE, provinceContact);

        Sheet province = sheet(PROVINCE_PII);
        assertThat(province.getRow(0).getCell(0).getStringCellValue()).isEqualTo("山西省排污许可清单式执法检查工作联络员名单");
        assertThat(cells(province.getRow(1))).containsExactly("序号", "姓名", "所在单位及职务", "联系电话", "备注");
        List<List<String>> rows = rows(province);
        int jincheng = rows.indexOf(List.of("晋城市", "", "", "", ""));
        assertThat(rows.get(0)).isEqualTo(List.of("省生态环境厅", "", "", "", ""));
        assertThat(jincheng).isPositive();
        assertThat(rows.get(jincheng + 1))
                .containsExactly(rows.get(jincheng + 1).get(0), "陈平", "太原市生态环境局 科长", "13555556666", "执法机构联络员");
        assertThat(rows.get(jincheng + 2).subList(1, 5))
                .containsExactly("刘洋", "太原市生态环境局 科长", "0356-7654321", "核发部门联络员");
        assertThat(Integer.parseInt(rows.get(jincheng + 2).get(0)))
                .isEqualTo(Integer.parseInt(rows.get(jincheng + 1).get(0)) + 1);

        // The province without pii:read gets the same rows, masked — its own contacts included.
        List<List<String>> provinceMasked = rows(sheet(PROVINCE));
        assertThat(provinceMasked)
                .anyMatch(r -> r.contains("135****6666"))
                .anyMatch(r -> r.contains("035****6666"))
                .noneMatch(r -> r.contains("13555556666"))
                .noneMatch(r -> r.contains("0351-5556666"));

        // A city's export holds its own liaisons and the province contacts, nothing of 晋城; masked without the scope.
        create(TAIYUAN, form("PERMIT_ISSUING", "140100", "周敏", "13766667777", "zhou@ty.gov.cn"));
        List<List<String>> taiyuan = rows(sheet(TAIYUAN));
        assertThat(taiyuan)
                .noneMatch(r -> r.contains("陈平"))
                .anyMatch(r -> r.contains("孙强"))
                .anyMatch(r -> r.contains("137****7777"))
                .noneMatch(r -> r.contains("13766667777"))
                .noneMatch(r -> r.contains("0351-5556666"));
        List<List<String>> taiyuanPii = rows(sheet(TestJwts.builder()
                .roles("CITY")
                .division("140100")
                .scopes("pii:read")
                .build()));
        assertThat(taiyuanPii).anyMatch(r -> r.contains("13766667777")).anyMatch(r -> r.contains("0351-5556666"));
        // A county of 晋城 sees 晋城's liaisons, masked; nothing of 太原.
        List<List<String>> county = rows(sheet(TestJwts.token("COUNTY", "140521")));
        assertThat(county)
                .anyMatch(r -> r.contains("135****6666"))
                .noneMatch(r -> r.contains("13555556666"))
                .noneMatch(r -> r.contains("周敏"));
    }

    private Sheet sheet(String token) throws Exception {
        byte[] bytes = call(HttpMethod.GET, token, "/api/v1/liaisons/export.xlsx", null)
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(ContactController.XLSX)
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        return new XSSFWorkbook(new ByteArrayInputStream(bytes)).getSheetAt(0);
    }

    private static List<List<String>> rows(Sheet sheet) {
        List<List<String>> rows = new java.util.ArrayList<>();
        for (int i = 2; i <= sheet.getLastRowNum(); i++) {
            rows.add(cells(sheet.getRow(i)));
        }
        return rows;
    }

    private static List<String> cells(Row row) {
        List<String> cells = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var cell = row.getCell(i);
            if (cell == null) {
                cells.add("");
            } else if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC) {
                cells.add(String.valueOf((long) cell.getNumericCellValue()));
            } else {
                cells.add(cell.getStringCellValue());
            }
        }
        return cells;
    }
}
