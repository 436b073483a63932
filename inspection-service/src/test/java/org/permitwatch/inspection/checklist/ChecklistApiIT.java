package org.permitwatch.inspection.checklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.vocabulary.ViolationType;
import org.permitwatch.inspection.InspectionIntegrationTest;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The shipped checklist, versions and city additions, immutability, scope and validation, and ChecklistCatalog. */
@InspectionIntegrationTest
class ChecklistApiIT {

    private static final String PROVINCE = TestJwts.token("PROVINCE", "140000");
    private static final String TAIYUAN = TestJwts.token("CITY", "140100");
    private static final String DATONG = TestJwts.token("CITY", "140200");

    /** The shipped checklist, installed by the seeder as at start-up (see {@link ChecklistSeedFixture}). */
    @BeforeAll
    static void shippedChecklist(@Autowired ApplicationContext context) {
        ChecklistSeedFixture.install(context);
    }

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    ChecklistCatalog catalog;

    @Autowired
    ChecklistSeeder seeder;

    @Autowired
    org.springframework.core.env.Environment environment;

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

    private WebTestClient.ResponseSpec post(String token, String uri, Object body) {
        var spec = web.post().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        return body == null
                ? spec.exchange()
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(WebTestClient.ResponseSpec spec) {
        return spec.expectBody(Map.class).returnResult().getResponseBody();
    }

    private void jdbcUpdate(String sql) throws java.sql.SQLException {
        try (var connection = java.sql.DriverManager.getConnection(
                        environment.getProperty("spring.flyway.url"),
                        environment.getProperty("spring.flyway.user"),
                        environment.getProperty("spring.flyway.password"));
                var statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private long count(String sql) {
        return db.sql(sql).map(r -> r.get(0, Long.class)).one().block();
    }

    private static Map<String, Object> item(int no, String industry, String violation) {
        Map<String, Object> item = new java.util.HashMap<>();
        item.put("itemNo", no);
        item.put("keyIndustry", industry);
        item.put("title", "检查项" + no);
        item.put("subPoints", List.of("子项甲", "子项乙"));
        item.put("legalBasis", "《排污许可管理条例》");
        item.put("checkMethod", "BOTH");
        item.put("evidenceRequired", List.of("现场照片"));
        item.put("violationType", violation);
        item.put("article", "第三十四条");
        return item;
    }

    @Test
    void theShippedVersionIsPublishedWithTenItemsForEveryKeyIndustryAndTheGeneralList() {
        UUID v1 = seededVersion();
        assertThat(v1).isNotNull();
        assertThat(count("SELECT count(*) FROM checklist_item WHERE version_id = '" + v1 + "'"))
                .isEqualTo(80);
        assertThat(count("SELECT count(DISTINCT violation_type) FROM checklist_item WHERE version_id = '" + v1 + "'"))
                .isEqualTo(10);

        // Seeding again is a no-op.
        assertThat(seeder.install(seeder.read()).block()).isFalse();
        assertThat(count("SELECT count(*) FROM checklist_version WHERE code = 'PWXK-QD-140000'"))
                .isGreaterThanOrEqualTo(1);
        assertThat(count("SELECT count(*) FROM checklist_version WHERE code = 'PWXK-QD-140000' AND version = 1"))
                .isEqualTo(1);

        List<ChecklistItemView> coking =
                catalog.itemsFor(v1, "COKING", "140100").collectList().block();
        assertThat(coking).extracting(ChecklistItemView::itemNo).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(coking).allSatisfy(i -> assertThat(i.keyIndustry()).isEqualTo(KeyIndustry.COKING));
        ChecklistItemView facilities = coking.get(3);
        assertThat(facilities.code()).isEqualTo("4.COKING");
        assertThat(facilities.violationType()).isEqualTo(ViolationType.FACILITY_NOT_RUNNING);
        assertThat(facilities.subPoints())
                .extracting(ChecklistItemView.SubPoint::text)
                .anyMatch(t -> t.contains("干熄焦"));
        assertThat(facilities.subPoints().get(1).code()).isEqualTo("4.COKING.2");
        assertThat(facilities.legalBasis()).contains("第三十四条").contains("HJ 854-2017");
        assertThat(coking.get(0).violationType()).isEqualTo(ViolationType.UNPERMITTED_DISCHARGE);
        // issue 12: the item's article is the default; each stored sub-point carries its own article and 项
        assertThat(coking.get(0).article()).isEqualTo("第三十三条第（四）项");
        assertThat(facilities.subPoints().get(1).article()).isEqualTo("第三十四条第（二）项");

        List<ChecklistItemView> other =
                catalog.itemsFor(v1, "OTHER", "140100").collectList().block();
        assertThat(other)
                .hasSize(10)
                .allSatisfy(i -> assertThat(i.keyIndustry()).isNull());
        assertThat(other.get(0).subPoints())
                .extracting(ChecklistItemView.SubPoint::code, ChecklistItemView.SubPoint::article)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("1.GENERAL.2", "第四十三条"),
                        org.assertj.core.groups.Tuple.tuple("1.GENERAL.3", "第三十三条第（二）项"),
                        org.assertj.core.groups.Tuple.tuple("1.GENERAL.4", "第三十三条第（三）项"));
        assertThat(other.get(6).subPoints().get(0).article()).isEqualTo("第三十六条第（五）项");
        assertThat(catalog.itemsFor(v1, null, "140100").collectList().block()).hasSize(10);

        Map<String, Object> detail = body(get(TAIYUAN, "/api/v1/checklists/" + v1 + "?keyIndustry=THERMAL_POWER")
                .expectStatus()
                .isOk());
        assertThat((List<?>) detail.get("items")).hasSize(20);
    }

    @Test
    void aCityAddsItemsOnTopAndNewVersionsNeverChangePublishedOnes() {
        UUID v1 = seededVersion();
        long publishes = count("SELECT count(*) FROM audit_log WHERE action = 'checklist.publish'");
        long creates = count("SELECT count(*) FROM audit_log WHERE action = 'checklist.create'");
        Map<String, Object> draft = Map.of(
                "title",
                "太原市补充检查项",
                "basedOn",
                v1.toString(),
                "items",
                List.of(item(101, null, "LEDGER_INCOMPLETE"), item(102, "COKING", "FUGITIVE_EMISSION")));
        Map<String, Object> created =
                body(post(TAIYUAN, "/api/v1/checklists", draft).expectStatus().isCreated());
        @SuppressWarnings("unchecked")
        Map<String, Object> version = (Map<String, Object>) created.get("version");
        UUID cityVersion = UUID.fromString((String) version.get("id"));
        assertThat(version).containsEntry("status", "DRAFT").containsEntry("divisionCode", "140100");

        // A draft is invisible to other cities and not yet current.
        get(DATONG, "/api/v1/checklists/" + cityVersion).expectStatus().isNotFound();
        assertThat(catalog.currentVersionFor("140100").block()).isNotEqualTo(cityVersion);

        // Only the drafting city publishes, once.
        post(DATONG, "/api/v1/checklists/" + cityVersion + "/publish", null)
                .expectStatus()
                .isNotFound();
        post(PROVINCE, "/api/v1/checklists/" + cityVersion + "/publish", null)
                .expectStatus()
                .isForbidden();
        post(TAIYUAN, "/api/v1/checklists/" + cityVersion + "/publish", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("PUBLISHED");
        post(TAIYUAN, "/api/v1/checklists/" + cityVersion + "/publish", null)
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("checklist-version-published");

        assertThat(catalog.currentVersionFor("140100").block()).isEqualTo(cityVersion);
        assertThat(catalog.currentVersionFor("140300").block()).isEqualTo(v1);
        List<ChecklistItemView> coking =
                catalog.itemsFor(cityVersion, "COKING", "140100").collectList().block();
        assertThat(coking)
                .extracting(ChecklistItemView::code)
                .endsWith("140100.101.GENERAL", "140100.102.COKING")
                .hasSize(12);
        assertThat(catalog.itemsFor(cityVersion, "CEMENT", "140100")
                        .collectList()
                        .block())
                .hasSize(11);
        // Another city cannot use Taiyuan's version.
        assertThat(catalog.itemsFor(cityVersion, "COKING", "140200")
                        .collectList()
                        .block())
                .isEmpty();

        // The province drafts and publishes version 2; version 1 and the city's version are untouched.
        List<ChecklistItemView> before =
                catalog.itemsFor(cityVersion, "COKING", "140100").collectList().block();
        List<Map<String, Object>> items = new ArrayList<>();
        for (int no = 1; no <= 10; no++) {
            items.add(item(no, null, ViolationType.values()[no - 1].name()));
        }
        Map<String, Object> v2 = body(post(PROVINCE, "/api/v1/checklists", Map.of("title", "第2版", "items", items))
                .expectStatus()
                .isCreated());
        @SuppressWarnings("unchecked")
        String v2Id = (String) ((Map<String, Object>) v2.get("version")).get("id");
        assertThat(((Map<?, ?>) v2.get("version")).get("version")).isEqualTo(2);
        post(PROVINCE, "/api/v1/checklists/" + v2Id + "/publish", null)
                .expectStatus()
                .isOk();
        assertThat(catalog.itemsFor(cityVersion, "COKING", "140100")
                        .collectList()
                        .block())
                .isEqualTo(before);
        assertThat(catalog.itemsFor(v1, "COKING", "140100").collectList().block())
                .hasSize(10)
                .allSatisfy(i -> assertThat(i.keyIndustry()).isEqualTo(KeyIndustry.COKING));
        // Taiyuan's additions were based on v1: until it re-bases them, v2 is what applies in Taiyuan.
        assertThat(catalog.currentVersionFor("140100").block()).isEqualTo(UUID.fromString(v2Id));

        // The database itself refuses to change a published version or its items (checked over a separate JDBC
        // connection, like a manual fix-up by an operator would be).
        assertThatThrownBy(() -> jdbcUpdate("UPDATE checklist_item SET title = 'x' WHERE version_id = '" + v1 + "'"))
                .hasMessageContaining("immutable");
        assertThatThrownBy(() -> jdbcUpdate("UPDATE checklist_version SET title = 'x' WHERE id = '" + v1 + "'"))
                .hasMessageContaining("immutable");
        assertThatThrownBy(() -> jdbcUpdate("DELETE FROM checklist_item WHERE version_id = '" + cityVersion + "'"))
                .hasMessageContaining("immutable");

        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'checklist.publish'"))
                .isEqualTo(publishes + 2);
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'checklist.create'"))
                .isEqualTo(creates + 2);
    }

    @Test
    void aCitySeesTheProvincesAndItsOwnVersionsOnly() {
        UUID v1 = seededVersion();
        Map<String, Object> draft = Map.of(
                "title",
                "大同市补充检查项",
                "basedOn",
                v1.toString(),
                "items",
                List.of(item(100, null, "DISCLOSURE_NOT_IMPLEMENTED")));
        @SuppressWarnings("unchecked")
        String datongVersion = (String) ((Map<String, Object>) body(post(DATONG, "/api/v1/checklists", draft)
                                .expectStatus()
                                .isCreated())
                        .get("version"))
                .get("id");
        post(DATONG, "/api/v1/checklists/" + datongVersion + "/publish", null)
                .expectStatus()
                .isOk();

        Map<String, Object> taiyuanList =
                body(get(TAIYUAN, "/api/v1/checklists?size=200").expectStatus().isOk());
        assertThat((List<Map<String, Object>>) cast(taiyuanList.get("items")))
                .allSatisfy(v -> assertThat(v.get("divisionCode")).isIn("140000", "140100"))
                .extracting(v -> v.get("id"))
                .contains(v1.toString())
                .doesNotContain(datongVersion);
        get(TAIYUAN, "/api/v1/checklists/" + datongVersion).expectStatus().isNotFound();
        // A county sees its city's published additions; the province sees every city's.
        get(TestJwts.token("COUNTY", "140203"), "/api/v1/checklists/" + datongVersion)
                .expectStatus()
                .isOk();
        get(PROVINCE, "/api/v1/checklists/" + datongVersion).expectStatus().isOk();

        Map<String, Object> page =
                body(get(PROVINCE, "/api/v1/checklists?size=1").expectStatus().isOk());
        assertThat(page).containsEntry("page", 0).containsEntry("size", 1);
        assertThat((List<?>) page.get("items")).hasSize(1);
        assertThat(((Number) page.get("total")).longValue()).isGreaterThanOrEqualTo(2);
        get(PROVINCE, "/api/v1/checklists?size=500")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("size");
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    @Test
    void badDraftsAreProblemsNamingTheFieldAndStoreNothing() {
        long versions = count("SELECT count(*) FROM checklist_version");
        long items = count("SELECT count(*) FROM checklist_item");
        UUID v1 = seededVersion();

        Map<String, Object> badItem = item(101, "MINING", "NOT_A_VIOLATION");
        post(
                        TAIYUAN,
                        "/api/v1/checklists",
                        Map.of(
                                "title",
                                "坏的",
                                "basedOn",
                                v1.toString(),
                                "items",
                                List.of(
                                        item(101, null, "LEDGER_INCOMPLETE"),
                                        badItem,
                                        item(5, null, "LEDGER_INCOMPLETE"))))
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("validation-failed")
                .jsonPath("$.errors[?(@.field == 'items[1].keyIndustry')]")
                .exists()
                .jsonPath("$.errors[?(@.field == 'items[1].violationType')]")
                .exists()
                .jsonPath("$.errors[?(@.field == 'items[2].itemNo')]")
                .exists();
        // A city must extend a published province version.
        post(
                        TAIYUAN,
                        "/api/v1/checklists",
                        Map.of(
                                "title",
                                "无基础",
                                "basedOn",
                                UUID.randomUUID().toString(),
                                "items",
                                List.of(item(101, null, "LEDGER_INCOMPLETE"))))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("basedOn");
        // The province must send all ten items.
        post(
                        PROVINCE,
                        "/api/v1/checklists",
                        Map.of("title", "不完整", "items", List.of(item(1, null, "UNPERMITTED_DISCHARGE"))))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("items");
        // Counties and inspectors do not write checklists.
        post(TestJwts.token("COUNTY", "140105"), "/api/v1/checklists", Map.of("title", "县", "items", List.of()))
                .expectStatus()
                .isForbidden();
        post(TestJwts.token("INSPECTOR", "140100"), "/api/v1/checklists/" + v1 + "/publish", null)
                .expectStatus()
                .isForbidden();
        get(TAIYUAN, "/api/v1/checklists/" + v1 + "?keyIndustry=MINING")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("keyIndustry");

        assertThat(count("SELECT count(*) FROM checklist_version")).isEqualTo(versions);
        assertThat(count("SELECT count(*) FROM checklist_item")).isEqualTo(items);
    }
}
