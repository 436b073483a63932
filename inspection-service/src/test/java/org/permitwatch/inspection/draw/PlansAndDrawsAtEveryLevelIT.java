package org.permitwatch.inspection.draw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.permitwatch.inspection.InspectionItSupport.get;
import static org.permitwatch.inspection.InspectionItSupport.post;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.permitwatch.inspection.InspectionIntegrationTest;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 12.6 (ADR 0013) over real PostgreSQL and Kafka: ratios per stratum with configured floors, county plans and
 * draws inside their city's plan, 登记管理 units where a row includes them, and the province's random draw for remote
 * checks. Each test uses its own cities; every count below is computed by hand in the comments.
 */
@InspectionIntegrationTest
class PlansAndDrawsAtEveryLevelIT {

    private static final int YEAR = java.time.Year.now().getValue() + 1;
    private static final String JUNE = YEAR + "-06";

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    // ---------------------------------------------------------------- fixtures

    private void unit(String permit, String county, String industry, String category, String status, String stratum) {
        db.sql("""
                        INSERT INTO directory_unit (permit_number, unit_name, division_code, snapshot, source_event, uscc,
                               city_code, county_code, industry_code, key_industry, management_category, status,
                               without_permit, source_type, positive_list, version)
                        VALUES (:p, :name, :county, '{}'::jsonb, 'test', '91140100MA0000000X', :city, :county, '2521',
                                :industry, :category, :status, :without, :stratum, false, 1)""")
                .bind("p", permit)
                .bind("name", "单位" + permit)
                .bind("county", county)
                .bind("city", county.substring(0, 4) + "00")
                .bind("industry", industry)
                .bind("category", category)
                .bind("status", status)
                .bind("without", !"VALID".equals(status))
                .bind("stratum", stratum)
                .then()
                .block();
    }

    private void units(String prefix, String county, String industry, String category, String stratum, int n) {
        for (int i = 0; i < n; i++) {
            unit(String.format("%s%03d", prefix, i), county, industry, category, "VALID", stratum);
        }
    }

    private void inspectors(String division, int n) {
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            db.sql(
                            "INSERT INTO inspector (id, certificate_no, name, division_code, on_post) VALUES (:id, :c, '执法员', :d, true)")
                    .bind("id", id)
                    .bind("c", "CERT-" + id)
                    .bind("d", division)
                    .then()
                    .block();
        }
    }

    private static String bearer(String role, String division) {
        return "Bearer " + TestJwts.token(role, division);
    }

    /** A problem naming {@code field} first, with {@code code}. */
    private void problem(String bearer, String uri, Object body, int status, String code, String field) {
        web.post()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, bearer)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code)
                .jsonPath("$.errors[0].field")
                .isEqualTo(field);
    }

    private static Map<String, Object> row(
            int rowNo,
            String industry,
            String period,
            int times,
            Map<String, Object> ratios,
            Map<String, Object> extra) {
        Map<String, Object> row = new HashMap<>(Map.of(
                "rowNo",
                rowNo,
                "keyIndustry",
                industry,
                "category",
                "DOUBLE_RANDOM",
                "method",
                "SAMPLING",
                "doubleRandom",
                true,
                "ratio",
                0.05,
                "frequencyPeriod",
                period,
                "frequencyTimes",
                times,
                "contentDaily",
                "按清单逐项检查"));
        if (ratios != null) {
            row.put("stratumRatios", ratios);
        }
        row.putAll(extra);
        return row;
    }

    private static Map<String, Object> ratios(double key, double general, double special) {
        return Map.of("KEY", key, "GENERAL", general, "SPECIAL", special);
    }

    private static Map<String, Object> plan(String title, Object parentPlanId, List<Map<String, Object>> rows) {
        Map<String, Object> plan = new HashMap<>(Map.of("year", YEAR, "title", title, "startMonth", 6, "rows", rows));
        if (parentPlanId != null) {
            plan.put("parentPlanId", parentPlanId);
        }
        return plan;
    }

    private String publishedPlan(String bearer, Map<String, Object> body) {
        String id = (String) post(web, bearer, "/api/v1/plans", body, 201).get("id");
        post(web, bearer, "/api/v1/plans/" + id + "/publish", Map.of(), 200);
        return id;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> body, String key) {
        return (List<Map<String, Object>>) body.get(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> body, String key) {
        return (Map<String, Object>) body.get(key);
    }

    private static List<String> permits(Map<String, Object> draw) {
        return list(draw, "units").stream()
                .map(u -> (String) u.get("permitNumber"))
                .toList();
    }

    private void verifies(String bearer, Object drawId) {
        Map<String, Object> v = get(web, bearer, "/api/v1/draws/" + drawId + "/verification", 200);
        assertThat(v)
                .containsEntry("identical", true)
                .containsEntry("seedMatchesHash", true)
                .containsEntry("eligibleFingerprintMatches", true);
        assertThat(v.get("recomputed")).isEqualTo(v.get("recorded"));
    }

    // ---------------------------------------------------------------- (c) ratios per stratum, floors

    @Test
    void aRowDrawsEachStratumAtItsOwnRatioWithinTheRowsBudgetAndStaysVerifiable() {
        String city = "140300";
        units("YQK", "140302", "COKING", "KEY", "KEY", 12);
        units("YQG", "140303", "COKING", "SIMPLIFIED", "GENERAL", 37);
        units("YQS", "140302", "COKING", "KEY", "SPECIAL", 2);
        inspectors(city, 4);
        String bureau = bearer("CITY", city);

        Map<String, Object> created = post(
                web,
                bureau,
                "/api/v1/plans",
                plan("阳泉分层", null, List.of(row(1, "COKING", "MONTH", 1, ratios(0.2, 0.05, 1.0), Map.of()))),
                201);
        Map<String, Object> row = list(created, "rows").get(0);
        // per round: KEY ceil(0.20 × 12) = ceil(2.4) = 3; GENERAL ceil(0.05 × 37) = ceil(1.85) = 2;
        // SPECIAL ceil(1.0 × 2) = 2 → 7 units per round; the denominator is 12 + 37 + 2 = 51
        assertThat(map(row, "stratumDenominators"))
                .containsEntry("KEY", 12)
                .containsEntry("GENERAL", 37)
                .containsEntry("SPECIAL", 2);
        assertThat(map(row, "stratumUnitsPerRound"))
                .containsEntry("KEY", 3)
                .containsEntry("GENERAL", 2)
                .containsEntry("SPECIAL", 2);
        assertThat(row).containsEntry("denominator", 51).containsEntry("unitsPerRound", 7);
        String planId = (String) created.get("id");
        post(web, bureau, "/api/v1/plans/" + planId + "/publish", Map.of(), 200);

        Map<String, Object> draw =
                post(web, bureau, "/api/v1/draws", Map.of("planId", planId, "rowNo", 1, "month", JUNE), 201);
        assertThat(map(map(draw, "parameters"), "quotas"))
                .containsEntry("KEY", 3)
                .containsEntry("GENERAL", 2)
                .containsEntry("SPECIAL", 2);
        Map<String, Long> byStratum = list(draw, "units").stream()
                .collect(Collectors.groupingBy(u -> (String) u.get("stratum"), Collectors.counting()));
        assertThat(byStratum)
                .containsEntry("KEY", 3L)
                .containsEntry("GENERAL", 2L)
                .containsEntry("SPECIAL", 2L);
        assertThat(permits(draw)).doesNotHaveDuplicates().allMatch(p -> p.startsWith("YQ"));
        verifies(bureau, draw.get("id"));

        // June has one round: the row's budget is 3 + 2 + 2 and the first draw took all of it, so a second June draw
        // takes nothing (it records why) — and is still a verifiable draw
        Map<String, Object> again =
                post(web, bureau, "/api/v1/draws", Map.of("planId", planId, "rowNo", 1, "month", JUNE), 201);
        assertThat(list(again, "units")).isEmpty();
        Map<String, Object> budget = list(map(again, "parameters"), "budgets").get(0);
        assertThat(budget).containsEntry("kind", "CITY_ROW");
        assertThat(map(budget, "planned"))
                .containsEntry("KEY", 3)
                .containsEntry("GENERAL", 2)
                .containsEntry("SPECIAL", 2);
        assertThat(map(budget, "remaining"))
                .containsEntry("KEY", 0)
                .containsEntry("GENERAL", 0)
                .containsEntry("SPECIAL", 0);
        verifies(bureau, again.get("id"));
    }

    @Test
    void ratiosBelowTheirFloorAre422NamingTheFieldAndStoreNothing() {
        String bureau = bearer("CITY", "140700");
        long plans = db.sql("SELECT count(*) FROM inspection_plan")
                .map(r -> r.get(0, Long.class))
                .one()
                .block();
        // city floor for KEY: 5 % per quarter. Once a quarter at 1 %: 0.01 × 1 round = 1 % < 5 % → 422
        problem(
                bureau,
                "/api/v1/plans",
                plan("晋中", null, List.of(row(1, "COKING", "QUARTER", 1, ratios(0.01, 0.05, 1.0), Map.of()))),
                422,
                "ratio-below-floor",
                "rows[0].stratumRatios.KEY");
        // without stratumRatios KEY takes the row's ratio, so the field at fault is the ratio
        problem(
                bureau,
                "/api/v1/plans",
                plan("晋中", null, List.of(row(1, "COKING", "QUARTER", 1, null, Map.of("ratio", 0.01)))),
                422,
                "ratio-below-floor",
                "rows[0].ratio");
        // monthly at 2 %: 3 rounds a quarter × 2 % = 6 % ≥ 5 %; June alone (the plan starts in June) needs 5 % × 1/3
        // of the quarter and has 2 % → accepted
        post(
                web,
                bureau,
                "/api/v1/plans",
                plan("晋中", null, List.of(row(1, "COKING", "MONTH", 1, ratios(0.02, 0.0, 1.0), Map.of()))),
                201);
        // SPECIAL must be fully covered within the year: 0.5 × 1 round a year = 50 % < 100 % → 422
        problem(
                bureau,
                "/api/v1/plans",
                plan("晋中", null, List.of(row(1, "COKING", "YEAR", 1, ratios(1.0, 0.0, 0.5), Map.of()))),
                422,
                "ratio-below-floor",
                "rows[0].stratumRatios.SPECIAL");
        // a ratio outside 0–1 is a plain 400
        web.post()
                .uri("/api/v1/plans")
                .header(HttpHeaders.AUTHORIZATION, bureau)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(plan("晋中", null, List.of(row(1, "COKING", "MONTH", 1, ratios(1.5, 0, 1), Map.of()))))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .value(f -> assertThat((String) f).contains("stratumRatios"));
        assertThat(db.sql("SELECT count(*) FROM inspection_plan")
                        .map(r -> r.get(0, Long.class))
                        .one()
                        .block())
                .isEqualTo(plans + 1);
    }

    // ---------------------------------------------------------------- (a) county plans and draws

    @Test
    void countiesPlanAndDrawInsideTheirCitysRowSharingItsBudgetAndSeeOnlyTheirOwn() {
        String city = "140400";
        String countyA = "140402";
        String countyB = "140403";
        units("CZA", countyA, "STEEL", "KEY", "KEY", 8);
        units("CZB", countyB, "STEEL", "KEY", "KEY", 8);
        inspectors(countyA, 2);
        inspectors(countyB, 2);
        String cityBureau = bearer("CITY", city);
        String a = bearer("COUNTY", countyA);
        String b = bearer("COUNTY", countyB);

        // the city row: 16 KEY units at 50 % → ceil(8.0) = 8 units per round, one round a month from June
        String cityPlan = publishedPlan(
                cityBureau, plan("长治", null, List.of(row(1, "STEEL", "MONTH", 1, ratios(0.5, 0.05, 1.0), Map.of()))));

        // county A: its 8 KEY units at 50 % → 4 per round; county floor 25 % per quarter: 0.5 × 3 rounds = 150 % ≥ 25 %
        Map<String, Object> planA = post(
                web,
                a,
                "/api/v1/plans",
                plan(
                        "长治A",
                        cityPlan,
                        List.of(row(1, "STEEL", "MONTH", 1, ratios(0.5, 0.05, 1.0), Map.of("parentRowNo", 1)))),
                201);
        assertThat(planA)
                .containsEntry("level", "COUNTY")
                .containsEntry("divisionCode", countyA)
                .containsEntry("parentPlanId", cityPlan)
                .containsEntry("cityCode", city);
        assertThat(list(planA, "rows").get(0))
                .containsEntry("denominator", 8)
                .containsEntry("unitsPerRound", 4)
                .containsEntry("parentRowNo", 1);
        String planAId = (String) planA.get("id");
        post(web, a, "/api/v1/plans/" + planAId + "/publish", Map.of(), 200);

        // county B at 75 %: ceil(0.75 × 8) = 6 per round, but 6 + county A's 4 = 10 > the city row's 8 → 422
        problem(
                b,
                "/api/v1/plans",
                plan(
                        "长治B",
                        cityPlan,
                        List.of(row(1, "STEEL", "MONTH", 1, ratios(0.75, 0.05, 1.0), Map.of("parentRowNo", 1)))),
                422,
                "outside-city-plan",
                "rows[0].stratumRatios.KEY");
        // another industry than the city row's → 422
        problem(
                b,
                "/api/v1/plans",
                plan(
                        "长治B",
                        cityPlan,
                        List.of(row(1, "PAPER", "MONTH", 1, ratios(0.5, 0.05, 1.0), Map.of("parentRowNo", 1)))),
                422,
                "outside-city-plan",
                "rows[0].keyIndustry");
        // county floor: 10 % once a quarter = 10 % < 25 % → 422 (a city could plan that; a county may not)
        problem(
                b,
                "/api/v1/plans",
                plan(
                        "长治B",
                        cityPlan,
                        List.of(row(1, "STEEL", "QUARTER", 1, ratios(0.1, 0.05, 1.0), Map.of("parentRowNo", 1)))),
                422,
                "ratio-below-floor",
                "rows[0].stratumRatios.KEY");
        // a county cannot plan inside another city's plan
        post(
                web,
                bearer("COUNTY", "140502"),
                "/api/v1/plans",
                plan(
                        "晋城",
                        cityPlan,
                        List.of(row(1, "STEEL", "MONTH", 1, ratios(0.5, 0.05, 1.0), Map.of("parentRowNo", 1)))),
                404);
        // at 50 %: 4 + 4 = 8 ≤ 8. A draft reserves nothing: county A may draft a second plan taking 4 more (4 published
        // + 4 = 8 fits on its own), but once county B has published its 4, A's second plan is refused on publishing
        // (4 + 4 + 4 = 12 > 8)
        String planBId = (String) post(
                        web,
                        b,
                        "/api/v1/plans",
                        plan(
                                "长治B",
                                cityPlan,
                                List.of(row(1, "STEEL", "MONTH", 1, ratios(0.5, 0.05, 1.0), Map.of("parentRowNo", 1)))),
                        201)
                .get("id");
        String planA2Id = (String) post(
                        web,
                        a,
                        "/api/v1/plans",
                        plan(
                                "长治A-追加",
                                cityPlan,
                                List.of(row(1, "STEEL", "MONTH", 1, ratios(0.5, 0.05, 1.0), Map.of("parentRowNo", 1)))),
                        201)
                .get("id");
        post(web, b, "/api/v1/plans/" + planBId + "/publish", Map.of(), 200);
        problem(
                a,
                "/api/v1/plans/" + planA2Id + "/publish",
                Map.of(),
                422,
                "outside-city-plan",
                "rows[0].stratumRatios.KEY");
        // the city cannot publish a county's draft; it learns nothing about its budget (404, not 422)
        post(web, cityBureau, "/api/v1/plans/" + planA2Id + "/publish", Map.of(), 404);
        assertThat(get(web, a, "/api/v1/plans/" + planA2Id, 200)).containsEntry("status", "DRAFT");

        // county A draws June: min(eligible 8, ceil(0.5 × 8) = 4, its row's 4, the city row's 8) = 4, all its own
        Map<String, Object> drawA =
                post(web, a, "/api/v1/draws", Map.of("planId", planAId, "rowNo", 1, "month", JUNE), 201);
        assertThat(drawA).containsEntry("level", "COUNTY").containsEntry("divisionCode", countyA);
        assertThat(permits(drawA)).hasSize(4).allMatch(p -> p.startsWith("CZA"));
        // county B: the city row has 8 − 4 = 4 left, its own row 4 → 4, all of county B
        Map<String, Object> drawB =
                post(web, b, "/api/v1/draws", Map.of("planId", planBId, "rowNo", 1, "month", JUNE), 201);
        assertThat(permits(drawB)).hasSize(4).allMatch(p -> p.startsWith("CZB"));
        Map<String, Object> cityBudget = list(map(drawB, "parameters"), "budgets").stream()
                .filter(x -> "CITY_ROW".equals(x.get("kind")))
                .findFirst()
                .orElseThrow();
        assertThat(map(cityBudget, "drawn")).containsEntry("KEY", 4);
        assertThat(map(cityBudget, "remaining")).containsEntry("KEY", 4);
        // the city's own June draw: its row's 8 are used up (4 + 4) → nothing, and no unit is drawn twice
        Map<String, Object> drawCity =
                post(web, cityBureau, "/api/v1/draws", Map.of("planId", cityPlan, "rowNo", 1, "month", JUNE), 201);
        assertThat(permits(drawCity)).isEmpty();
        Set<String> all = new java.util.HashSet<>(permits(drawA));
        all.addAll(permits(drawB));
        assertThat(all).hasSize(8);
        verifies(a, drawA.get("id"));
        verifies(cityBureau, drawB.get("id"));

        // a county draws only its own plan's rows: the city plan and the other county's plan are not its
        post(web, a, "/api/v1/draws", Map.of("planId", cityPlan, "rowNo", 1, "month", JUNE), 404);
        post(web, a, "/api/v1/draws", Map.of("planId", planBId, "rowNo", 1, "month", JUNE), 404);

        // scope: a county sees its own plans and draws and its city's plan, never the other county's or the city's draw
        get(web, a, "/api/v1/plans/" + cityPlan, 200);
        get(web, a, "/api/v1/plans/" + planBId, 404);
        // county A: its two plans and the city's = 3
        assertThat(get(web, a, "/api/v1/plans?year=" + YEAR, 200)).containsEntry("total", 3);
        get(web, a, "/api/v1/draws/" + drawA.get("id"), 200);
        get(web, a, "/api/v1/draws/" + drawB.get("id"), 404);
        get(web, a, "/api/v1/draws/" + drawB.get("id") + "/verification", 404);
        get(web, a, "/api/v1/draws/" + drawCity.get("id"), 404);
        // the city sees its counties' plans and draws; another city does not; the province sees all
        // the city: its own, county A's two and county B's = 4
        assertThat(get(web, cityBureau, "/api/v1/plans?year=" + YEAR, 200)).containsEntry("total", 4);
        get(web, cityBureau, "/api/v1/draws/" + drawA.get("id"), 200);
        get(web, bearer("CITY", "140500"), "/api/v1/draws/" + drawA.get("id"), 404);
        get(web, bearer("CITY", "140500"), "/api/v1/plans/" + planAId, 404);
        get(web, bearer("PROVINCE", "140000"), "/api/v1/draws/" + drawB.get("id"), 200);
        get(web, bearer("PROVINCE", "140000"), "/api/v1/plans/" + planBId, 200);
        // only the county publishes its plan
        post(web, cityBureau, "/api/v1/plans/" + planAId + "/publish", Map.of(), 404);
    }

    // ---------------------------------------------------------------- (d) 登记管理 units

    @Test
    void registrationUnitsAreDrawnOnlyWhereTheRowIncludesThem() {
        String city = "140500";
        units("JCK", "140502", "CEMENT", "KEY", "KEY", 3);
        units("JCR", "140502", "CEMENT", "REGISTRATION", "GENERAL", 4);
        inspectors(city, 2);
        String bureau = bearer("CITY", city);
        Map<String, Object> all = ratios(1.0, 1.0, 1.0);

        String without =
                publishedPlan(bureau, plan("晋城-许可", null, List.of(row(1, "CEMENT", "MONTH", 1, all, Map.of()))));
        String with = publishedPlan(
                bureau,
                plan("晋城-含登记", null, List.of(row(1, "CEMENT", "MONTH", 1, all, Map.of("includeRegistration", true)))));
        // denominators: permit holders only = 3; with registrations 3 + 4 = 7
        assertThat(list(get(web, bureau, "/api/v1/plans/" + without, 200), "rows")
                        .get(0))
                .containsEntry("denominator", 3);
        assertThat(list(get(web, bureau, "/api/v1/plans/" + with, 200), "rows").get(0))
                .containsEntry("denominator", 7)
                .containsEntry("includeRegistration", true);

        Map<String, Object> first =
                post(web, bureau, "/api/v1/draws", Map.of("planId", without, "rowNo", 1, "month", JUNE), 201);
        assertThat(permits(first)).hasSize(3).allMatch(p -> p.startsWith("JCK"));
        // the second draw includes registrations: the 3 KEY units now hold a task (excluded), GENERAL 100 % of 4 → 4
        Map<String, Object> second =
                post(web, bureau, "/api/v1/draws", Map.of("planId", with, "rowNo", 1, "month", JUNE), 201);
        assertThat(map(map(second, "parameters"), "excluded")).containsEntry("OPEN_TASK", 3);
        assertThat(map(second, "parameters")).containsEntry("includeRegistration", true);
        assertThat(permits(second)).hasSize(4).allMatch(p -> p.startsWith("JCR"));
        verifies(bureau, second.get("id"));
    }

    // ---------------------------------------------------------------- (b) the province's remote checks

    @Test
    void theProvinceDrawsAcrossCitiesForRemoteChecksAndTheRulesRunOverTheDrawnUnitsOnly() {
        units("TYK", "140105", "COKING", "KEY", "KEY", 6);
        units("TYG", "140106", "COKING", "KEY", "GENERAL", 20);
        units("DTK", "140202", "STEEL", "KEY", "KEY", 6);
        units("DTG", "140202", "STEEL", "KEY", "GENERAL", 17);
        units("SZX", "140602", "COKING", "KEY", "KEY", 5); // a city not chosen
        unit("SZ-EXPIRED", "140602", "COKING", "KEY", "EXPIRED", "KEY");
        String province = bearer("PROVINCE", "140000");
        long alertsBefore = db.sql("SELECT count(*) FROM remote_alert")
                .map(r -> r.get(0, Long.class))
                .one()
                .block();

        // only the province draws for remote checks
        post(
                web,
                bearer("CITY", "140100"),
                "/api/v1/draws/remote-checks",
                Map.of("month", JUNE, "ratios", Map.of("KEY", 0.2)),
                403);
        problem(
                province,
                "/api/v1/draws/remote-checks",
                Map.of("month", JUNE, "ratios", Map.of("KEY", 0.2), "cityCodes", List.of("150100")),
                400,
                "validation-failed",
                "cityCodes[0]");

        Map<String, Object> draw = post(
                web,
                province,
                "/api/v1/draws/remote-checks",
                Map.of(
                        "month",
                        JUNE,
                        "ratios",
                        Map.of("KEY", 0.2, "GENERAL", 0.05, "SPECIAL", 1.0),
                        "cityCodes",
                        List.of("140100", "140200"),
                        "targeted",
                        List.of("SZ-EXPIRED")),
                201);
        assertThat(draw)
                .containsEntry("level", "PROVINCE")
                .containsEntry("cityCode", "140000")
                .containsEntry("status", "COMPLETED");
        Map<String, Object> parameters = map(draw, "parameters");
        // the two cities: KEY 6 + 6 = 12, GENERAL 20 + 17 = 37; quotas KEY ceil(0.2 × 12) = ceil(2.4) = 3,
        // GENERAL ceil(0.05 × 37) = ceil(1.85) = 2, SPECIAL none
        assertThat(map(parameters, "denominators"))
                .containsEntry("KEY", 12)
                .containsEntry("GENERAL", 37)
                .containsEntry("SPECIAL", 0);
        assertThat(map(parameters, "quotas"))
                .containsEntry("KEY", 3)
                .containsEntry("GENERAL", 2)
                .containsEntry("SPECIAL", 0);
        assertThat(parameters).containsEntry("inspectorsPerUnit", 0);
        List<String> drawn = permits(draw);
        // 1 targeted (靶向核查, any city of the province) + 3 + 2
        assertThat(drawn).hasSize(6).contains("SZ-EXPIRED").doesNotHaveDuplicates();
        assertThat(drawn)
                .filteredOn(p -> !p.equals("SZ-EXPIRED"))
                .allMatch(p -> p.startsWith("TY") || p.startsWith("DT"));
        assertThat(list(draw, "units"))
                .allSatisfy(u -> assertThat((List<?>) u.get("inspectorIds")).isEmpty());
        verifies(province, draw.get("id"));

        // the remote rules ran over the 6 drawn units only: the expired permit raised one alert; the other expired-free
        // units raised none, and units outside the draw were not looked at
        Map<String, Object> run = map(draw, "remoteCheckRun");
        assertThat(run).containsEntry("units", 6).containsEntry("raised", 1);
        assertThat(db.sql("SELECT count(*) FROM remote_alert")
                        .map(r -> r.get(0, Long.class))
                        .one()
                        .block())
                .isEqualTo(alertsBefore + 1);
        assertThat(db.sql("SELECT permit_number FROM remote_alert WHERE raised_run_id = :run")
                        .bind("run", UUID.fromString((String) run.get("id")))
                        .map(r -> r.get(0, String.class))
                        .all()
                        .collectList()
                        .block())
                .containsExactly("SZ-EXPIRED");
        assertThat(db.sql("SELECT trigger || '/' || unit_count FROM remote_check_run WHERE draw_id = :d")
                        .bind("d", UUID.fromString((String) draw.get("id")))
                        .map(r -> r.get(0, String.class))
                        .one()
                        .block())
                .isEqualTo("DRAW/6");
        // no tasks: remote checks send no one
        assertThat(db.sql("SELECT count(*) FROM inspection_task WHERE draw_id = :d")
                        .bind("d", UUID.fromString((String) draw.get("id")))
                        .map(r -> r.get(0, Long.class))
                        .one()
                        .block())
                .isZero();

        // confidential to the province: a city does not see it
        get(web, bearer("CITY", "140100"), "/api/v1/draws/" + draw.get("id"), 404);
        get(web, province, "/api/v1/draws/" + draw.get("id"), 200);
        List<String> audited = new ArrayList<>(db.sql("SELECT action FROM audit_log WHERE resource_id = :id ORDER BY 1")
                .bind("id", draw.get("id"))
                .map(r -> r.get(0, String.class))
                .all()
                .collectList()
                .block());
        assertThat(audited).contains("draw.commit", "draw.complete");
    }
}
