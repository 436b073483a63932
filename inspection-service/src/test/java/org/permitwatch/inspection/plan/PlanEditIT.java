package org.permitwatch.inspection.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.permitwatch.inspection.InspectionFixtures.bearer;
import static org.permitwatch.inspection.InspectionFixtures.count;
import static org.permitwatch.inspection.InspectionFixtures.inspector;
import static org.permitwatch.inspection.InspectionFixtures.planRow;
import static org.permitwatch.inspection.InspectionFixtures.unit;
import static org.permitwatch.inspection.InspectionItSupport.get;
import static org.permitwatch.inspection.InspectionItSupport.post;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.permitwatch.inspection.InspectionIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Editing a draft plan (附件3): the same rules as creating one, If-Match versions, published and foreign plans. The
 * database is emptied per class, not per test: each test plans for its own city so the denominators are its own.
 */
@InspectionIntegrationTest
class PlanEditIT {

    private static final int YEAR = java.time.Year.now().getValue() + 1;

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    private Map<String, Object> body(String title, double ratio) {
        return Map.of(
                "year",
                YEAR,
                "title",
                title,
                "startMonth",
                6,
                "rows",
                List.of(planRow(4, "COKING", "DOUBLE_RANDOM", ratio, "MONTH", 1)));
    }

    private WebTestClient.ResponseSpec put(String token, String id, String ifMatch, Object body) {
        var spec = web.put()
                .uri("/api/v1/plans/" + id)
                .header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            spec = spec.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        return spec.bodyValue(body).exchange();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstRow(Map<String, Object> plan) {
        return ((List<Map<String, Object>>) plan.get("rows")).get(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDraftIsEditedUnderItsVersionWithTheRulesOfCreation() {
        for (int i = 0; i < 10; i++) {
            unit(db, "EDIT" + i, "编辑单位" + i, "140202", "COKING");
        }
        inspector(db, "140200", true);
        inspector(db, "140202", true);
        String city = bearer("CITY", "140200");
        Map<String, Object> created = post(web, city, "/api/v1/plans", body("大同计划（初稿）", 0.25), 201);
        String id = (String) created.get("id");
        // KEY stratum ceil(0.25 × 10) = ceil(2.5) = 3 units per round
        assertThat(firstRow(created)).containsEntry("unitsPerRound", 3);
        assertThat(created).containsEntry("version", 0);
        web.get()
                .uri("/api/v1/plans/" + id)
                .header(HttpHeaders.AUTHORIZATION, city)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"0\"");

        // without If-Match: 428, nothing changed
        put(city, id, null, body("大同计划", 0.5))
                .expectStatus()
                .isEqualTo(428)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("if-match-required");

        Map<String, Object> edited = put(city, id, "\"0\"", body("大同计划", 0.5))
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"1\"")
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        // recounted as on creation: KEY ceil(0.5 × 10) = 5 units per round; each of the 7 months June..December
        // has 1 round of 5 units
        assertThat(edited)
                .containsEntry("title", "大同计划")
                .containsEntry("version", 1)
                .containsEntry("id", id);
        assertThat(firstRow(edited)).containsEntry("unitsPerRound", 5).containsEntry("denominator", 10);
        assertThat((List<Map<String, Object>>) firstRow(edited).get("months"))
                .hasSize(7)
                .allSatisfy(m -> assertThat(m).containsEntry("plannedUnits", 5));
        // capacity recomputed: 7 months × 5 units × 2 officers × 1 day = 70 inspector-days needed (was 7 × 3 × 2 = 42);
        // available unchanged: 2 on post × 250 days × 0.4 / 12 × 7 months = 116.7
        assertThat((Map<String, Object>) created.get("capacity")).containsEntry("neededInspectorDays", 42.0);
        assertThat((Map<String, Object>) edited.get("capacity"))
                .containsEntry("neededInspectorDays", 70.0)
                .containsEntry("availableInspectorDays", 116.7);
        // the old rows are gone, not kept beside the new ones
        assertThat(count(db, "SELECT count(*) FROM plan_row WHERE plan_id = '" + id + "'"))
                .isEqualTo(1);
        assertThat(count(
                        db,
                        "SELECT count(*) FROM audit_log WHERE action = 'plan.update' AND resource_id = '" + id + "'"))
                .isEqualTo(1);

        // a colleague still holding version 0 is refused instead of overwriting the edit
        put(city, id, "\"0\"", body("旧版本", 0.25))
                .expectStatus()
                .isEqualTo(412)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("stale-version");
        assertThat(get(web, city, "/api/v1/plans/" + id, 200)).containsEntry("title", "大同计划");
    }

    @Test
    void badFieldsAreNamedAndNothingIsStored() {
        unit(db, "EDITB0", "编辑单位", "140302", "COKING");
        inspector(db, "140300", true);
        String city = bearer("CITY", "140300");
        String id =
                (String) post(web, city, "/api/v1/plans", body("初稿", 0.25), 201).get("id");

        put(city, id, "\"0\"", body(" ", 0.25))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("title");
        put(city, id, "\"0\"", body("草稿", 1.5))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .value(f -> assertThat((String) f).startsWith("rows[0]."));
        Map<String, Object> unchanged = get(web, city, "/api/v1/plans/" + id, 200);
        assertThat(unchanged).containsEntry("title", "初稿").containsEntry("version", 0);
    }

    @Test
    void aPublishedPlanOrAnotherBureausPlanCannotBeEdited() {
        unit(db, "EDITP0", "编辑单位", "140402", "COKING");
        inspector(db, "140400", true);
        inspector(db, "140402", true);
        String city = bearer("CITY", "140400");
        String id = (String)
                post(web, city, "/api/v1/plans", body("已发布", 0.25), 201).get("id");

        // another city, and a county of the same city: not their bureau's plan → 404 (as publishing answers)
        put(bearer("CITY", "140500"), id, "\"0\"", body("别人的", 0.25))
                .expectStatus()
                .isNotFound();
        put(bearer("COUNTY", "140402"), id, "\"0\"", body("县里的", 0.25))
                .expectStatus()
                .isNotFound();

        post(web, city, "/api/v1/plans/" + id + "/publish", Map.of(), 200);
        put(city, id, "\"0\"", body("发布后", 0.25))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("plan-already-published");
    }
}
