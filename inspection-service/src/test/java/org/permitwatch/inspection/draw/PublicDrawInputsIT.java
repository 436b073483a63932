package org.permitwatch.inspection.draw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.permitwatch.inspection.InspectionItSupport.get;
import static org.permitwatch.inspection.InspectionItSupport.post;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.permitwatch.inspection.InspectionIntegrationTest;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The anonymous inputs of a published draw (ADR 0027) over real PostgreSQL: only published draws, nothing about
 * officers, pages in canonical order, cacheable — and enough to re-run the unit selection to the same list. Its own
 * city (Lüliang, 141100) so no other test's units join the population.
 */
@InspectionIntegrationTest
class PublicDrawInputsIT {

    private static final int YEAR = java.time.Year.now().getValue() + 1;
    private static final String CITY = "141100";
    private static final String COUNTY = "141102";

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    JsonMapper json;

    private void unit(String permit, String sourceType) {
        db.sql("""
                        INSERT INTO directory_unit (permit_number, unit_name, division_code, snapshot, source_event, uscc,
                               city_code, county_code, industry_code, key_industry, management_category, status,
                               without_permit, source_type, positive_list, version)
                        VALUES (:p, :name, :county, '{}'::jsonb, 'test', '91141100MA0000000X', :city, :county, '2521',
                                'COKING', 'KEY', 'VALID', false, :source, false, 3)""")
                .bind("p", permit)
                .bind("name", "吕梁测试单位" + permit)
                .bind("county", COUNTY)
                .bind("city", CITY)
                .bind("source", sourceType)
                .then()
                .block();
    }

    private UUID inspector() {
        UUID id = UUID.randomUUID();
        db.sql("INSERT INTO inspector (id, certificate_no, name, division_code, on_post) "
                        + "VALUES (:id, :cert, '执法员', :d, true)")
                .bind("id", id)
                .bind("cert", "CERT-" + id)
                .bind("d", CITY)
                .then()
                .block();
        return id;
    }

    private static String city() {
        return "Bearer " + TestJwts.token("CITY", CITY);
    }

    private EntityExchangeResult<byte[]> anonymous(String uri, int status) {
        return web.get()
                .uri(uri)
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody()
                .returnResult();
    }

    private Map<String, Object> read(EntityExchangeResult<byte[]> result) {
        return json.readValue(result.getResponseBody(), new TypeReference<Map<String, Object>>() {});
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> body, String key) {
        return (List<Map<String, Object>>) body.get(key);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPublishedDrawsInputsAreAnonymousPagedCacheableWithoutOfficersAndReRunToTheSameUnits() {
        // 16 units: 12 KEY (LLK000–LLK011), 3 GENERAL, 1 SPECIAL, none excluded; LLK011 is targeted by hand
        for (int i = 0; i < 12; i++) {
            unit(String.format("LLK%03d", i), "KEY");
        }
        for (int i = 0; i < 3; i++) {
            unit(String.format("LLG%03d", i), "GENERAL");
        }
        unit("LLS000", "SPECIAL");
        List<UUID> officers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            officers.add(inspector());
        }
        Map<String, Object> plan = post(
                web,
                city(),
                "/api/v1/plans",
                Map.of(
                        "year",
                        YEAR,
                        "title",
                        "吕梁" + YEAR + "年排污许可清单式执法检查计划",
                        "startMonth",
                        6,
                        "rows",
                        List.of(Map.ofEntries(
                                Map.entry("rowNo", 4),
                                Map.entry("keyIndustry", "COKING"),
                                Map.entry("category", "DOUBLE_RANDOM"),
                                Map.entry("method", "SAMPLING"),
                                Map.entry("doubleRandom", true),
                                Map.entry("ratio", 0.1),
                                Map.entry("frequencyPeriod", "MONTH"),
                                Map.entry("frequencyTimes", 1),
                                Map.entry("contentDaily", "排污许可证载明事项落实情况"),
                                Map.entry("contentSpecial", "无组织排放专项检查"),
                                Map.entry("operatingMethod", "两名执法人员现场核查台账与在线监测数据"),
                                Map.entry("cooperatingAgencies", List.of("排污许可核发部门"))))),
                201);
        post(web, city(), "/api/v1/plans/" + plan.get("id") + "/publish", Map.of(), 200);
        Map<String, Object> draw = post(
                web,
                city(),
                "/api/v1/draws",
                Map.of("planId", plan.get("id"), "rowNo", 4, "month", YEAR + "-06", "targeted", List.of("LLK011")),
                201);
        String drawId = (String) draw.get("id");
        String uri = "/api/v1/public/draws/" + drawId + "/inputs";

        // drawn, revealed, but not published: the same 404 as a draw that does not exist (only the id differs)
        Map<String, Object> unpublished = read(anonymous(uri, 404));
        String unknownId = UUID.randomUUID().toString();
        Map<String, Object> unknown = read(anonymous("/api/v1/public/draws/" + unknownId + "/inputs", 404));
        assertThat(unpublished.keySet()).isEqualTo(unknown.keySet());
        assertThat(unpublished.get("code")).isEqualTo(unknown.get("code"));
        assertThat(unpublished.get("title")).isEqualTo(unknown.get("title"));
        assertThat(((String) unpublished.get("detail")).replace(drawId, "ID"))
                .isEqualTo(((String) unknown.get("detail")).replace(unknownId, "ID"));

        // the rest of the draw API still needs a token
        anonymous("/api/v1/draws/" + drawId, 401);
        anonymous("/api/v1/draws/" + drawId + "/verification", 401);
        anonymous("/api/v1/draws", 401);

        db.sql("UPDATE inspection_task SET status = 'DONE' WHERE draw_id = :d")
                .bind("d", UUID.fromString(drawId))
                .then()
                .block();
        post(web, city(), "/api/v1/draws/" + drawId + "/publish", Map.of(), 200);

        // published: 16 units in pages of 5 → 5 + 5 + 5 + 1 (16 = 3 × 5 + 1), in permit-number order
        List<Map<String, Object>> population = new ArrayList<>();
        Map<String, Object> first = null;
        String etag = null;
        for (int page = 0; page < 4; page++) {
            EntityExchangeResult<byte[]> result = anonymous(uri + "?size=5&page=" + page, 200);
            String text = new String(result.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8);
            // nothing about officers: none of the pool's ids (and no officer field: the key sets below are exact)
            for (UUID officer : officers) {
                assertThat(text).doesNotContain(officer.toString());
            }
            assertThat(result.getResponseHeaders().getCacheControl())
                    .contains("public")
                    .contains("max-age=86400");
            assertThat(result.getResponseHeaders().getETag()).isNotBlank();
            Map<String, Object> body = read(result);
            assertThat(body.keySet())
                    .containsExactlyInAnyOrder(
                            "drawId",
                            "cityCode",
                            "divisionCode",
                            "level",
                            "periodMonth",
                            "algorithm",
                            "seedHash",
                            "seed",
                            "committedAt",
                            "publishedAt",
                            "eligibleFingerprint",
                            "quotas",
                            "targeted",
                            "eligible",
                            "page",
                            "size",
                            "total");
            assertThat(body)
                    .containsEntry("total", 16)
                    .containsEntry("page", page)
                    .containsEntry("size", 5);
            assertThat(list(body, "eligible"))
                    .hasSize(page < 3 ? 5 : 1)
                    .allSatisfy(u ->
                            assertThat(u.keySet()).containsExactlyInAnyOrder("permitNumber", "version", "stratum"));
            population.addAll(list(body, "eligible"));
            if (page == 0) {
                first = body;
                etag = result.getResponseHeaders().getETag();
            }
        }
        assertThat(population)
                .extracting(u -> (String) u.get("permitNumber"))
                .isSortedAccordingTo(Comparator.naturalOrder())
                .doesNotHaveDuplicates()
                .hasSize(16);
        // a page past the end is empty, not an error
        assertThat(list(read(anonymous(uri + "?size=5&page=4", 200)), "eligible"))
                .isEmpty();

        // the same as the confidential record: seed, commitment, quotas, targeted unit, population
        Map<String, Object> confidential = get(web, city(), "/api/v1/draws/" + drawId + "/verification", 200);
        Map<String, Object> recorded = (Map<String, Object>) confidential.get("inputs");
        assertThat(first)
                .containsEntry("seed", draw.get("seed"))
                .containsEntry("seedHash", draw.get("seedHash"))
                .containsEntry("eligibleFingerprint", draw.get("eligibleFingerprint"))
                .containsEntry("cityCode", CITY)
                .containsEntry("level", "CITY")
                .containsEntry("periodMonth", YEAR + "-06")
                .containsEntry("algorithm", DrawService.ALGORITHM)
                .containsEntry("quotas", recorded.get("quotas"));
        // quotas by hand (Quotas, ADR 0013; row ratio 0.1 a month, default stratum ratios KEY = GENERAL = 0.1,
        // SPECIAL = 1; denominators before exclusions, the targeted unit included): KEY ceil(0.1 × 12) = ceil(1.2) = 2,
        // GENERAL ceil(0.1 × 3) = ceil(0.3) = 1, SPECIAL ceil(1 × 1) = 1; the row's month budget is the same
        assertThat((Map<String, Object>) first.get("quotas"))
                .containsEntry("KEY", 2)
                .containsEntry("GENERAL", 1)
                .containsEntry("SPECIAL", 1);
        assertThat(first.get("seedHash")).isEqualTo(Fingerprints.seedHash((String) first.get("seed")));
        assertThat(list(first, "targeted"))
                .extracting(u -> u.get("permitNumber"))
                .containsExactly("LLK011");
        assertThat(population).containsExactlyInAnyOrderElementsOf(list(recorded, "eligible"));

        // sufficiency: the unit selection re-run from the public inputs alone (no officers) gives the drawn list
        List<DrawAlgorithm.Candidate> eligible = population.stream()
                .map(u -> new DrawAlgorithm.Candidate(
                        (String) u.get("permitNumber"), ((Number) u.get("version")).longValue(), (String)
                                u.get("stratum")))
                .toList();
        List<DrawAlgorithm.Candidate> targeted = list(first, "targeted").stream()
                .map(u -> new DrawAlgorithm.Candidate(
                        (String) u.get("permitNumber"), ((Number) u.get("version")).longValue(), (String)
                                u.get("stratum")))
                .toList();
        assertThat(Fingerprints.units(eligible)).isEqualTo(first.get("eligibleFingerprint"));
        List<DrawAlgorithm.Pick> rerun = DrawAlgorithm.run(new DrawAlgorithm.Input(
                (String) first.get("seed"),
                eligible,
                targeted,
                (Map<String, Integer>) first.get("quotas"),
                List.of(),
                0));
        assertThat(rerun)
                .extracting(p -> p.permitNumber() + "/" + p.stratum() + "/" + p.targeted())
                .containsExactlyElementsOf(list(draw, "units").stream()
                        .map(u -> u.get("permitNumber") + "/" + u.get("stratum") + "/" + u.get("targeted"))
                        .toList());

        // a conditional repeat is a 304 without a body; a token is not needed but does no harm
        web.get()
                .uri(uri + "?size=5&page=0")
                .header(HttpHeaders.IF_NONE_MATCH, etag)
                .exchange()
                .expectStatus()
                .isNotModified();
        web.get()
                .uri(uri + "?size=5&page=0")
                .header(HttpHeaders.AUTHORIZATION, city())
                .exchange()
                .expectStatus()
                .isOk();

        // bounded pages: a problem naming the field
        assertThat(list(read(anonymous(uri + "?size=5001", 400)), "errors"))
                .extracting(e -> e.get("field"))
                .containsExactly("size");
        assertThat(list(read(anonymous(uri + "?page=-1", 400)), "errors"))
                .extracting(e -> e.get("field"))
                .containsExactly("page");
    }
}
