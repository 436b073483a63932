package org.permitwatch.inspection.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.permitwatch.inspection.InspectionItSupport.get;
import static org.permitwatch.inspection.InspectionItSupport.post;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.permitwatch.inspection.InspectionIntegrationTest;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Remote checks over real PostgreSQL and Kafka. Directory rows and inspectors are inserted with SQL into the
 * projection's tables; each test uses its own city so that city runs do not see each other's units. Expected
 * alerts are worked out by hand from the fixtures and the shipped rules file (remote-category-rules.json v1).
 */
@InspectionIntegrationTest
class RemoteCheckApiIT {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String PERMIT_RULE = "PERMIT_NOT_VALID_BUT_OPERATING";
    private static final String CATEGORY_RULE = "CATEGORY_TOO_LOW";
    private static final OffsetDateTime CHANGED_AT = OffsetDateTime.of(2026, 3, 1, 8, 0, 0, 0, ZoneOffset.UTC);

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    ScheduledRemoteCheck scheduled;

    @Autowired
    Environment environment;

    private final LocalDate today = LocalDate.now(ZONE);

    // ---------------------------------------------------------------- fixtures

    private void unit(
            String permit, String county, String industryCode, String category, String status, LocalDate validTo) {
        String snapshot = validTo == null
                ? "{\"industryName\": \"测试行业\"}"
                : "{\"industryName\": \"测试行业\", \"validTo\": \"" + validTo + "\"}";
        db.sql("""
                        INSERT INTO directory_unit (permit_number, unit_name, division_code, snapshot, source_event, uscc,
                               city_code, county_code, industry_code, key_industry, management_category, status,
                               without_permit, source_type, positive_list, version, changed_at)
                        VALUES (:p, :name, :county, CAST(:snapshot AS jsonb), 'test', '91140100MA0000000X', :city,
                                :county, :industryCode, 'OTHER', :category, :status, :without, 'GENERAL', false, 5,
                                :changedAt)""")
                .bind("p", permit)
                .bind("name", "测试单位" + permit)
                .bind("county", county)
                .bind("snapshot", snapshot)
                .bind("city", county.substring(0, 4) + "00")
                .bind("industryCode", industryCode)
                .bind("category", category)
                .bind("status", status)
                .bind("without", !"VALID".equals(status))
                .bind("changedAt", CHANGED_AT)
                .then()
                .block();
    }

    private void renew(String permit, LocalDate validTo) {
        db.sql(
                        "UPDATE directory_unit SET status = 'VALID', version = version + 1, "
                                + "snapshot = jsonb_set(snapshot, '{validTo}', to_jsonb(CAST(:validTo AS text))) WHERE permit_number = :p")
                .bind("validTo", validTo.toString())
                .bind("p", permit)
                .then()
                .block();
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

    private long count(String sql) {
        return db.sql(sql).map(r -> ((Number) r.get(0)).longValue()).one().block();
    }

    private List<String> strings(String sql) {
        return db.sql(sql).map(r -> r.get(0, String.class)).all().collectList().block();
    }

    private static String bearer(String role, String division) {
        return "Bearer " + TestJwts.token(role, division);
    }

    private Map<String, Object> run(String city) {
        return post(web, bearer("CITY", city), "/api/v1/remote-checks/runs", Map.of(), 201);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> counts(Map<String, Object> run, String rule) {
        return ((Map<String, Map<String, Object>>) run.get("perRule")).get(rule);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    /** The alert of a unit and rule with the given status, via the API. */
    private Map<String, Object> alert(String bearer, String permit, String rule, String status) {
        List<Map<String, Object>> found =
                items(get(web, bearer, "/api/v1/alerts?size=200&rule=" + rule + "&status=" + status, 200)).stream()
                        .filter(a -> permit.equals(a.get("permitNumber")))
                        .toList();
        assertThat(found).as("%s alert of %s", status, permit).hasSize(1);
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> evidence(Map<String, Object> alert) {
        return (Map<String, Object>) alert.get("evidence");
    }

    private List<String> alertEvents(Object alertId) {
        return strings("SELECT payload ->> 'status' FROM outbox_event WHERE topic = 'inspection.alert.events.v1' "
                + "AND message_key = '" + alertId + "' AND event_type = 'org.permitwatch.inspection.alert.changed.v1' "
                + "ORDER BY seq");
    }

    // ---------------------------------------------------------------- PERMIT_NOT_VALID_BUT_OPERATING

    @Test
    void expiredPermitRaisesOneAlertWithEvidenceRerunsUpdateAndRenewalResolves() {
        String county = "140402";
        String city = "140400";
        unit("CZ-EXPIRED", county, "1311", "KEY", "EXPIRED", today.minusDays(40));
        unit("CZ-REVOKED", county, "1311", "SIMPLIFIED", "REVOKED", today.plusDays(200));
        unit("CZ-STALE", county, "1311", "KEY", "VALID", today.minusDays(1)); // status lags: expired yesterday
        unit("CZ-LASTDAY", county, "1311", "KEY", "VALID", today); // valid through today
        unit("CZ-VALID", county, "1311", "KEY", "VALID", today.plusDays(100));
        unit("CZ-REGISTRATION", county, "1311", "REGISTRATION", "CANCELLED", null); // holds no permit
        unit("CZ-OTHERCITY", "140902", "1311", "KEY", "EXPIRED", today.minusDays(3)); // outside the city run

        Map<String, Object> first = run(city);
        // expired, revoked and stale-valid: three; category rule has no row for 1311
        assertThat(first)
                .containsEntry("raised", 3)
                .containsEntry("updated", 0)
                .containsEntry("resolved", 0)
                .containsEntry("scopeDivision", city)
                .containsEntry("trigger", "ON_DEMAND")
                .containsEntry("rulesVersion", "2");
        assertThat(counts(first, PERMIT_RULE)).containsEntry("raised", 3);
        assertThat(counts(first, CATEGORY_RULE)).containsEntry("raised", 0);
        assertThat(count("SELECT count(*) FROM remote_alert WHERE permit_number = 'CZ-OTHERCITY'"))
                .isZero();

        String token = bearer("CITY", city);
        Map<String, Object> expired = alert(token, "CZ-EXPIRED", PERMIT_RULE, "OPEN");
        assertThat(expired)
                .containsEntry("violationType", "UNPERMITTED_DISCHARGE")
                .containsEntry("violationLabel", "无证排污")
                .containsEntry("article", "33(2)")
                .containsEntry("ruleVersion", "2")
                .containsEntry("countyCode", county)
                .containsEntry("cityCode", city)
                .containsEntry("provinceCode", "140000")
                .containsEntry("unitName", "测试单位CZ-EXPIRED")
                .containsEntry("industryCode", "1311");
        assertThat(evidence(expired))
                .containsEntry("status", "EXPIRED")
                .containsEntry("effectiveStatus", "EXPIRED")
                .containsEntry("validTo", today.minusDays(40).toString())
                .containsEntry("daysSinceExpiry", 40)
                .containsEntry("managementCategory", "KEY")
                .containsEntry("snapshotVersion", 5)
                .containsEntry("asOf", today.toString())
                .containsEntry("rulesVersion", "2");
        assertThat((String) evidence(expired).get("ruleNote")).contains("第三十三条第（二）项");
        assertThat(OffsetDateTime.parse((String) evidence(expired).get("snapshotChangedAt"))
                        .toInstant())
                .isEqualTo(CHANGED_AT.toInstant());

        Map<String, Object> revoked = alert(token, "CZ-REVOKED", PERMIT_RULE, "OPEN");
        assertThat(revoked).containsEntry("article", "33(3)");
        assertThat(evidence(revoked))
                .containsEntry("effectiveStatus", "REVOKED")
                .containsEntry("daysSinceExpiry", null);
        assertThat((String) evidence(revoked).get("ruleNote")).contains("撤销");
        Map<String, Object> stale = alert(token, "CZ-STALE", PERMIT_RULE, "OPEN");
        assertThat(evidence(stale))
                .containsEntry("status", "VALID")
                .containsEntry("effectiveStatus", "EXPIRED")
                .containsEntry("daysSinceExpiry", 1);
        assertThat(get(web, token, "/api/v1/alerts/" + expired.get("id"), 200)).containsEntry("status", "OPEN");

        // a rerun refreshes, never duplicates
        Map<String, Object> second = run(city);
        assertThat(second)
                .containsEntry("raised", 0)
                .containsEntry("updated", 3)
                .containsEntry("resolved", 0);
        assertThat(count("SELECT count(*) FROM remote_alert WHERE permit_number LIKE 'CZ-%'"))
                .isEqualTo(3);

        // the permit is renewed: its alert resolves on the next run, the others stay
        renew("CZ-EXPIRED", today.plusYears(5));
        Map<String, Object> third = run(city);
        assertThat(third).containsEntry("raised", 0).containsEntry("updated", 2).containsEntry("resolved", 1);
        Map<String, Object> resolved = get(web, token, "/api/v1/alerts/" + expired.get("id"), 200);
        assertThat(resolved).containsEntry("status", "RESOLVED");
        assertThat(resolved.get("resolvedAt")).isNotNull();
        assertThat(alertEvents(expired.get("id"))).containsExactly("OPEN", "RESOLVED");
        assertThat(alertEvents(revoked.get("id"))).containsExactly("OPEN");

        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'remote-check.run' AND division = '140400'"))
                .isEqualTo(3);
        List<Map<String, Object>> history = items(get(web, token, "/api/v1/remote-checks/runs?size=200", 200));
        assertThat(history.stream()
                        .filter(r -> city.equals(r.get("scopeDivision")))
                        .toList())
                .hasSize(3);
        assertThat(history).noneMatch(r -> "140500".equals(r.get("scopeDivision")));
        assertThat(history.get(0)).containsEntry("resolved", 1); // newest first
    }

    @Test
    void verifiedClosureSuppressesTheRule() {
        String county = "140502";
        String city = "140500";
        unit("JC-OPERATING", county, "1311", "KEY", "EXPIRED", today.minusDays(10));
        unit("JC-SHUT", county, "1311", "KEY", "CANCELLED", today.plusDays(30));
        String token = bearer("CITY", city);

        Map<String, Object> closureOfShut = Map.of(
                "permitNumber",
                "JC-SHUT",
                "closedOn",
                today.minusDays(20).toString(),
                "basis",
                "现场核查：生产设施已拆除，断水断电，无排污行为");
        // closures are bureau work, scoped, validated
        post(web, bearer("INSPECTOR", city), "/api/v1/remote-checks/closures", closureOfShut, 403);
        post(web, bearer("CITY", "140100"), "/api/v1/remote-checks/closures", closureOfShut, 404);
        web.post()
                .uri("/api/v1/remote-checks/closures")
                .header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("permitNumber", "JC-SHUT", "closedOn", today.toString()))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("basis");
        web.post()
                .uri("/api/v1/remote-checks/closures")
                .header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "permitNumber", "JC-SHUT", "closedOn", today.plusDays(2).toString(), "basis", "x"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("closedOn");
        assertThat(count("SELECT count(*) FROM remote_unit_closure")).isZero();

        Map<String, Object> closure = post(web, token, "/api/v1/remote-checks/closures", closureOfShut, 201);
        assertThat(closure)
                .containsEntry("permitNumber", "JC-SHUT")
                .containsEntry("divisionCode", county)
                .containsEntry("closedOn", today.minusDays(20).toString());

        // the closed unit is never raised; the operating one is
        Map<String, Object> first = run(city);
        assertThat(first).containsEntry("raised", 1);
        Map<String, Object> operating = alert(token, "JC-OPERATING", PERMIT_RULE, "OPEN");
        assertThat(count("SELECT count(*) FROM remote_alert WHERE permit_number = 'JC-SHUT'"))
                .isZero();

        // the operating unit is found shut down too: its open alert resolves on the next run
        post(
                web,
                token,
                "/api/v1/remote-checks/closures",
                Map.of("permitNumber", "JC-OPERATING", "closedOn", today.toString(), "basis", "现场核查确认已停产关闭"),
                201);
        post(web, token, "/api/v1/remote-checks/closures", closureOfShut, 409);
        Map<String, Object> second = run(city);
        assertThat(second)
                .containsEntry("raised", 0)
                .containsEntry("updated", 0)
                .containsEntry("resolved", 1);
        assertThat(get(web, token, "/api/v1/alerts/" + operating.get("id"), 200))
                .containsEntry("status", "RESOLVED");

        assertThat(get(web, token, "/api/v1/remote-checks/closures", 200)).containsEntry("total", 2);
        assertThat(get(web, bearer("CITY", "140100"), "/api/v1/remote-checks/closures", 200))
                .containsEntry("total", 0);
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'remote-check.closure.record'"))
                .isEqualTo(2);
    }

    // ---------------------------------------------------------------- CATEGORY_TOO_LOW

    @Test
    void categoryTooLowFollowsTheRulesFile() {
        String county = "140602";
        String city = "140600";
        LocalDate valid = today.plusYears(2);
        // by hand from remote-category-rules.json v1: 2521 炼焦 → KEY, 3011 水泥 → SIMPLIFIED, 4620 → SIMPLIFIED,
        // 2221 机制纸 → KEY, 3130 钢压延 → SIMPLIFIED, 1311 has no rule
        unit("SZ-COKE-SIMPLE", county, "2521", "SIMPLIFIED", "VALID", valid); // raised (KEY required)
        unit("SZ-COKE-KEY", county, "2521", "KEY", "VALID", valid); // fine
        unit("SZ-COKE-REG", county, "2521", "REGISTRATION", "VALID", null); // raised
        unit("SZ-CEMENT-SIMPLE", county, "3011", "SIMPLIFIED", "VALID", valid); // fine
        unit("SZ-CEMENT-REG", county, "3011", "REGISTRATION", "VALID", null); // raised
        unit("SZ-SEWAGE-REG", county, "4620", "REGISTRATION", "VALID", null); // raised
        unit("SZ-FOOD-REG", county, "1311", "REGISTRATION", "VALID", null); // no rule
        unit("SZ-ROLL-SIMPLE", county, "3130", "SIMPLIFIED", "VALID", valid); // fine
        unit("SZ-PAPER-SIMPLE", county, "2221", "SIMPLIFIED", "VALID", valid); // raised

        Map<String, Object> first = run(city);
        assertThat(counts(first, CATEGORY_RULE)).containsEntry("raised", 5);
        assertThat(counts(first, PERMIT_RULE)).containsEntry("raised", 0);
        assertThat(strings("SELECT permit_number FROM remote_alert WHERE rule = 'CATEGORY_TOO_LOW' "
                        + "AND permit_number LIKE 'SZ-%' ORDER BY permit_number"))
                .containsExactly("SZ-CEMENT-REG", "SZ-COKE-REG", "SZ-COKE-SIMPLE", "SZ-PAPER-SIMPLE", "SZ-SEWAGE-REG");

        String token = bearer("CITY", city);
        Map<String, Object> coke = alert(token, "SZ-COKE-SIMPLE", CATEGORY_RULE, "OPEN");
        assertThat(coke).containsEntry("violationType", "UNPERMITTED_DISCHARGE").containsEntry("article", "33(1)");
        assertThat(evidence(coke))
                .containsEntry("managementCategory", "SIMPLIFIED")
                .containsEntry("requiredCategory", "KEY")
                .containsEntry("industryCode", "2521")
                .containsEntry("industryName", "测试行业")
                .containsEntry("rulesEffectiveFrom", "2020-01-01")
                .containsEntry("snapshotVersion", 5);
        assertThat((String) evidence(coke).get("ruleNote")).contains("炼焦2521");
        assertThat(evidence(alert(token, "SZ-CEMENT-REG", CATEGORY_RULE, "OPEN")))
                .containsEntry("requiredCategory", "SIMPLIFIED");

        // the coking unit gets its key-management permit: resolved; the rest stay
        db.sql("UPDATE directory_unit SET management_category = 'KEY' WHERE permit_number = 'SZ-COKE-SIMPLE'")
                .then()
                .block();
        Map<String, Object> second = run(city);
        assertThat(counts(second, CATEGORY_RULE))
                .containsEntry("raised", 0)
                .containsEntry("updated", 4)
                .containsEntry("resolved", 1);
        assertThat(get(web, token, "/api/v1/alerts/" + coke.get("id"), 200)).containsEntry("status", "RESOLVED");
        assertThat(get(web, token, "/api/v1/alerts?rule=CATEGORY_TOO_LOW&status=OPEN&county=" + county, 200))
                .containsEntry("total", 4);
    }

    // ---------------------------------------------------------------- review

    @Test
    void reviewMakesATaskOrDismissesWithAReasonAndOnlyOnce() {
        String county = "140702";
        String city = "140700";
        unit("JZ-DISMISS", county, "1311", "KEY", "EXPIRED", today.minusDays(5));
        unit("JZ-TASK", county, "1311", "KEY", "WITHDRAWN", today.plusDays(5));
        unit("JZ-BADTASK", county, "1311", "SIMPLIFIED", "EXPIRED", today.minusDays(400));
        UUID a = inspector(city, true);
        UUID b = inspector(county, true);
        UUID offPost = inspector(city, false);
        UUID otherCity = inspector("140100", true);
        String token = bearer("CITY", city);
        assertThat(run(city)).containsEntry("raised", 3);
        Map<String, Object> dismiss = alert(token, "JZ-DISMISS", PERMIT_RULE, "OPEN");
        Map<String, Object> task = alert(token, "JZ-TASK", PERMIT_RULE, "OPEN");
        Map<String, Object> badTask = alert(token, "JZ-BADTASK", PERMIT_RULE, "OPEN");
        String dismissUri = "/api/v1/alerts/" + dismiss.get("id") + "/review";

        // dismissing needs a reason
        web.post()
                .uri(dismissUri)
                .header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("decision", "DISMISS", "reason", "  "))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("reason");
        // so does a case its facts (checked before any case is opened)
        web.post()
                .uri(dismissUri)
                .header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("decision", "CASE"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("facts");
        assertThat(get(web, token, "/api/v1/alerts/" + dismiss.get("id"), 200)).containsEntry("status", "OPEN");

        Map<String, Object> dismissed =
                post(web, token, dismissUri, Map.of("decision", "DISMISS", "reason", "核发部门确认延续申请已受理，平台状态未同步"), 200);
        assertThat(dismissed).containsEntry("status", "DISMISSED");
        assertThat(dismissed.get("review"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("decision", "DISMISS")
                .containsEntry("reason", "核发部门确认延续申请已受理，平台状态未同步");
        // a second review is a conflict
        web.post()
                .uri(dismissUri)
                .header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("decision", "DISMISS", "reason", "再次驳回"))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("alert-not-open");

        // a task: inspectors per the task API's rules; a bad one stores nothing
        LocalDate due = today.plusDays(10);
        web.post()
                .uri("/api/v1/alerts/" + badTask.get("id") + "/review")
                .header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "decision",
                        "TASK",
                        "method",
                        "ON_SITE",
                        "dueDate",
                        due.toString(),
                        "inspectorIds",
                        List.of(a, offPost, otherCity)))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("inspectorIds[1]")
                .jsonPath("$.errors[1].field")
                .isEqualTo("inspectorIds[2]");
        assertThat(count("SELECT count(*) FROM inspection_task WHERE permit_number = 'JZ-BADTASK'"))
                .isZero();
        assertThat(get(web, token, "/api/v1/alerts/" + badTask.get("id"), 200)).containsEntry("status", "OPEN");

        Map<String, Object> tasked = post(
                web,
                token,
                "/api/v1/alerts/" + task.get("id") + "/review",
                Map.of(
                        "decision",
                        "TASK",
                        "method",
                        "ON_SITE",
                        "dueDate",
                        due.toString(),
                        "inspectorIds",
                        List.of(a, b)),
                200);
        assertThat(tasked).containsEntry("status", "TASKED");
        String taskId = (String) tasked.get("taskId");
        assertThat(taskId).isNotNull();
        assertThat(strings("SELECT origin || '|' || method || '|' || permit_number || '|' || due_date || '|' || status "
                        + "|| '|' || array_to_string(departments, ',') FROM inspection_task WHERE id = '" + taskId
                        + "'"))
                .containsExactly("ALERT|ON_SITE|JZ-TASK|" + due + "|ASSIGNED|ENVIRONMENT_ENFORCEMENT");
        assertThat(count("SELECT count(*) FROM task_inspector WHERE task_id = '" + taskId + "'"))
                .isEqualTo(2);
        assertThat(alertEvents(task.get("id"))).containsExactly("OPEN", "TASKED");
        assertThat(strings("SELECT payload ->> 'taskId' FROM outbox_event WHERE message_key = '" + task.get("id")
                        + "' AND payload ->> 'status' = 'TASKED'"))
                .containsExactly(taskId);
        assertThat(alertEvents(dismiss.get("id"))).containsExactly("OPEN", "DISMISSED");
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'alert.review'"))
                .isEqualTo(2);

        // scope: another city cannot see or review them; the county inside can read; inspectors cannot
        get(web, bearer("CITY", "140100"), "/api/v1/alerts/" + badTask.get("id"), 404);
        post(
                web,
                bearer("CITY", "140100"),
                "/api/v1/alerts/" + badTask.get("id") + "/review",
                Map.of("decision", "DISMISS", "reason", "越权"),
                404);
        assertThat(items(get(web, bearer("CITY", "140100"), "/api/v1/alerts?size=200", 200)))
                .noneMatch(x -> ((String) x.get("permitNumber")).startsWith("JZ-"));
        get(web, bearer("CITY", "140100"), "/api/v1/alerts?city=1401", 400);
        get(web, bearer("COUNTY", county), "/api/v1/alerts/" + badTask.get("id"), 200);
        get(web, bearer("INSPECTOR", city), "/api/v1/alerts", 403);
        post(web, bearer("COUNTY", county), "/api/v1/remote-checks/runs", Map.of(), 403);

        // reruns: a reviewed alert is not raised again for the same condition, only for a new one
        Map<String, Object> rerun = run(city);
        assertThat(rerun).containsEntry("raised", 0).containsEntry("updated", 1).containsEntry("resolved", 0);
        db.sql("UPDATE directory_unit SET status = 'REVOKED' WHERE permit_number = 'JZ-DISMISS'")
                .then()
                .block();
        assertThat(run(city)).containsEntry("raised", 1);
        assertThat(evidence(alert(token, "JZ-DISMISS", PERMIT_RULE, "OPEN")))
                .containsEntry("effectiveStatus", "REVOKED");
    }

    // ---------------------------------------------------------------- runs

    @Test
    void scheduledRunCoversTheDirectoryAndTheLockKeepsRunsApart() throws Exception {
        unit("LF-EXPIRED", "141002", "1311", "KEY", "EXPIRED", today.minusDays(2));
        scheduled.run();
        assertThat(strings("SELECT status FROM remote_alert WHERE permit_number = 'LF-EXPIRED'"))
                .containsExactly("OPEN");
        assertThat(strings("SELECT trigger || '|' || coalesce(scope_division, 'ALL') || '|' || requested_by "
                        + "FROM remote_check_run WHERE trigger = 'SCHEDULE'"))
                .containsExactly("SCHEDULE|ALL|system");
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'remote-check.run' AND actor = 'system'"))
                .isOne();
        // the nightly run is in every bureau's history
        assertThat(items(get(web, bearer("CITY", "141000"), "/api/v1/remote-checks/runs", 200)))
                .anyMatch(r -> "SCHEDULE".equals(r.get("trigger")));

        // the province runs over the province
        Map<String, Object> province =
                post(web, bearer("PROVINCE", "140000"), "/api/v1/remote-checks/runs", Map.of(), 201);
        assertThat(province).containsEntry("scopeDivision", "140000");

        // while another instance holds the run lock, an on-demand run is a 409 and stores nothing
        long runs = count("SELECT count(*) FROM remote_check_run");
        try (Connection c = DriverManager.getConnection(
                        environment.getProperty("spring.flyway.url"),
                        environment.getProperty("spring.flyway.user"),
                        environment.getProperty("spring.flyway.password"));
                Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + 0x72656D6F7465L + ")");
            web.post()
                    .uri("/api/v1/remote-checks/runs")
                    .header(HttpHeaders.AUTHORIZATION, bearer("CITY", "141000"))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(409)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("remote-check-running");
            s.execute("SELECT pg_advisory_unlock(" + 0x72656D6F7465L + ")");
        }
        assertThat(count("SELECT count(*) FROM remote_check_run")).isEqualTo(runs);
    }
}
