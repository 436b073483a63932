package org.permitwatch.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.permitwatch.inspection.InspectionFixtures.bearer;
import static org.permitwatch.inspection.InspectionFixtures.inspector;
import static org.permitwatch.inspection.InspectionFixtures.planRow;
import static org.permitwatch.inspection.InspectionFixtures.unit;
import static org.permitwatch.inspection.InspectionItSupport.get;
import static org.permitwatch.inspection.InspectionItSupport.post;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Server-side sorting of inspection-service's lists (docs/api/README.md, "Sorting"): the order both ways with the id
 * breaking ties, the default order when no sort is given, a 400 naming sort for anything outside the whitelist, and
 * every whitelisted value of every list — read from the served OpenAPI document, so the document and the server
 * cannot disagree — answering 200 (each names a real column of its query).
 */
@InspectionIntegrationTest
class ListSortIT {

    private static final List<String> LISTS = List.of(
            "/api/v1/plans",
            "/api/v1/draws",
            "/api/v1/tasks",
            "/api/v1/inspections",
            "/api/v1/cases",
            "/api/v1/alerts");

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @SuppressWarnings("unchecked")
    private static List<String> column(Map<String, Object> page, String field) {
        return ((List<Map<String, Object>>) page.get("items"))
                .stream().map(i -> String.valueOf(i.get(field))).toList();
    }

    @Test
    void plansSortByTitleBothWays() {
        inspector(db, "140100", true);
        String city = bearer("CITY", "140100");
        int year = java.time.Year.now().getValue() + 1;
        for (String title : List.of("B计划", "C计划", "A计划")) {
            post(
                    web,
                    city,
                    "/api/v1/plans",
                    Map.of(
                            "year",
                            year,
                            "title",
                            title,
                            "rows",
                            List.of(planRow(1, "COKING", "ON_SITE", 0.1, "YEAR", 1))),
                    201);
        }
        assertThat(column(get(web, city, "/api/v1/plans?sort=title,asc", 200), "title"))
                .containsExactly("A计划", "B计划", "C计划");
        assertThat(column(get(web, city, "/api/v1/plans?sort=title,desc", 200), "title"))
                .containsExactly("C计划", "B计划", "A计划");
    }

    @Test
    void tasksSortByDueDateAndPermitNumberBothWaysWithTiesBrokenByTheId() {
        String city = bearer("CITY", "140100");
        UUID a = inspector(db, "140105", true);
        UUID b = inspector(db, "140105", true);
        int next = java.time.Year.now().getValue() + 1;
        // P2 and P3 share a due date: their order among themselves follows the id, the same way as the sort
        Map<String, String> due =
                Map.of("SORT-P1", next + "-05-01", "SORT-P2", next + "-03-01", "SORT-P3", next + "-03-01");
        Map<String, String> ids = new java.util.HashMap<>();
        for (var e : due.entrySet()) {
            unit(db, e.getKey(), "排序单位" + e.getKey(), "140105", "COKING");
            ids.put(e.getKey(), (String) post(
                            web,
                            city,
                            "/api/v1/tasks",
                            Map.of(
                                    "permitNumber",
                                    e.getKey(),
                                    "origin",
                                    "MANUAL",
                                    "method",
                                    "ON_SITE",
                                    "dueDate",
                                    e.getValue(),
                                    "department",
                                    "LAW_ENFORCEMENT",
                                    "inspectorIds",
                                    List.of(a, b)),
                            201)
                    .get("id"));
        }
        assertThat(column(get(web, city, "/api/v1/tasks?sort=permitNumber,asc", 200), "permitNumber"))
                .containsExactly("SORT-P1", "SORT-P2", "SORT-P3");
        assertThat(column(get(web, city, "/api/v1/tasks?sort=permitNumber,desc", 200), "permitNumber"))
                .containsExactly("SORT-P3", "SORT-P2", "SORT-P1");
        // PostgreSQL orders uuids bytewise, i.e. as their lower-case hex text (java.util.UUID compares signed longs)
        boolean p2First = ids.get("SORT-P2").compareTo(ids.get("SORT-P3")) < 0;
        List<String> march = p2First ? List.of("SORT-P2", "SORT-P3") : List.of("SORT-P3", "SORT-P2");
        assertThat(column(get(web, city, "/api/v1/tasks?sort=dueDate,asc", 200), "permitNumber"))
                .containsExactly(march.get(0), march.get(1), "SORT-P1");
        assertThat(column(get(web, city, "/api/v1/tasks?sort=dueDate,desc", 200), "permitNumber"))
                .containsExactly("SORT-P1", march.get(1), march.get(0));
        // no sort: the order before sorting existed (due date, then permit number)
        assertThat(column(get(web, city, "/api/v1/tasks", 200), "permitNumber"))
                .containsExactly("SORT-P2", "SORT-P3", "SORT-P1");
    }

    @Test
    void alertsSortByUnitNameBothWaysAndDefaultToNewestFirst() {
        String[][] alerts = {{"ALERT-1", "A 单位", "3"}, {"ALERT-2", "C 单位", "1"}, {"ALERT-3", "B 单位", "2"}};
        for (String[] a : alerts) {
            db.sql("""
                            INSERT INTO remote_alert (id, rule, rule_version, permit_number, unit_name, province_code,
                                   city_code, county_code, violation_type, article, condition_key, evidence, status,
                                   raised_at)
                            VALUES (:id, 'CATEGORY_TOO_LOW', 'v1', :permit, :name, '140000', '140100', '140105',
                                    'UNPERMITTED_DISCHARGE', '第三十三条', :permit, '{}'::jsonb, 'OPEN',
                                    now() - make_interval(hours => :hours))""")
                    .bind("id", UUID.randomUUID())
                    .bind("permit", a[0])
                    .bind("name", a[1])
                    .bind("hours", Integer.parseInt(a[2]))
                    .then()
                    .block();
        }
        String city = bearer("CITY", "140100");
        // names that every collation orders alike: A < B < C
        assertThat(column(get(web, city, "/api/v1/alerts?sort=unitName,asc", 200), "permitNumber"))
                .containsExactly("ALERT-1", "ALERT-3", "ALERT-2");
        assertThat(column(get(web, city, "/api/v1/alerts?sort=unitName,desc", 200), "permitNumber"))
                .containsExactly("ALERT-2", "ALERT-3", "ALERT-1");
        // default: newest first (raised 1, 2, 3 hours ago)
        assertThat(column(get(web, city, "/api/v1/alerts", 200), "permitNumber"))
                .containsExactly("ALERT-2", "ALERT-3", "ALERT-1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyListRefusesAnUnknownSortAndAcceptsEveryDocumentedOne() {
        String city = bearer("CITY", "140100");
        Map<String, Object> doc = get(web, city, "/v3/api-docs", 200);
        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
        for (String list : LISTS) {
            for (String bad : List.of("nope,asc", "id;drop,asc", "createdAt,sideways")) {
                web.get()
                        .uri(list + "?sort=" + bad)
                        .header("Authorization", city)
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
                get(web, city, list + "?sort=" + value, 200);
            }
        }
    }
}
