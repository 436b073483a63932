package org.permitwatch.systemtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The table of write endpoints the hostile-input and authorization matrices run over. One row per endpoint: how
 * to call it, a well-formed body (the attacks are derived from it), who may call it, and which database tables a
 * partial write would show up in. Endpoints of later issues (cases, penalties, rectifications, reports) are added
 * as rows in {@link #all(Campaign)}.
 */
final class WriteEndpoints {

    /** Tables whose content must not change when a request is refused, per database. */
    static final Map<String, List<String>> WATCHED_TABLES = Map.of(
            "permit_sync", List.of("sync_run", "directory_unit"),
            "inspection",
                    List.of(
                            "inspector",
                            "inspector_conflict",
                            "inspection_plan",
                            "plan_row",
                            "draw",
                            "inspection_task",
                            "task_inspector",
                            "inspection_record",
                            "inspection_record_version",
                            "finding",
                            "inspection_idempotency_key",
                            "checklist_version",
                            "checklist_item",
                            "enforcement_case",
                            "case_number_counter",
                            "penalty_proposal",
                            "penalty_decision",
                            "rectification",
                            "rectification_progress",
                            "rectification_verification",
                            "remote_alert",
                            "prior_violation",
                            "case_procedure",
                            "case_procedure_step"),
            "liaison",
                    List.of(
                            "liaison_contact",
                            "clue",
                            "deadline_obligation",
                            "deadline_submission",
                            "notification_request"));

    /**
     * @param method  HTTP method
     * @param path    path with the campaign's ids filled in
     * @param token   the caller allowed to use the endpoint (the attacks must fail on the input, not on the role)
     * @param valid   a well-formed body, null for body-less actions
     */
    record Endpoint(String method, String path, Function<Campaign, String> token, JsonNode valid) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private WriteEndpoints() {}

    static List<Endpoint> all(Campaign c) {
        Function<Campaign, String> province = x -> x.province();
        Function<Campaign, String> city = x -> x.city();
        String inspector = c.inspectorIds.get(0);
        String record = c.records.values().iterator().next();
        String task = c.tasks.values().iterator().next();
        String clue =
                c.db.column("liaison", "SELECT id::text FROM clue LIMIT 1").get(0);
        List<Endpoint> rows = new ArrayList<>();
        rows.add(new Endpoint("POST", "/api/v1/sync/runs", province, json("{\"mode\":\"INCREMENTAL\"}")));
        rows.add(new Endpoint("POST", "/api/v1/inspectors", city, json("""
                {"certificateNo":"TY-HOSTILE-1","name":"执法员","divisionCode":"140100","specialties":["AIR"],
                 "onPost":true,"phone":"13800000000"}""")));
        rows.add(new Endpoint("PUT", "/api/v1/inspectors/" + inspector, city, json("""
                {"certificateNo":"TY-ST-1","name":"执法员","divisionCode":"140100","specialties":["AIR"],
                 "onPost":true,"phone":"13800000000"}""")));
        rows.add(new Endpoint(
                "POST",
                "/api/v1/inspectors/" + inspector + "/conflicts",
                city,
                json("{\"permitNumber\":\"" + c.tasks.keySet().iterator().next() + "\",\"reason\":\"亲属关系\"}")));
        rows.add(new Endpoint("POST", "/api/v1/plans", city, json("""
                {"year":2027,"title":"计划","startMonth":1,"rows":[{"rowNo":1,"keyIndustry":"COKING",
                 "category":"DOUBLE_RANDOM","method":"SAMPLING","doubleRandom":true,"ratio":0.2,"frequencyPeriod":"MONTH",
                 "frequencyTimes":1,"contentDaily":"按清单","operatingMethod":"现场","cooperatingAgencies":["局"]}]}""")));
        rows.add(new Endpoint(
                "POST",
                "/api/v1/draws",
                city,
                json("{\"planId\":\"" + c.planId + "\",\"rowNo\":1,\"month\":\"2027-01\"}")));
        // Issue 12.6: the province's random draw for remote checks (ADR 0013).
        rows.add(new Endpoint("POST", "/api/v1/draws/remote-checks", province, json("""
                {"month":"%s","ratios":{"KEY":0.05,"GENERAL":0.01,"SPECIAL":1.0},"cityCodes":["140100"],
                 "keyIndustries":["COKING"],"includeRegistration":false}""".formatted(
                        java.time.YearMonth.now(Campaign.BEIJING)))));
        rows.add(new Endpoint(
                "POST",
                "/api/v1/tasks",
                city,
                json("{\"permitNumber\":\"" + c.tasks.keySet().iterator().next()
                        + "\",\"origin\":\"MANUAL\",\"method\":\"ON_SITE\",\"dueDate\":\"2027-02-15\",\"department\":\"ENFORCEMENT\","
                        + "\"inspectorIds\":[\"" + c.inspectorIds.get(0) + "\",\"" + c.inspectorIds.get(1) + "\"]}")));
        rows.add(new Endpoint("POST", "/api/v1/inspections", city, c.recordBody(task, null, false)));
        rows.add(new Endpoint("PUT", "/api/v1/inspections/" + record, city, c.recordBody(task, null, false)));
        rows.add(new Endpoint(
                "POST",
                "/api/v1/inspections/" + record + "/corrections",
                city,
                json("{\"reason\":\"更正\",\"notes\":\"更正后\",\"position\":{\"lat\":37.8,\"lon\":112.5}}")));
        rows.add(new Endpoint("POST", "/api/v1/checklists", province, json("""
                {"divisionCode":"140000","title":"清单","items":[{"keyIndustry":"COKING","itemNo":1,"content":"检查"}]}""")));
        rows.add(new Endpoint("POST", "/api/v1/liaisons", province, json("""
                {"role":"ENFORCEMENT","divisionCode":"140100","personName":"联络员","organisation":"太原市生态环境局",
                 "position":"科长","phone":"13900001234","email":"liaison@taiyuan.example.cn"}""")));
        rows.add(new Endpoint("POST", "/api/v1/deadlines", province, json("""
                {"code":"ST_HOSTILE","title":"报送","description":"说明","recurrence":"MONTHLY","dueDay":5}""")));
        rows.add(new Endpoint(
                "POST",
                "/api/v1/submissions",
                city,
                json("{\"deadlineId\":\"" + java.util.UUID.randomUUID()
                        + "\",\"period\":\"2026-11\",\"note\":\"报送\"}")));
        rows.add(new Endpoint("POST", "/api/v1/notifications/checklist-dispatch", province, json("""
                {"subject":"通知","message":"请查收","attachment":{"fileName":"a.txt","contentType":"text/plain",
                 "contentBase64":"YQ=="}}""")));
        rows.add(new Endpoint("POST", "/api/v1/clues", city, json("""
                {"fromDepartment":"MONITORING","toDivisionCode":"140100","toDepartment":"ENFORCEMENT",
                 "permitNumber":"%s","summary":"线索","requestedBy":"%s"}""".formatted(
                        c.tasks.keySet().iterator().next(),
                        java.time.LocalDate.now(Campaign.BEIJING).plusDays(14)))));
        rows.add(new Endpoint(
                "POST",
                "/api/v1/clues/" + clue + "/feedback",
                city,
                json("{\"text\":\"已核查\",\"result\":\"CONFIRMED\"}")));
        // Enforcement (issue 4), against the OPEN case the campaign left for the matrices.
        Enforcement.Outcome e = c.enforcement;
        rows.add(new Endpoint("POST", "/api/v1/cases", city, json("{\"findingId\":\"" + e.openCaseFinding + "\"}")));
        rows.add(new Endpoint("POST", "/api/v1/cases/" + e.openCase + "/penalty-proposal", city, json("""
                {"factors":{"HARM":"GENERAL","FAULT":"NEGLIGENT","METHOD":"ORDINARY","ATTITUDE":"ACTIVE"},
                 "adjustments":["COOPERATED"],"occurrences":1,"serious":false}""")));
        rows.add(new Endpoint("POST", "/api/v1/cases/" + e.openCase + "/article", city, json("""
                {"article":"第三十四条第（一）项","reason":"复核定性"}""")));
        rows.add(new Endpoint(
                "POST", "/api/v1/cases/" + e.openCase + "/decision", city, json("""
                {"proposalId":"%s","kind":"FINE","amountYuan":300000,"overrideReason":"集体讨论"}""".formatted(e.openCaseProposal))));
        rows.add(new Endpoint("POST", "/api/v1/cases/" + e.openCase + "/rectification", city, json("""
                {"deadline":"%s","requirements":"限期整改","servedOn":"%s"}""".formatted(
                java.time.LocalDate.now(Campaign.BEIJING).plusDays(7), java.time.LocalDate.now(Campaign.BEIJING)))));
        // Issue 12 item 4: a prior violation of a Taiyuan unit (CITY or PROVINCE only).
        rows.add(new Endpoint("POST", "/api/v1/cases/prior-violations", city, json("""
                {"permitNumber":"%s","decisionNo":"并环罚〔2025〕1号","decidedOn":"%s","violatedOn":"%s",
                 "article":"第三十七条第（一）项","violationType":"LEDGER_INCOMPLETE","authority":"太原市生态环境局",
                 "sourceDocument":"档案号 2025-1","amountYuan":8000}""".formatted(
                        c.tasks.keySet().iterator().next(),
                        java.time.LocalDate.now(Campaign.BEIJING).minusMonths(20),
                        java.time.LocalDate.now(Campaign.BEIJING).minusMonths(21)))));
        rows.add(new Endpoint(
                "POST", "/api/v1/rectifications/" + e.openRectification + "/verification", city, json("""
                {"recordId":"%s","result":"COMPLETE"}""".formatted(
                                e.followUpRecord))));
        // Body-less actions: no hostile body to derive; the authorization matrix covers them.
        rows.add(new Endpoint("POST", "/api/v1/cases/" + e.openCase + "/close", city, null));
        rows.add(new Endpoint("POST", "/api/v1/remote-checks/runs", city, null));
        rows.add(new Endpoint("POST", "/api/v1/alerts/" + e.alertId + "/review", city, json("""
                {"decision":"TASK","method":"ON_SITE","dueDate":"%s","inspectorIds":["%s","%s"],
                 "department":"ENVIRONMENT_ENFORCEMENT"}""".formatted(
                        java.time.LocalDate.now(Campaign.BEIJING).plusDays(10),
                        c.inspectorIds.get(0),
                        c.inspectorIds.get(1)))));
        return rows;
    }

    static JsonNode json(String text) {
        return Api.JSON.readTree(text);
    }

    /** A fingerprint of every watched table (content hash and row count). */
    static Map<String, String> fingerprint(Db db) {
        Map<String, String> out = new java.util.TreeMap<>();
        WATCHED_TABLES.forEach((database, tables) -> {
            for (String table : tables) {
                List<String> row = db.rows(
                                database,
                                "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' "
                                        + "ORDER BY t::text)), '-') FROM " + table + " t")
                        .get(0);
                out.put(database + "." + table, row.get(0));
            }
        });
        return out;
    }
}
