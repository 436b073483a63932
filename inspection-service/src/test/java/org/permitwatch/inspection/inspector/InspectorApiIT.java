package org.permitwatch.inspection.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.permitwatch.inspection.InspectionIntegrationTest;
import org.permitwatch.support.security.Masking;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The inspector directory: writes within the division, masking, conflicts, validation, and the pool for draws. */
@InspectionIntegrationTest
class InspectorApiIT {

    private static final String TAIYUAN = TestJwts.token("CITY", "140100");
    private static final String DATONG = TestJwts.token("CITY", "140200");
    private static final String PHONE = "13912345678";

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    InspectorPool pool;

    private static Map<String, Object> form(String certificate, String name, String division, boolean onPost) {
        Map<String, Object> form = new HashMap<>();
        form.put("certificateNo", certificate);
        form.put("name", name);
        form.put("divisionCode", division);
        form.put("specialties", List.of("COKING", "AIR"));
        form.put("onPost", onPost);
        form.put("phone", PHONE);
        return form;
    }

    private WebTestClient.ResponseSpec call(String method, String token, String uri, Object body) {
        var spec = web.method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        return body == null
                ? spec.exchange()
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> create(String token, Map<String, Object> form) {
        return call("POST", token, "/api/v1/inspectors", form)
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
    void aCityRegistersItsInspectorsAndPhonesAreMaskedWithoutPiiRead() {
        Map<String, Object> created = create(TAIYUAN, form("TY-0001", "王建国", "140105", true));
        String id = (String) created.get("id");
        assertThat(created)
                .containsEntry("certificateNo", "TY-0001")
                .containsEntry("divisionCode", "140105")
                .containsEntry("onPost", true)
                .containsEntry("phone", Masking.phone(PHONE));
        assertThat(created.get("specialties")).isEqualTo(List.of("AIR", "COKING"));

        String pii = TestJwts.builder()
                .roles("CITY")
                .division("140100")
                .scopes("pii:read")
                .build();
        call("GET", pii, "/api/v1/inspectors/" + id, null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.phone")
                .isEqualTo(PHONE);
        // The inspector sees their own number, and only their own entry.
        String self = TestJwts.builder()
                .subject(id)
                .roles("INSPECTOR")
                .division("140105")
                .build();
        call("GET", self, "/api/v1/inspectors/" + id, null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.phone")
                .isEqualTo(PHONE);
        Map<String, Object> other = create(TAIYUAN, form("TY-0002", "李红", "140105", true));
        call("GET", self, "/api/v1/inspectors/" + other.get("id"), null)
                .expectStatus()
                .isNotFound();
        call("GET", self, "/api/v1/inspectors", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].id")
                .isEqualTo(id);

        // PUT replaces the entry and is audited with the create.
        Map<String, Object> changed = form("TY-0001", "王建国", "140106", false);
        changed.put("phone", null);
        call("PUT", TAIYUAN, "/api/v1/inspectors/" + id, changed)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.onPost")
                .isEqualTo(false)
                .jsonPath("$.divisionCode")
                .isEqualTo("140106")
                .jsonPath("$.phone")
                .doesNotExist();
        assertThat(count("SELECT count(*) FROM audit_log WHERE resource_id = '" + id + "' AND action IN "
                        + "('inspector.create', 'inspector.update')"))
                .isEqualTo(2);
    }

    @Test
    void everyQueryAndWriteIsScopedToTheCallersDivision() {
        Map<String, Object> taiyuan = create(TAIYUAN, form("TY-0100", "赵刚", "140100", true));
        Map<String, Object> datong = create(DATONG, form("DT-0100", "钱明", "140202", true));

        call("GET", DATONG, "/api/v1/inspectors/" + taiyuan.get("id"), null)
                .expectStatus()
                .isNotFound();
        call("PUT", DATONG, "/api/v1/inspectors/" + taiyuan.get("id"), form("TY-0100", "赵刚", "140202", true))
                .expectStatus()
                .isNotFound();
        call("POST", DATONG, "/api/v1/inspectors", form("DT-0101", "孙亮", "140105", true))
                .expectStatus()
                .isForbidden();
        call("POST", TestJwts.token("COUNTY", "140105"), "/api/v1/inspectors", form("X-0001", "周", "140105", true))
                .expectStatus()
                .isForbidden();

        @SuppressWarnings("unchecked")
        Map<String, Object> list = call("GET", DATONG, "/api/v1/inspectors?size=200", null)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat((List<Map<String, Object>>) list.get("items"))
                .allSatisfy(i -> assertThat((String) i.get("divisionCode")).startsWith("1402"))
                .extracting(i -> i.get("id"))
                .contains(datong.get("id"));
        call("GET", TestJwts.token("PROVINCE", "140000"), "/api/v1/inspectors/" + datong.get("id"), null)
                .expectStatus()
                .isOk();
    }

    @Test
    void conflictsAreDeclaredOnceAndTheDrawPoolSkipsOffPostInspectors() {
        String a =
                (String) create(TAIYUAN, form("TY-0200", "吴平", "140107", true)).get("id");
        String b =
                (String) create(TAIYUAN, form("TY-0201", "郑安", "140107", false)).get("id");
        String permit = "91140100MA0K8UXX1A001P";

        call(
                        "POST",
                        TAIYUAN,
                        "/api/v1/inspectors/" + a + "/conflicts",
                        Map.of("permitNumber", permit, "reason", "配偶在该单位任职"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.permitNumber")
                .isEqualTo(permit);
        call("POST", TAIYUAN, "/api/v1/inspectors/" + a + "/conflicts", Map.of("permitNumber", permit, "reason", "重复"))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("conflict-already-declared");
        // Self-declaration by the inspector.
        String self = TestJwts.builder()
                .subject(a)
                .roles("INSPECTOR")
                .division("140107")
                .build();
        call(
                        "POST",
                        self,
                        "/api/v1/inspectors/" + a + "/conflicts",
                        Map.of("permitNumber", "91140100MA0K8UXX2B001P", "reason", "曾在该单位工作"))
                .expectStatus()
                .isCreated();
        // Another inspector cannot declare for a colleague; another city cannot see them.
        call("POST", self, "/api/v1/inspectors/" + b + "/conflicts", Map.of("permitNumber", permit, "reason", "x"))
                .expectStatus()
                .isForbidden();
        call("GET", DATONG, "/api/v1/inspectors/" + a + "/conflicts", null)
                .expectStatus()
                .isNotFound();
        call("GET", TAIYUAN, "/api/v1/inspectors/" + a + "/conflicts", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(2);

        List<InspectorCandidate> candidates =
                pool.eligibleFor("140107").collectList().block();
        assertThat(candidates).extracting(c -> c.id().toString()).containsExactly(a);
        assertThat(candidates.get(0).conflictsWith(permit)).isTrue();
        assertThat(candidates.get(0).conflictsWith("91140100MA0K8UXX9Z001P")).isFalse();
        assertThat(candidates.get(0).specialties()).containsExactly("AIR", "COKING");
        List<UUID> ordered =
                pool.eligibleFor("14").map(InspectorCandidate::id).collectList().block();
        assertThat(ordered).isSorted();
    }

    @Test
    void badInputIsAProblemNamingEachFieldAndStoresNothing() {
        long before = count("SELECT count(*) FROM inspector");
        Map<String, Object> bad = form("#", " ", "14010", true);
        bad.put("onPost", null);
        bad.put("phone", "call me");
        bad.put("specialties", List.of("coking"));
        call("POST", TAIYUAN, "/api/v1/inspectors", bad)
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
                                "certificateNo", "name", "divisionCode", "specialties", "onPost", "phone"))
                // The phone is personal data and is not echoed back.
                .jsonPath("$.errors[?(@.field == 'phone')].rejectedValue")
                .isEmpty();
        create(TAIYUAN, form("TY-0300", "冯", "140100", true));
        call("POST", TAIYUAN, "/api/v1/inspectors", form("TY-0300", "陈", "140100", true))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("certificate-number-taken");
        call("GET", TAIYUAN, "/api/v1/inspectors/not-a-uuid", null)
                .expectStatus()
                .isBadRequest();
        assertThat(count("SELECT count(*) FROM inspector")).isEqualTo(before + 1);
    }

    /** Issue 11 item 6: a 409 must not tell a city that another city holds a certificate number. */
    @Test
    void certificateNumberTakenOnlyAnswersWithinTheCallersOwnScope() {
        create(DATONG, form("DT-0777", "韩", "140200", true));
        // 太原 registering the same number learns nothing about 大同: it is accepted in 太原's own directory.
        create(TAIYUAN, form("DT-0777", "许", "140100", true));
        // Within a city it is still unique, across the city and its counties.
        call("POST", TAIYUAN, "/api/v1/inspectors", form("DT-0777", "何", "140105", true))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("certificate-number-taken");
        // The province sees every city and is told.
        call("POST", TestJwts.token("PROVINCE", "140000"), "/api/v1/inspectors", form("DT-0777", "吕", "140300", true))
                .expectStatus()
                .isEqualTo(409);
        // Moving an entry onto a number taken in the same city is refused as well; the other city's entry is untouched.
        String other =
                (String) create(TAIYUAN, form("TY-0778", "施", "140100", true)).get("id");
        call("PUT", TAIYUAN, "/api/v1/inspectors/" + other, form("DT-0777", "施", "140100", true))
                .expectStatus()
                .isEqualTo(409);
        assertThat(count("SELECT count(*) FROM inspector WHERE certificate_no = 'DT-0777'"))
                .isEqualTo(2);
    }

    /** Issue 11 items 4 and 6 on this service: NUL in a nested text is a 400 naming it; a bad UUID names no Java type. */
    @Test
    void hostileTextAndBadIdsAreProblemsWithoutJavaNames() {
        long before = count("SELECT count(*) FROM inspector");
        Map<String, Object> nul = form("TY-0900", "冯\u0000", "140100", true);
        nul.put("specialties", List.of("COKING", "AIR\u0000"));
        String body = call("POST", TAIYUAN, "/api/v1/inspectors", nul)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body).containsAnyOf("\"field\":\"name\"", "\"field\":\"specialties[1]\"");
        String bad = call("GET", TAIYUAN, "/api/v1/inspectors/not-a-uuid", null)
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(bad).contains("must be a UUID").doesNotContain("java.", "org.permitwatch");
        assertThat(count("SELECT count(*) FROM inspector")).isEqualTo(before);
    }
}
