package org.permitwatch.inspection.draw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.permitwatch.inspection.InspectionItSupport.get;
import static org.permitwatch.inspection.InspectionItSupport.post;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.inspection.DrawPublished;
import org.permitwatch.events.inspection.PlanPublished;
import org.permitwatch.inspection.InspectionIntegrationTest;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plans, draws and tasks over real PostgreSQL and Kafka. Directory rows and inspectors are inserted with SQL into the
 * contract tables (the projection and inspector directory are another feature). Each test uses its own city so the
 * tests do not see each other's units, inspectors or tasks.
 */
@InspectionIntegrationTest
class PlanDrawTaskApiIT {

    /** Next year, so drawn months always lie ahead and publication dates are in the future. */
    private static final int YEAR = java.time.Year.now().getValue() + 1;

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    org.permitwatch.inspection.task.TaskAccess taskAccess;

    @Autowired
    JsonMapper json;

    // ---------------------------------------------------------------- fixtures

    private void unit(
            String permit,
            String county,
            String industry,
            String category,
            String status,
            String sourceType,
            boolean positiveList,
            OffsetDateTime lastInspected) {
        var spec = db.sql("""
                        INSERT INTO directory_unit (permit_number, unit_name, division_code, snapshot, source_event, uscc,
                               city_code, county_code, industry_code, key_industry, management_category, status,
                               without_permit, source_type, positive_list, version, last_inspected_at)
                        VALUES (:p, :name, :county, '{}'::jsonb, 'test', '91140100MA0000000X', :city, :county, '2521',
                                :industry, :category, :status, :without, :source, :positive, 3, :inspected)""")
                .bind("p", permit)
                .bind("name", "测试单位" + permit)
                .bind("county", county)
                .bind("city", county.substring(0, 4) + "00")
                .bind("industry", industry)
                .bind("category", category)
                .bind("status", status)
                .bind("without", !"VALID".equals(status))
                .bind("source", sourceType)
                .bind("positive", positiveList);
        spec = lastInspected == null
                ? spec.bindNull("inspected", OffsetDateTime.class)
                : spec.bind("inspected", lastInspected);
        spec.then().block();
    }

    private void units(String prefix, String county, String industry, String sourceType, int n) {
        for (int i = 0; i < n; i++) {
            unit(String.format("%s%03d", prefix, i), county, industry, "KEY", "VALID", sourceType, false, null);
        }
    }

    private UUID inspector(String division, boolean onPost) {
        UUID id = UUID.randomUUID();
        db.sql(
                        "INSERT INTO inspector (id, certificate_no, name, division_code, on_post) VALUES (:id, :cert, '执法员', :d, :on)")
                .bind("id", id)
                .bind("cert", "CERT-" + id)
                .bind("d", division)
                .bind("on", onPost)
                .then()
                .block();
        return id;
    }

    private void conflict(UUID inspector, String permit) {
        db.sql("INSERT INTO inspector_conflict (inspector_id, permit_number, reason) VALUES (:i, :p, '亲属关系')")
                .bind("i", inspector)
                .bind("p", permit)
                .then()
                .block();
    }

    private long count(String sql) {
        return db.sql(sql).map(r -> ((Number) r.get(0)).longValue()).one().block();
    }

    private static String city(String division) {
        return "Bearer " + TestJwts.token("CITY", division);
    }

    private static Map<String, Object> row(
            int rowNo, String industry, String category, double ratio, String period, int times) {
        return Map.ofEntries(
                Map.entry("rowNo", rowNo),
                Map.entry("keyIndustry", industry),
                Map.entry("category", category),
                Map.entry("method", "SAMPLING"),
                Map.entry("doubleRandom", "DOUBLE_RANDOM".equals(category)),
                Map.entry("ratio", ratio),
                Map.entry("frequencyPeriod", period),
                Map.entry("frequencyTimes", times),
                Map.entry("contentDaily", "排污许可证载明事项落实情况"),
                Map.entry("contentSpecial", "无组织排放专项检查"),
                Map.entry("operatingMethod", "两名执法人员现场核查台账与在线监测数据"),
                Map.entry("cooperatingAgencies", List.of("排污许可核发部门")));
    }

    private UUID publishedPlan(String division, List<Map<String, Object>> rows) {
        Map<String, Object> plan = post(
                web,
                city(division),
                "/api/v1/plans",
                Map.of("year", YEAR, "title", YEAR + "年排污许可清单式执法检查计划", "startMonth", 6, "rows", rows),
                201);
        UUID id = UUID.fromString((String) plan.get("id"));
        post(web, city(division), "/api/v1/plans/" + id + "/publish", Map.of(), 200);
        return id;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> body, String key) {
        return (List<Map<String, Object>>) body.get(key);
    }

    // ---------------------------------------------------------------- plans

    @Test
    @SuppressWarnings("unchecked")
    void planCountsDenominatorsBreaksDownByMonthAndChecksCapacity() {
        String county = "140202";
        units("DTC", county, "COKING", "KEY", 10);
        unit("DTC-SIMPLE", county, "COKING", "SIMPLIFIED", "VALID", "GENERAL", false, null);
        unit("DTC-REG", county, "COKING", "REGISTRATION", "VALID", "GENERAL", false, null);
        unit("DTC-EXPIRED", county, "COKING", "KEY", "EXPIRED", "GENERAL", false, null);
        unit("DTC-OTHERCITY", "140302", "COKING", "KEY", "VALID", "KEY", false, null);
        inspector("140200", true);
        inspector("140202", true);
        inspector("140202", false);

        Map<String, Object> plan = post(
                web,
                city("140200"),
                "/api/v1/plans",
                Map.of(
                        "year",
                        YEAR,
                        "title",
                        "大同" + YEAR + "",
                        "startMonth",
                        6,
                        "rows",
                        List.of(
                                row(4, "COKING", "DOUBLE_RANDOM", 0.25, "MONTH", 1),
                                row(5, "CEMENT", "REMOTE_SUPERVISION", 1.0, "QUARTER", 1))),
                201);
        assertThat(plan).containsEntry("cityCode", "140200").containsEntry("status", "DRAFT");
        List<Map<String, Object>> rows = list(plan, "rows");
        // 10 KEY + 1 SIMPLIFIED hold a valid permit; registrations, expired permits and other cities do not count.
        // Units per round are counted per stratum as the draw takes them (ADR 0013; before, ceil(0.25 × 11) = 3,
        // one fewer than the draw actually took): KEY (source type) ceil(0.25 × 10) = ceil(2.5) = 3,
        // GENERAL ceil(0.25 × 1) = 1, SPECIAL 0 → 4
        assertThat(rows.get(0)).containsEntry("denominator", 11).containsEntry("unitsPerRound", 4);
        assertThat((Map<String, Object>) rows.get(0).get("stratumUnitsPerRound"))
                .containsEntry("KEY", 3)
                .containsEntry("GENERAL", 1)
                .containsEntry("SPECIAL", 0);
        assertThat(list(rows.get(0), "months"))
                .hasSize(7)
                .allSatisfy(m -> assertThat(m).containsEntry("rounds", 1).containsEntry("plannedUnits", 4));
        assertThat(rows.get(1)).containsEntry("denominator", 0);

        Map<String, Object> capacity = (Map<String, Object>) plan.get("capacity");
        // 7 months × 4 units × 2 inspectors × 1 day = 56 needed; 2 on post × 250 × 0.4 / 12 × 7 = 116.7 available
        assertThat(capacity)
                .containsEntry("inspectorsOnPost", 2)
                .containsEntry("neededInspectorDays", 56.0)
                .containsEntry("availableInspectorDays", 116.7)
                .containsEntry("sufficient", true);
        assertThat((List<String>) capacity.get("warnings")).isEmpty();

        // a bigger plan outgrows two inspectors: warnings, but the plan is still saved
        Map<String, Object> big = post(
                web,
                city("140200"),
                "/api/v1/plans",
                Map.of(
                        "year",
                        YEAR,
                        "title",
                        "大同" + YEAR + "-加密",
                        "startMonth",
                        6,
                        "rows",
                        List.of(row(4, "COKING", "DOUBLE_RANDOM", 1.0, "MONTH", 2))),
                201);
        Map<String, Object> bigCapacity = (Map<String, Object>) big.get("capacity");
        assertThat(bigCapacity).containsEntry("sufficient", false);
        assertThat((List<String>) bigCapacity.get("warnings"))
                .isNotEmpty()
                .first()
                .asString()
                .startsWith("the plan needs 308.0 inspector-days");

        Map<String, Object> page = get(web, city("140200"), "/api/v1/plans?size=1", 200);
        assertThat(page).containsEntry("total", 2).containsEntry("size", 1);
        assertThat(list(page, "items")).hasSize(1);
        // the console's filters: both plans are drafts of the city itself, none is published, none is the county's
        assertThat(get(web, city("140200"), "/api/v1/plans?status=DRAFT&division=140200", 200))
                .containsEntry("total", 2);
        assertThat(get(web, city("140200"), "/api/v1/plans?status=PUBLISHED", 200))
                .containsEntry("total", 0);
        assertThat(get(web, city("140200"), "/api/v1/plans?division=" + county, 200))
                .containsEntry("total", 0);
        assertThat(get(web, city("140200"), "/api/v1/plans?status=OPEN", 400).toString())
                .contains("status");
        get(web, city("140100"), "/api/v1/plans/" + plan.get("id"), 404);
        get(web, "Bearer " + TestJwts.token("PROVINCE", "140000"), "/api/v1/plans/" + plan.get("id"), 200);
    }

    @Test
    void badPlansAreProblemsAndStoreNothing() {
        long before = count("SELECT count(*) FROM inspection_plan");
        web.post()
                .uri("/api/v1/plans")
                .header(HttpHeaders.AUTHORIZATION, city("140300"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "year",
                        YEAR,
                        "title",
                        "阳泉",
                        "rows",
                        List.of(row(1, "COKING", "DOUBLE_RANDOM", 1.5, "MONTH", 1))))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("validation-failed")
                .jsonPath("$.errors[0].field")
                .value(f -> assertThat((String) f).contains("ratio"));
        web.post()
                .uri("/api/v1/plans")
                .header(HttpHeaders.AUTHORIZATION, city("140300"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "year",
                        YEAR,
                        "title",
                        "阳泉",
                        "rows",
                        List.of(
                                row(1, "COKING", "DOUBLE_RANDOM", 0.5, "MONTH", 1),
                                row(1, "CEMENT", "DOUBLE_RANDOM", 0.5, "MONTH", 1))))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("rows[1].rowNo");
        // a county may not make a city's plan: since ADR 0013 it plans only inside its city's plan, so a county plan
        // without parentPlanId is a 400 naming the field (before: 403, counties could not plan at all)
        web.post()
                .uri("/api/v1/plans")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("COUNTY", "140302"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "year",
                        YEAR,
                        "title",
                        "x",
                        "rows",
                        List.of(row(1, "COKING", "DOUBLE_RANDOM", 0.5, "MONTH", 1))))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("parentPlanId");
        // an inspector makes no plan at all
        post(
                web,
                "Bearer " + TestJwts.token("INSPECTOR", "140300"),
                "/api/v1/plans",
                Map.of("year", YEAR, "title", "x", "rows", List.of(row(1, "COKING", "DOUBLE_RANDOM", 0.5, "MONTH", 1))),
                403);
        // nor can a token claiming the CITY role at a county code: refused as a token (ADR 0004), before any rule
        post(
                web,
                "Bearer " + TestJwts.token("CITY", "140302"),
                "/api/v1/plans",
                Map.of("year", YEAR, "title", "x", "rows", List.of(row(1, "COKING", "DOUBLE_RANDOM", 0.5, "MONTH", 1))),
                401);
        assertThat(count("SELECT count(*) FROM inspection_plan")).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'plan.create' AND division = '140300'"))
                .isZero();
    }

    @Test
    void publishingAPlanAppendsItsFullSnapshotToTheOutboxOnce() {
        String county = "140402";
        units("CZK", county, "COKING", "KEY", 4);
        unit("CZ-SIMPLE", county, "COKING", "SIMPLIFIED", "VALID", "GENERAL", false, null);
        unit("CZ-CEMENT", county, "CEMENT", "KEY", "VALID", "KEY", false, null);
        unit("CZ-EXPIRED", county, "CEMENT", "KEY", "EXPIRED", "KEY", false, null);
        Map<String, Object> plan = post(
                web,
                city("140400"),
                "/api/v1/plans",
                Map.of(
                        "year",
                        YEAR,
                        "title",
                        "长治" + YEAR,
                        "startMonth",
                        3,
                        "rows",
                        List.of(
                                row(1, "COKING", "DOUBLE_RANDOM", 0.5, "QUARTER", 2),
                                row(2, "CEMENT", "REMOTE_SUPERVISION", 1.0, "YEAR", 2))),
                201);
        String id = (String) plan.get("id");
        // nothing is announced for a draft
        assertThat(count("SELECT count(*) FROM outbox_event WHERE message_key = '" + id + "'"))
                .isZero();

        post(web, city("140400"), "/api/v1/plans/" + id + "/publish", Map.of(), 200);
        post(web, city("140400"), "/api/v1/plans/" + id + "/publish", Map.of(), 409);

        assertThat(count(
                        "SELECT count(*) FROM outbox_event WHERE topic = 'inspection.plan.events.v1' AND message_key = '"
                                + id + "' AND event_type = 'org.permitwatch.inspection.plan.published.v1'"))
                .isEqualTo(1);
        PlanPublished event = json.readValue(
                db.sql("SELECT payload::text FROM outbox_event WHERE message_key = :k")
                        .bind("k", id)
                        .map(r -> r.get(0, String.class))
                        .one()
                        .block(),
                PlanPublished.class);
        assertThat(event.planId()).hasToString(id);
        assertThat(event.cityCode()).isEqualTo("140400");
        assertThat(event.year()).isEqualTo(YEAR);
        assertThat(event.title()).isEqualTo("长治" + YEAR);
        assertThat(event.startMonth()).isEqualTo(3);
        assertThat(event.publishedBy()).isNotBlank();
        assertThat(event.publishedAt()).isNotNull();
        assertThat(event.rows()).hasSize(2);

        // COKING: 4 KEY + 1 SIMPLIFIED hold a valid permit → ceil(0.5 × 5) = 3 units per round; twice a quarter from
        // March: both Q1 rounds in March, then one round in each of the first two months of Q2, Q3 and Q4
        PlanPublished.Row coking = event.rows().get(0);
        assertThat(coking.rowNo()).isEqualTo(1);
        assertThat(coking.keyIndustry()).isEqualTo("COKING");
        assertThat(coking.category()).isEqualTo("DOUBLE_RANDOM");
        assertThat(coking.method()).isEqualTo("SAMPLING");
        assertThat(coking.doubleRandom()).isTrue();
        assertThat(coking.ratio()).isEqualByComparingTo("0.5");
        assertThat(coking.frequencyPeriod()).isEqualTo("QUARTER");
        assertThat(coking.frequencyTimes()).isEqualTo(2);
        assertThat(coking.contentDaily()).isEqualTo("排污许可证载明事项落实情况");
        assertThat(coking.cooperatingAgencies()).containsExactly("排污许可核发部门");
        assertThat(coking.denominator()).isEqualTo(5);
        assertThat(coking.unitsPerRound()).isEqualTo(3);
        assertThat(coking.months())
                .containsExactly(
                        new PlanPublished.Month(3, 2, 6),
                        new PlanPublished.Month(4, 1, 3),
                        new PlanPublished.Month(5, 1, 3),
                        new PlanPublished.Month(7, 1, 3),
                        new PlanPublished.Month(8, 1, 3),
                        new PlanPublished.Month(10, 1, 3),
                        new PlanPublished.Month(11, 1, 3));

        // CEMENT (非现场监管): one valid permit (the expired one does not count); twice a year over March–December,
        // spaced evenly: March and August
        PlanPublished.Row cement = event.rows().get(1);
        assertThat(cement.category()).isEqualTo("NON_SITE");
        assertThat(cement.doubleRandom()).isFalse();
        assertThat(cement.denominator()).isEqualTo(1);
        assertThat(cement.unitsPerRound()).isEqualTo(1);
        assertThat(cement.months()).containsExactly(new PlanPublished.Month(3, 1, 1), new PlanPublished.Month(8, 1, 1));
    }

    // ---------------------------------------------------------------- draws

    @Test
    @SuppressWarnings("unchecked")
    void drawIsStratifiedExcludesAndTargetsAssignsInspectorsAndVerifies() {
        String county = "140105";
        units("TYK", county, "COKING", "KEY", 20);
        units("TYG", "140106", "COKING", "GENERAL", 20);
        units("TYS", county, "COKING", "SPECIAL", 2);
        unit(
                "TY-RECENT",
                county,
                "COKING",
                "KEY",
                "VALID",
                "KEY",
                false,
                OffsetDateTime.now().minusDays(10));
        unit(
                "TY-OLD",
                county,
                "COKING",
                "KEY",
                "VALID",
                "KEY",
                false,
                OffsetDateTime.now().minusDays(400));
        unit("TY-POSITIVE", county, "COKING", "KEY", "VALID", "KEY", true, null);
        unit("TY-POSITIVE-TARGET", county, "COKING", "KEY", "VALID", "KEY", true, null);
        unit("TY-STEEL", county, "STEEL", "KEY", "VALID", "KEY", false, null);
        List<UUID> inspectors = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            inspectors.add(inspector(i % 2 == 0 ? "140100" : county, true));
        }
        inspector("140100", false);
        conflict(inspectors.get(0), "TYS000");
        conflict(inspectors.get(1), "TYS000");

        UUID planId = publishedPlan("140100", List.of(row(4, "COKING", "DOUBLE_RANDOM", 0.1, "MONTH", 1)));
        long tasksBefore = count("SELECT count(*) FROM inspection_task");
        Map<String, Object> draw = post(
                web,
                city("140100"),
                "/api/v1/draws",
                Map.of(
                        "planId",
                        planId,
                        "rowNo",
                        4,
                        "month",
                        YEAR + "-06",
                        "targeted",
                        List.of("TY-POSITIVE-TARGET", "TY-STEEL")),
                201);

        assertThat(draw).containsEntry("status", "COMPLETED").containsEntry("cityCode", "140100");
        String seed = (String) draw.get("seed");
        assertThat(draw.get("seedHash")).isEqualTo(Fingerprints.seedHash(seed));
        Map<String, Object> parameters = (Map<String, Object>) draw.get("parameters");
        // denominators before exclusions: KEY = 20 + recent + old + 2 positive = 24, GENERAL 20, SPECIAL 2
        assertThat((Map<String, Object>) parameters.get("denominators"))
                .containsEntry("SPECIAL", 2)
                .containsEntry("KEY", 24)
                .containsEntry("GENERAL", 20);
        assertThat((Map<String, Object>) parameters.get("quotas"))
                .containsEntry("SPECIAL", 2)
                .containsEntry("KEY", 3)
                .containsEntry("GENERAL", 2);
        assertThat((Map<String, Object>) parameters.get("excluded"))
                .containsEntry("RECENTLY_INSPECTED", 1)
                .containsEntry("POSITIVE_LIST", 2);

        List<Map<String, Object>> units = list(draw, "units");
        assertThat(units).hasSize(2 + 2 + 3 + 2);
        List<String> permits =
                units.stream().map(u -> (String) u.get("permitNumber")).toList();
        assertThat(permits)
                .contains("TY-POSITIVE-TARGET", "TY-STEEL", "TYS000", "TYS001")
                .doesNotContain("TY-RECENT", "TY-POSITIVE")
                .doesNotHaveDuplicates();
        Set<String> onPost =
                new HashSet<>(inspectors.stream().map(UUID::toString).toList());
        for (Map<String, Object> u : units) {
            List<String> assigned = (List<String>) u.get("inspectorIds");
            assertThat(assigned).hasSize(2).doesNotHaveDuplicates();
            assertThat(onPost).containsAll(assigned);
        }
        Map<String, Object> special = units.stream()
                .filter(u -> "TYS000".equals(u.get("permitNumber")))
                .findFirst()
                .orElseThrow();
        assertThat((List<String>) special.get("inspectorIds"))
                .doesNotContain(inspectors.get(0).toString(), inspectors.get(1).toString());

        // every unit became a task with the drawn inspectors, due at the end of the month
        String drawId = (String) draw.get("id");
        assertThat(count("SELECT count(*) FROM inspection_task")).isEqualTo(tasksBefore + 9);
        Map<String, Object> tasks = get(web, city("140100"), "/api/v1/tasks?size=200&drawId=" + drawId, 200);
        assertThat(tasks).containsEntry("total", 9);
        assertThat(list(tasks, "items"))
                .allSatisfy(t -> assertThat(t)
                        .containsEntry("origin", "DRAW")
                        .containsEntry("method", "ON_SITE")
                        .containsEntry("dueDate", YEAR + "-06-30")
                        .containsEntry("periodMonth", YEAR + "-06")
                        .containsEntry("status", "ASSIGNED"));
        assertThat(list(tasks, "items"))
                .filteredOn(t -> "TYG000".compareTo((String) t.get("permitNumber")) <= 0
                        && ((String) t.get("permitNumber")).startsWith("TYG"))
                .allSatisfy(t -> assertThat(t).containsEntry("divisionCode", "140106"));

        // events went through the outbox
        assertThat(count(
                        "SELECT count(*) FROM outbox_event WHERE topic = 'inspection.draw.events.v1' AND message_key = '"
                                + drawId + "' AND event_type = 'org.permitwatch.inspection.draw.completed.v1'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE topic = 'inspection.task.events.v1' "
                        + "AND payload ->> 'drawId' = '" + drawId + "'"))
                .isEqualTo(9);
        // each TaskAssigned carries what its task holds: the drawn inspectors (in uuid order, as stored) and the
        // department, not merged; and the tasks' inspectors are the ones the draw's result records
        assertThat(count("""
                        SELECT count(*) FROM outbox_event o JOIN inspection_task t ON t.id::text = o.message_key
                        WHERE o.topic = 'inspection.task.events.v1' AND o.payload ->> 'drawId' = '%s'
                          AND o.payload -> 'inspectorIds' = (SELECT jsonb_agg(ti.inspector_id ORDER BY ti.inspector_id)
                                                             FROM task_inspector ti WHERE ti.task_id = t.id)
                          AND o.payload -> 'departments' = to_jsonb(t.departments)
                          AND o.payload ->> 'permitNumber' = t.permit_number
                          AND NOT (o.payload ->> 'merged')::boolean""".formatted(drawId))).isEqualTo(9);
        assertThat(count("""
                        SELECT count(*) FROM draw d CROSS JOIN LATERAL jsonb_array_elements(d.result) p
                        JOIN inspection_task t ON t.draw_id = d.id AND t.permit_number = p ->> 'permitNumber'
                        WHERE d.id = '%s'
                          AND (SELECT jsonb_agg(i ORDER BY i) FROM jsonb_array_elements_text(p -> 'inspectors') i)
                              = (SELECT jsonb_agg(ti.inspector_id::text ORDER BY ti.inspector_id::text)
                                 FROM task_inspector ti WHERE ti.task_id = t.id)""".formatted(drawId))).isEqualTo(9);

        // the verification re-runs the draw from its recorded inputs
        Map<String, Object> verification = get(web, city("140100"), "/api/v1/draws/" + drawId + "/verification", 200);
        assertThat(verification)
                .containsEntry("identical", true)
                .containsEntry("seedMatchesHash", true)
                .containsEntry("eligibleFingerprintMatches", true)
                .containsEntry("inspectorsFingerprintMatches", true);
        assertThat(verification.get("recomputed")).isEqualTo(verification.get("recorded"));
        assertThat(list(verification, "recorded")).hasSize(9);
        // ... and carries those inputs, so the console can repeat the re-run in the browser: the population the draw
        // reported (eligibleCount), the quotas of its parameters, both targeted units, 2 officers per unit
        Map<String, Object> inputs = (Map<String, Object>) verification.get("inputs");
        assertThat(list(inputs, "eligible")).hasSize((Integer) draw.get("eligibleCount"));
        assertThat(list(inputs, "targeted"))
                .extracting(u -> u.get("permitNumber"))
                .containsExactlyInAnyOrder("TY-POSITIVE-TARGET", "TY-STEEL");
        assertThat(inputs.get("quotas")).isEqualTo(parameters.get("quotas"));
        assertThat(inputs).containsEntry("inspectorsPerUnit", 2);
        assertThat(list(inputs, "inspectors"))
                .filteredOn(i -> inspectors.get(1).toString().equals(i.get("id")))
                .singleElement()
                .satisfies(i -> assertThat((List<String>) i.get("conflicts")).containsExactly("TYS000"));

        // the population is stored as the very text its fingerprint hashes (ADR 0048): SHA-256 of the column is the
        // recorded fingerprint, and its lines are the units the draw reported
        String storedLines = db.sql("SELECT eligible_units FROM draw WHERE id = :d")
                .bind("d", UUID.fromString(drawId))
                .map(r -> r.get(0, String.class))
                .one()
                .block();
        assertThat(Fingerprints.unitsOfLines(storedLines)).isEqualTo(draw.get("eligibleFingerprint"));
        assertThat(Fingerprints.parseUnitLines(storedLines))
                .hasSize((Integer) draw.get("eligibleCount"))
                .extracting(DrawAlgorithm.Candidate::permitNumber)
                .isSorted()
                .contains("TYK000", "TYG019", "TY-OLD")
                .doesNotContain("TY-RECENT", "TY-POSITIVE", "TY-STEEL");

        // a second draw of the same month excludes the 8 coking units that now hold a task (the targeted
        // positive-list unit among them), the recently inspected one and the remaining positive-list unit
        Map<String, Object> second = post(
                web, city("140100"), "/api/v1/draws", Map.of("planId", planId, "rowNo", 4, "month", YEAR + "-06"), 201);
        assertThat((Map<String, Object>) ((Map<String, Object>) second.get("parameters")).get("excluded"))
                .containsEntry("OPEN_TASK", 8)
                .containsEntry("RECENTLY_INSPECTED", 1)
                .containsEntry("POSITIVE_LIST", 1);
        List<String> secondPermits = list(second, "units").stream()
                .map(u -> (String) u.get("permitNumber"))
                .toList();
        assertThat(secondPermits).doesNotContainAnyElementsOf(permits);

        // the draw list: both draws of the plan, newest first, with their unit counts; confidential like one draw
        Map<String, Object> drawList = get(web, city("140100"), "/api/v1/draws?planId=" + planId, 200);
        assertThat(drawList).containsEntry("total", 2);
        assertThat(list(drawList, "items")).extracting(d -> d.get("id")).containsExactly(second.get("id"), drawId);
        assertThat(list(drawList, "items").get(1))
                .containsEntry("units", 9)
                .containsEntry("keyIndustry", "COKING")
                .containsEntry("status", "COMPLETED");
        assertThat(get(web, city("140200"), "/api/v1/draws?planId=" + planId, 200))
                .containsEntry("total", 0);
        get(web, "Bearer " + TestJwts.token("INSPECTOR", "140100"), "/api/v1/draws", 403);

        // confidential: other cities, counties and inspectors cannot see the draw
        get(web, city("140200"), "/api/v1/draws/" + drawId, 404);
        get(web, "Bearer " + TestJwts.token("COUNTY", county), "/api/v1/draws/" + drawId, 404);
        get(web, "Bearer " + TestJwts.token("INSPECTOR", "140100"), "/api/v1/draws/" + drawId + "/verification", 404);
        get(web, "Bearer " + TestJwts.token("PROVINCE", "140000"), "/api/v1/draws/" + drawId, 200);

        // only the drawing bureau publishes: a county of the city and an inspector are refused, never a silent 200
        problem("Bearer " + TestJwts.token("COUNTY", county), "/api/v1/draws/" + drawId + "/publish", 403);
        problem(
                "Bearer "
                        + TestJwts.builder()
                                .subject(inspectors.get(2).toString())
                                .roles("INSPECTOR")
                                .division("140100")
                                .build(),
                "/api/v1/draws/" + drawId + "/publish",
                403);
        // not publishable while tasks are open; publishable once they are done
        post(web, city("140100"), "/api/v1/draws/" + drawId + "/publish", Map.of(), 409);
        db.sql("UPDATE inspection_task SET status = 'DONE' WHERE draw_id = :d")
                .bind("d", UUID.fromString(drawId))
                .then()
                .block();
        Map<String, Object> published =
                post(web, city("140100"), "/api/v1/draws/" + drawId + "/publish", Map.of(), 200);
        assertThat(published.get("publishedAt")).isNotNull();
        post(web, city("140100"), "/api/v1/draws/" + drawId + "/publish", Map.of(), 409);

        // the publication (一公开) went to the outbox once, keyed by draw id: units with names, counties and strata
        // in draw order, the seed to re-check the draw, and nothing about the inspectors
        assertThat(count(
                        "SELECT count(*) FROM outbox_event WHERE topic = 'inspection.draw.events.v1' AND message_key = '"
                                + drawId + "' AND event_type = 'org.permitwatch.inspection.draw.published.v1'"))
                .isEqualTo(1);
        String payload = db.sql("SELECT payload::text FROM outbox_event WHERE message_key = :k AND event_type = "
                        + "'org.permitwatch.inspection.draw.published.v1'")
                .bind("k", drawId)
                .map(r -> r.get(0, String.class))
                .one()
                .block();
        assertThat(payload).doesNotContainIgnoringCase("inspector");
        for (UUID inspector : inspectors) {
            assertThat(payload).doesNotContain(inspector.toString());
        }
        DrawPublished event = json.readValue(payload, DrawPublished.class);
        assertThat(event.drawId()).hasToString(drawId);
        assertThat(event.planId()).isEqualTo(planId);
        assertThat(event.cityCode()).isEqualTo("140100");
        assertThat(event.periodMonth()).isEqualTo(YEAR + "-06");
        assertThat(event.keyIndustry()).isEqualTo("COKING");
        assertThat(event.seed()).isEqualTo(seed);
        assertThat(event.seedHash()).isEqualTo(Fingerprints.seedHash(seed));
        assertThat(event.publishedAt()).isNotNull();
        assertThat(event.units()).extracting(DrawPublished.Unit::permitNumber).containsExactlyElementsOf(permits);
        for (DrawPublished.Unit u : event.units()) {
            String p = u.permitNumber();
            assertThat(u.unitName()).isEqualTo("测试单位" + p);
            assertThat(u.countyCode()).isEqualTo(p.startsWith("TYG") ? "140106" : county);
            String expected = p.equals("TY-POSITIVE-TARGET") || p.equals("TY-STEEL")
                    ? "TARGETED"
                    : p.startsWith("TYS") ? "SPECIAL" : p.startsWith("TYG") ? "GENERAL" : "KEY";
            assertThat(u.stratum()).as(p).isEqualTo(expected);
        }

        // tampering with the recorded result is detected
        String recordedResult = db.sql("SELECT result::text FROM draw WHERE id = :d")
                .bind("d", UUID.fromString(drawId))
                .map(r -> r.get(0, String.class))
                .one()
                .block();
        db.sql("UPDATE draw SET result = jsonb_set(result, '{0,permitNumber}', '\"TYK999\"') WHERE id = :d")
                .bind("d", UUID.fromString(drawId))
                .then()
                .block();
        assertThat(get(web, city("140100"), "/api/v1/draws/" + drawId + "/verification", 200))
                .containsEntry("identical", false);

        // ... and so is tampering with the recorded population: a unit's version changed
        db.sql("UPDATE draw SET result = CAST(:r AS jsonb), eligible_units = replace(eligible_units, E'TYK000\\t3\\t', "
                        + "E'TYK000\\t9\\t') WHERE id = :d")
                .bind("r", recordedResult)
                .bind("d", UUID.fromString(drawId))
                .then()
                .block();
        assertThat(get(web, city("140100"), "/api/v1/draws/" + drawId + "/verification", 200))
                .containsEntry("eligibleFingerprintMatches", false)
                .containsEntry("identical", false);
    }

    /** Issue 11.3: publishing answered 200 with an empty body for a county, an inspector or an unknown id. */
    @Test
    void publishingIsRefusedToCountiesAndInspectorsAndAnUnknownDrawIsNotFound() {
        String unknown = "/api/v1/draws/" + UUID.randomUUID() + "/publish";
        problem("Bearer " + TestJwts.token("COUNTY", "140105"), unknown, 403);
        problem(
                "Bearer "
                        + TestJwts.builder()
                                .subject(UUID.randomUUID().toString())
                                .roles("INSPECTOR")
                                .division("140100")
                                .build(),
                unknown,
                403);
        problem(city("140100"), unknown, 404);
        problem("Bearer " + TestJwts.token("PROVINCE", "140000"), unknown, 404);
    }

    /** A problem+json answer with a code, never an empty body. */
    private void problem(String bearer, String uri, int status) {
        web.post()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, bearer)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of())
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(status)
                .jsonPath("$.code")
                .isNotEmpty();
    }

    @Test
    void drawWithoutEnoughInspectorsFailsRevealsTheSeedAndCreatesNoTask() {
        units("JCK", "140502", "CEMENT", "KEY", 3);
        UUID only = inspector("140500", true);
        UUID planId = publishedPlan("140500", List.of(row(5, "CEMENT", "DOUBLE_RANDOM", 1.0, "MONTH", 1)));
        long tasksBefore = count("SELECT count(*) FROM inspection_task");
        web.post()
                .uri("/api/v1/draws")
                .header(HttpHeaders.AUTHORIZATION, city("140500"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("planId", planId, "rowNo", 5, "month", YEAR + "-07"))
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("insufficient-inspectors");
        assertThat(
                        count(
                                "SELECT count(*) FROM draw WHERE city_code = '140500' AND status = 'FAILED' AND seed IS NOT NULL"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM inspection_task")).isEqualTo(tasksBefore);
        assertThat(only).isNotNull();
    }

    @Test
    void badDrawRequestsAreProblemsAndStoreNothing() {
        units("SZK", "140602", "PAPER", "KEY", 2);
        Map<String, Object> draft = post(
                web,
                city("140600"),
                "/api/v1/plans",
                Map.of(
                        "year",
                        YEAR,
                        "title",
                        "朔州",
                        "startMonth",
                        6,
                        "rows",
                        List.of(row(1, "PAPER", "DOUBLE_RANDOM", 0.5, "QUARTER", 1))),
                201);
        String planId = (String) draft.get("id");
        long draws = count("SELECT count(*) FROM draw");
        web.post()
                .uri("/api/v1/draws")
                .header(HttpHeaders.AUTHORIZATION, city("140600"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("planId", planId, "rowNo", 1, "month", YEAR + "-13"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("month");
        // a draft plan cannot be drawn
        post(web, city("140600"), "/api/v1/draws", Map.of("planId", planId, "rowNo", 1, "month", YEAR + "-06"), 422);
        post(web, city("140600"), "/api/v1/plans/" + planId + "/publish", Map.of(), 200);
        // August is not in the quarterly breakdown (rounds in June, July, October)
        post(web, city("140600"), "/api/v1/draws", Map.of("planId", planId, "rowNo", 1, "month", YEAR + "-08"), 422);
        // unknown targeted unit
        web.post()
                .uri("/api/v1/draws")
                .header(HttpHeaders.AUTHORIZATION, city("140600"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("planId", planId, "rowNo", 1, "month", YEAR + "-06", "targeted", List.of("NOPE")))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("targeted[0]");
        // another city's plan is invisible
        post(web, city("140100"), "/api/v1/draws", Map.of("planId", planId, "rowNo", 1, "month", YEAR + "-06"), 404);
        assertThat(count("SELECT count(*) FROM draw")).isEqualTo(draws);
    }

    // ---------------------------------------------------------------- tasks

    @Test
    @SuppressWarnings("unchecked")
    void tasksOfTwoDepartmentsForOneUnitAndMonthAreMerged() throws InterruptedException {
        unit("LFK000", "141002", "STEEL", "KEY", "VALID", "KEY", false, null);
        UUID a = inspector("141000", true);
        UUID b = inspector("141002", true);
        UUID c = inspector("141002", true);
        Map<String, Object> first = post(
                web,
                city("141000"),
                "/api/v1/tasks",
                Map.of(
                        "permitNumber",
                        "LFK000",
                        "origin",
                        "COMPLAINT",
                        "method",
                        "ON_SITE",
                        "dueDate",
                        YEAR + "-07-15",
                        "department",
                        "ENVIRONMENT_ENFORCEMENT",
                        "inspectorIds",
                        List.of(a, b)),
                201);
        Map<String, Object> second = post(
                web,
                city("141000"),
                "/api/v1/tasks",
                Map.of(
                        "permitNumber",
                        "LFK000",
                        "origin",
                        "CLUE",
                        "method",
                        "ON_SITE",
                        "dueDate",
                        YEAR + "-07-20",
                        "department",
                        "PERMIT_ISSUING",
                        "inspectorIds",
                        List.of(b, c)),
                201);
        assertThat(second.get("id")).isEqualTo(first.get("id"));
        assertThat((List<String>) second.get("departments"))
                .containsExactly("ENVIRONMENT_ENFORCEMENT", "PERMIT_ISSUING");
        assertThat((List<String>) second.get("inspectorIds"))
                .containsExactlyInAnyOrderElementsOf(List.of(a.toString(), b.toString(), c.toString()));
        assertThat(count("SELECT count(*) FROM inspection_task WHERE permit_number = 'LFK000'"))
                .isEqualTo(1);
        assertThat(count(
                        "SELECT count(*) FROM outbox_event WHERE topic = 'inspection.task.events.v1' AND message_key = '"
                                + first.get("id") + "' AND (payload ->> 'merged')::boolean"))
                .isEqualTo(1);
        // another month is another task
        Map<String, Object> august = post(
                web,
                city("141000"),
                "/api/v1/tasks",
                Map.of(
                        "permitNumber",
                        "LFK000",
                        "origin",
                        "ALERT",
                        "method",
                        "REMOTE",
                        "dueDate",
                        YEAR + "-08-03",
                        "department",
                        "ENVIRONMENT_ENFORCEMENT",
                        "inspectorIds",
                        List.of(a, c)),
                201);
        assertThat(august.get("id")).isNotEqualTo(first.get("id"));

        // the relay delivers the task events to the real broker (published_at is set once Kafka acknowledged)
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (count("SELECT count(*) FROM outbox_event WHERE message_key = '" + first.get("id")
                                + "' AND published_at IS NULL")
                        > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(count("SELECT count(*) FROM outbox_event WHERE message_key = '" + first.get("id")
                        + "' AND published_at IS NOT NULL"))
                .isEqualTo(2);
    }

    @Test
    void taskAccessScopesInspectionsAndMovesTheStatus() {
        unit("XZK000", "140902", "PAPER", "KEY", "VALID", "KEY", false, null);
        UUID a = inspector("140900", true);
        UUID b = inspector("140902", true);
        UUID stranger = inspector("140902", true);
        Map<String, Object> task = post(
                web,
                city("140900"),
                "/api/v1/tasks",
                Map.of(
                        "permitNumber",
                        "XZK000",
                        "origin",
                        "MANUAL",
                        "method",
                        "ON_SITE",
                        "dueDate",
                        YEAR + "-09-01",
                        "department",
                        "ENVIRONMENT_ENFORCEMENT",
                        "inspectorIds",
                        List.of(a, b)),
                201);
        UUID id = UUID.fromString((String) task.get("id"));
        var assigned = new org.permitwatch.support.security.Caller(
                a.toString(),
                "a",
                Set.of(org.permitwatch.support.security.Role.INSPECTOR),
                org.permitwatch.support.security.DivisionCode.of("140900"),
                Set.of());
        var other = new org.permitwatch.support.security.Caller(
                stranger.toString(),
                "s",
                Set.of(org.permitwatch.support.security.Role.INSPECTOR),
                org.permitwatch.support.security.DivisionCode.of("140900"),
                Set.of());
        assertThat(taskAccess.findForInspection(id, assigned).block().permitNumber())
                .isEqualTo("XZK000");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> taskAccess.findForInspection(id, other).block())
                .isInstanceOf(org.permitwatch.support.problem.ApiException.class)
                .extracting(e -> ((org.permitwatch.support.problem.ApiException) e)
                        .status()
                        .value())
                .isEqualTo(404);

        taskAccess.markInProgress(id).block();
        taskAccess.markInProgress(id).block();
        assertThat(get(web, city("140900"), "/api/v1/tasks/" + id, 200)).containsEntry("status", "IN_PROGRESS");
        taskAccess.markDone(id).block();
        assertThat(get(web, city("140900"), "/api/v1/tasks/" + id, 200)).containsEntry("status", "DONE");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> taskAccess.markInProgress(id).block())
                .isInstanceOf(org.permitwatch.support.problem.ApiException.class)
                .extracting(e -> ((org.permitwatch.support.problem.ApiException) e).code())
                .isEqualTo("task-not-open");
    }

    @Test
    void inspectorsSeeOnlyTheirOwnTasksAndForeignDivisionsGet404() {
        unit("JZK000", "140702", "THERMAL_POWER", "KEY", "VALID", "KEY", false, null);
        unit("JZK001", "140702", "THERMAL_POWER", "KEY", "VALID", "KEY", false, null);
        UUID a = inspector("140700", true);
        UUID b = inspector("140702", true);
        UUID c = inspector("140702", true);
        Map<String, Object> ab = post(
                web,
                city("140700"),
                "/api/v1/tasks",
                Map.of(
                        "permitNumber",
                        "JZK000",
                        "origin",
                        "MANUAL",
                        "method",
                        "ON_SITE",
                        "dueDate",
                        YEAR + "-09-01",
                        "department",
                        "ENVIRONMENT_ENFORCEMENT",
                        "inspectorIds",
                        List.of(a, b)),
                201);
        Map<String, Object> bc = post(
                web,
                city("140700"),
                "/api/v1/tasks",
                Map.of(
                        "permitNumber",
                        "JZK001",
                        "origin",
                        "MANUAL",
                        "method",
                        "ON_SITE",
                        "dueDate",
                        YEAR + "-09-01",
                        "department",
                        "ENVIRONMENT_ENFORCEMENT",
                        "inspectorIds",
                        List.of(b, c)),
                201);

        String inspectorA = "Bearer "
                + TestJwts.builder()
                        .subject(a.toString())
                        .roles("INSPECTOR")
                        .division("140700")
                        .build();
        Map<String, Object> own = get(web, inspectorA, "/api/v1/tasks", 200);
        assertThat(own).containsEntry("total", 1);
        assertThat(list(own, "items").get(0)).containsEntry("id", ab.get("id"));
        get(web, inspectorA, "/api/v1/tasks/" + ab.get("id"), 200);
        get(web, inspectorA, "/api/v1/tasks/" + bc.get("id"), 404);
        String inspectorB = "Bearer "
                + TestJwts.builder()
                        .subject(b.toString())
                        .roles("INSPECTOR")
                        .division("140700")
                        .build();
        assertThat(get(web, inspectorB, "/api/v1/tasks", 200)).containsEntry("total", 2);
        // inspectors do not create tasks; other cities and counties do not see them
        post(
                web,
                inspectorA,
                "/api/v1/tasks",
                Map.of(
                        "permitNumber",
                        "JZK000",
                        "origin",
                        "MANUAL",
                        "method",
                        "ON_SITE",
                        "dueDate",
                        YEAR + "-10-01",
                        "department",
                        "ENVIRONMENT_ENFORCEMENT",
                        "inspectorIds",
                        List.of(a, b)),
                403);
        get(web, city("140100"), "/api/v1/tasks/" + ab.get("id"), 404);
        get(web, "Bearer " + TestJwts.token("COUNTY", "140703"), "/api/v1/tasks/" + ab.get("id"), 404);
        assertThat(get(web, "Bearer " + TestJwts.token("COUNTY", "140702"), "/api/v1/tasks", 200))
                .containsEntry("total", 2);
    }

    @Test
    void badTasksAreProblemsAndStoreNothing() {
        unit("YCK000", "140802", "CEMENT", "KEY", "VALID", "KEY", false, null);
        UUID a = inspector("140800", true);
        UUID offPost = inspector("140800", false);
        UUID conflicted = inspector("140800", true);
        UUID elsewhere = inspector("141100", true);
        conflict(conflicted, "YCK000");
        long before = count("SELECT count(*) FROM inspection_task");
        web.post()
                .uri("/api/v1/tasks")
                .header(HttpHeaders.AUTHORIZATION, city("140800"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "permitNumber",
                        "YCK000",
                        "origin",
                        "COMPLAINT",
                        "method",
                        "ON_SITE",
                        "dueDate",
                        YEAR + "-07-01",
                        "department",
                        "ENVIRONMENT_ENFORCEMENT",
                        "inspectorIds",
                        List.of(a, offPost, conflicted, elsewhere)))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors.length()")
                .isEqualTo(3)
                .jsonPath("$.errors[0].field")
                .isEqualTo("inspectorIds[1]");
        post(
                web,
                city("140800"),
                "/api/v1/tasks",
                Map.of(
                        "permitNumber",
                        "YCK000",
                        "origin",
                        "DRAW",
                        "method",
                        "ON_SITE",
                        "dueDate",
                        YEAR + "-07-01",
                        "department",
                        "ENVIRONMENT_ENFORCEMENT",
                        "inspectorIds",
                        List.of(a, a)),
                400);
        post(
                web,
                city("140800"),
                "/api/v1/tasks",
                Map.of(
                        "permitNumber",
                        "YCK000",
                        "origin",
                        "CLUE",
                        "method",
                        "ON_SITE",
                        "dueDate",
                        YEAR + "-07-01",
                        "department",
                        "ENVIRONMENT_ENFORCEMENT",
                        "inspectorIds",
                        List.of(a)),
                400);
        post(
                web,
                city("140100"),
                "/api/v1/tasks",
                Map.of(
                        "permitNumber",
                        "YCK000",
                        "origin",
                        "CLUE",
                        "method",
                        "ON_SITE",
                        "dueDate",
                        YEAR + "-07-01",
                        "department",
                        "ENVIRONMENT_ENFORCEMENT",
                        "inspectorIds",
                        List.of(a, elsewhere)),
                404);
        get(web, city("140800"), "/api/v1/tasks?size=201", 400);
        assertThat(count("SELECT count(*) FROM inspection_task")).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE payload ->> 'permitNumber' = 'YCK000'"))
                .isZero();
    }
}
