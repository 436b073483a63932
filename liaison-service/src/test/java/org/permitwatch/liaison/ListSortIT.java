package org.permitwatch.liaison;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Server-side sorting of liaison-service's lists (docs/api/README.md, "Sorting"): the order both ways, ties broken by
 * the id in the same direction, a 400 naming sort for anything outside the whitelist, and every value the served OpenAPI
 * document lists answering 200 (so each names a real column of its query). Expected orders are written out here, from
 * the rows this class creates, never read back from the service.
 */
@LiaisonIntegrationTest
class ListSortIT {

    private static final String PROVINCE = TestJwts.token("PROVINCE", "140000");
    /** Changzhi receives only this class's clues. */
    private static final String CHANGZHI = TestJwts.token("CITY", "140400");

    private static final List<String> LISTS = List.of("/api/v1/liaisons", "/api/v1/clues");

    @Autowired
    WebTestClient web;

    @SuppressWarnings("unchecked")
    private Map<String, Object> created(String path, Map<String, Object> body) {
        return web.post()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + PROVINCE)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectBody(Map.class)
                .consumeWith(r -> assertThat(r.getStatus().value())
                        .as("%s", r.getResponseBody())
                        .isEqualTo(201))
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private List<String> column(String token, String uri, String field) {
        Map<String, Object> page = web.get()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return ((List<Map<String, Object>>) page.get("items"))
                .stream().map(i -> String.valueOf(i.get(field))).toList();
    }

    /** PostgreSQL orders uuids bytewise, i.e. as their lower-case hex text (java.util.UUID compares signed longs). */
    private static List<String> byId(Map<String, String> idByName) {
        List<String> names = new ArrayList<>(idByName.keySet());
        names.sort((a, b) -> idByName.get(a).compareTo(idByName.get(b)));
        return names;
    }

    @Test
    void liaisonsSortByNameAndDivisionBothWaysWithTiesBrokenByTheId() {
        // one enforcement liaison in each of three cities; names that every collation orders alike (A < B < C),
        // deliberately not in the cities' order
        Map<String, String> cityOf = Map.of("B联络员", "140300", "C联络员", "140500", "A联络员", "140600");
        Map<String, String> ids = new HashMap<>();
        cityOf.forEach((name, city) -> ids.put(name, (String) created(
                        "/api/v1/liaisons",
                        Map.of(
                                "role",
                                "ENFORCEMENT",
                                "divisionCode",
                                city,
                                "personName",
                                name,
                                "organisation",
                                "生态环境局",
                                "phone",
                                "13912345678",
                                "email",
                                "liaison@example.gov.cn"))
                .get("id")));
        String list = "/api/v1/liaisons?size=50&role=ENFORCEMENT&sort=";

        assertThat(column(PROVINCE, list + "personName,asc", "personName")).containsExactly("A联络员", "B联络员", "C联络员");
        assertThat(column(PROVINCE, list + "personName,desc", "personName")).containsExactly("C联络员", "B联络员", "A联络员");
        // 140300 (B) < 140500 (C) < 140600 (A)
        assertThat(column(PROVINCE, list + "divisionCode,asc", "personName")).containsExactly("B联络员", "C联络员", "A联络员");
        assertThat(column(PROVINCE, list + "divisionCode,desc", "personName")).containsExactly("A联络员", "C联络员", "B联络员");
        // all three are ENFORCEMENT: the id alone decides, ascending then descending
        List<String> ascendingIds = byId(ids);
        assertThat(column(PROVINCE, list + "role,asc", "personName")).containsExactlyElementsOf(ascendingIds);
        List<String> descendingIds = new ArrayList<>(ascendingIds);
        java.util.Collections.reverse(descendingIds);
        assertThat(column(PROVINCE, list + "role,desc", "personName")).containsExactlyElementsOf(descendingIds);
    }

    @Test
    void cluesSortByPermitNumberAndRequestedByBothWays() {
        // permit number order P-A < P-B < P-C; requested-by order P-C (07-20) < P-A (08-01) < P-B (09-10)
        Map<String, String> requestedBy =
                Map.of("SORT-P-B", "2026-09-10", "SORT-P-A", "2026-08-01", "SORT-P-C", "2026-07-20");
        requestedBy.forEach((permit, by) -> {
            Map<String, Object> form = new HashMap<>();
            form.put("fromDepartment", "MONITORING");
            form.put("toDivisionCode", "140400");
            form.put("toDepartment", "ENFORCEMENT");
            form.put("permitNumber", permit);
            form.put("summary", "在线监测数据异常");
            form.put(
                    "evidence",
                    List.of(Map.of("kind", "MONITORING_DATA", "description", "小时数据", "reference", "doc-" + permit)));
            form.put("requestedBy", by);
            created("/api/v1/clues", form);
        });
        String list = "/api/v1/clues?size=50&direction=INCOMING&sort=";

        assertThat(column(CHANGZHI, list + "permitNumber,asc", "permitNumber"))
                .containsExactly("SORT-P-A", "SORT-P-B", "SORT-P-C");
        assertThat(column(CHANGZHI, list + "permitNumber,desc", "permitNumber"))
                .containsExactly("SORT-P-C", "SORT-P-B", "SORT-P-A");
        assertThat(column(CHANGZHI, list + "requestedBy,asc", "permitNumber"))
                .containsExactly("SORT-P-C", "SORT-P-A", "SORT-P-B");
        assertThat(column(CHANGZHI, list + "requestedBy,desc", "permitNumber"))
                .containsExactly("SORT-P-B", "SORT-P-A", "SORT-P-C");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyListRefusesAnUnknownSortAndAcceptsEveryDocumentedOne() {
        Map<String, Object> doc = web.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
        for (String list : LISTS) {
            for (String bad : List.of("nope,asc", "id;drop,asc", "personName,sideways", "permitNumber")) {
                web.get()
                        .uri(list + "?sort=" + bad)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + PROVINCE)
                        .exchange()
                        .expectStatus()
                        .isBadRequest()
                        .expectBody()
                        .jsonPath("$.errors[0].field")
                        .isEqualTo("sort");
            }
            Map<String, Object> get = (Map<String, Object>) ((Map<String, Object>) paths.get(list)).get("get");
            List<String> allowed = ((List<Map<String, Object>>) get.get("parameters"))
                    .stream()
                            .filter(p -> "sort".equals(p.get("name")))
                            .map(p -> (List<String>) ((Map<String, Object>) p.get("schema")).get("enum"))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(list + " documents no sort enum"));
            assertThat(allowed)
                    .as(list)
                    .isNotEmpty()
                    .allSatisfy(v -> assertThat(v).matches("[a-zA-Z]+,(asc|desc)"));
            for (String value : allowed) {
                column(PROVINCE, list + "?sort=" + value, "id");
            }
        }
    }
}
