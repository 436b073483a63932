package org.permitwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import tools.jackson.databind.JsonNode;

/**
 * Every write endpoint × every hostile body, and every write endpoint × role × foreign division: only 4xx
 * {@code application/problem+json}, never a 5xx, and the watched tables byte-for-byte unchanged afterwards.
 * Soft assertions: one run lists every offending cell.
 */
final class InputMatrix {

    private final Campaign c;

    InputMatrix(Campaign campaign) {
        this.c = campaign;
    }

    void hostileInput() {
        Map<String, String> before = WriteEndpoints.fingerprint(c.db);
        SoftAssertions soft = new SoftAssertions();
        int cells = 0;
        for (WriteEndpoints.Endpoint endpoint : WriteEndpoints.all(c)) {
            Map<String, String> attacks = endpoint.valid() == null ? Map.of() : HostileInput.attacks(endpoint.valid());
            for (Map.Entry<String, String> attack : attacks.entrySet()) {
                Api.Reply reply = c.gateway.send(
                        endpoint.method(),
                        endpoint.path(),
                        endpoint.token().apply(c),
                        attack.getValue(),
                        Map.of("Idempotency-Key", "hostile-" + cells));
                cells++;
                soft.assertThat(reply.status())
                        .as("%s with %s: %s", endpoint, attack.getKey(), reply)
                        .isBetween(400, 499);
                soft.assertThat(reply.isProblem())
                        .as("%s with %s is problem+json: %s", endpoint, attack.getKey(), reply)
                        .isTrue();
            }
        }
        soft.assertThat(WriteEndpoints.fingerprint(c.db))
                .as("tables after %s hostile requests", cells)
                .isEqualTo(before);
        System.out.println("[system-test] hostile input: " + cells + " requests");
        soft.assertAll();
    }

    /** One cell of the authorization matrix: a caller, a request, the refusals that are acceptable. */
    record Access(String who, String token, String method, String path, Object body, Set<Integer> expected) {}

    void authorization() {
        String datong = c.platform.token("CITY", "140200", "--sub", "datong-city");
        String datongCounty = c.platform.token("COUNTY", "140202", "--sub", "datong-county");
        String strangerInspector = c.platform.token(
                "INSPECTOR", "140100", "--sub", java.util.UUID.randomUUID().toString());
        String inspector = c.platform.token("INSPECTOR", Campaign.CITY, "--sub", c.inspectorIds.get(0));
        String anonymous = null;
        String forged = c.city().substring(0, c.city().length() - 4) + "AAAA";
        List<Access> cells = new ArrayList<>();
        Set<Integer> notFound = Set.of(404);
        Set<Integer> denied = Set.of(403, 404);
        String plan = c.planId;
        String task = c.tasks.values().iterator().next();
        String record = c.records.values().iterator().next();
        String inspectorId = c.inspectorIds.get(0);
        String clue =
                c.db.column("liaison", "SELECT id::text FROM clue LIMIT 1").get(0);
        JsonNode recordBody = c.recordBody(task, null, false);
        Enforcement.Outcome e = c.enforcement;
        Map<String, Object> proposal = Map.of(
                "factors", Map.of("HARM", "GENERAL", "FAULT", "NEGLIGENT", "METHOD", "ORDINARY", "ATTITUDE", "ACTIVE"));
        for (String[] who : new String[][] {{"Datong city", datong}, {"a Datong county", datongCounty}}) {
            String t = who[1];
            cells.add(new Access(who[0], t, "POST", "/api/v1/plans/" + plan + "/publish", null, denied));
            cells.add(new Access(
                    who[0],
                    t,
                    "POST",
                    "/api/v1/draws",
                    Map.of("planId", plan, "rowNo", 1, "month", "2027-01"),
                    denied));
            cells.add(new Access(who[0], t, "POST", "/api/v1/inspections", recordBody, notFound));
            cells.add(new Access(who[0], t, "PUT", "/api/v1/inspections/" + record, recordBody, notFound));
            cells.add(new Access(
                    who[0],
                    t,
                    "POST",
                    "/api/v1/inspections/" + record + "/corrections",
                    Map.of("reason", "篡改", "notes", "x"),
                    notFound));
            cells.add(new Access(
                    who[0],
                    t,
                    "PUT",
                    "/api/v1/inspectors/" + inspectorId,
                    Map.of(
                            "certificateNo",
                            "TY-ST-1",
                            "name",
                            "篡改",
                            "divisionCode",
                            "140100",
                            "specialties",
                            List.of("AIR"),
                            "onPost",
                            false,
                            "phone",
                            "13800000000"),
                    denied));
            cells.add(new Access(
                    who[0],
                    t,
                    "POST",
                    "/api/v1/inspectors",
                    Map.of(
                            "certificateNo",
                            "DT-FOREIGN-1",
                            "name",
                            "外市",
                            "divisionCode",
                            "140100",
                            "specialties",
                            List.of("AIR"),
                            "onPost",
                            true,
                            "phone",
                            "13800000000"),
                    Set.of(403, 404, 422)));
            cells.add(new Access(who[0], t, "POST", "/api/v1/clues/" + clue + "/accept", null, notFound));
            cells.add(new Access(
                    who[0], t, "POST", "/api/v1/clues/" + clue + "/reject", Map.of("reason", "篡改"), notFound));
            // Publishing Taiyuan's draw: another city does not see it, a county may not publish at all.
            cells.add(new Access(
                    who[0],
                    t,
                    "POST",
                    "/api/v1/draws/" + c.drawId + "/publish",
                    null,
                    who[0].contains("county") ? Set.of(403) : notFound));
            cells.add(new Access(who[0], t, "POST", "/api/v1/clues/" + clue + "/close", Map.of("text", "x"), notFound));
            cells.add(new Access(who[0], t, "GET", "/api/v1/tasks/" + task, null, notFound));
            cells.add(new Access(who[0], t, "GET", "/api/v1/inspections/" + record, null, notFound));
            cells.add(new Access(who[0], t, "GET", "/api/v1/draws/" + c.drawId, null, notFound));
            cells.add(new Access(who[0], t, "GET", "/api/v1/plans/" + plan, null, notFound));
            cells.add(new Access(who[0], t, "GET", "/api/v1/clues/" + clue, null, notFound));
            // Enforcement: Taiyuan's cases, proposals, decisions, orders, verifications and alerts.
            cells.add(new Access(who[0], t, "GET", "/api/v1/cases/" + e.caseA, null, notFound));
            cells.add(new Access(who[0], t, "GET", "/api/v1/cases/" + e.openCase, null, notFound));
            cells.add(new Access(who[0], t, "POST", "/api/v1/cases", Map.of("findingId", e.openCaseFinding), notFound));
            cells.add(new Access(
                    who[0], t, "POST", "/api/v1/cases/" + e.openCase + "/penalty-proposal", proposal, notFound));
            cells.add(new Access(
                    who[0],
                    t,
                    "POST",
                    "/api/v1/cases/" + e.openCase + "/article",
                    Map.of("article", "第三十六条第（五）项", "reason", "篡改"),
                    notFound));
            // A county may not decide at all (403) — or does not see the case (404).
            cells.add(new Access(
                    who[0],
                    t,
                    "POST",
                    "/api/v1/cases/" + e.openCase + "/decision",
                    Map.of(
                            "proposalId",
                            e.openCaseProposal,
                            "kind",
                            "FINE",
                            "amountYuan",
                            300000,
                            "overrideReason",
                            "篡改"),
                    who[0].contains("county") ? denied : notFound));
            cells.add(new Access(
                    who[0],
                    t,
                    "POST",
                    "/api/v1/cases/" + e.openCase + "/rectification",
                    Map.of("requirements", "篡改"),
                    notFound));
            cells.add(new Access(
                    who[0],
                    t,
                    "POST",
                    "/api/v1/rectifications/" + e.openRectification + "/verification",
                    Map.of("recordId", e.followUpRecord, "result", "COMPLETE"),
                    notFound));
            cells.add(new Access(who[0], t, "POST", "/api/v1/cases/" + e.openCase + "/close", null, notFound));
            // Issue 12 item 4: a Taiyuan unit's prior violation — a Datong county may not record at all (403), a Datong
            // city does not see the unit (404).
            cells.add(new Access(
                    who[0],
                    t,
                    "POST",
                    "/api/v1/cases/prior-violations",
                    Map.of(
                            "permitNumber",
                            c.tasks.keySet().iterator().next(),
                            "decisionNo",
                            "篡改〔2025〕1号",
                            "decidedOn",
                            "2025-01-10",
                            "article",
                            "37(1)",
                            "sourceDocument",
                            "篡改"),
                    who[0].contains("county") ? denied : notFound));
            cells.add(new Access(
                    who[0],
                    t,
                    "POST",
                    "/api/v1/alerts/" + e.alertId + "/review",
                    Map.of("decision", "DISMISS", "reason", "篡改"),
                    notFound));
        }
        // Roles: an inspector plans nothing, a city does not sync, an unassigned inspector sees no record.
        cells.add(new Access(
                "an inspector",
                inspector,
                "POST",
                "/api/v1/plans",
                WriteEndpoints.all(c).stream()
                        .filter(w -> w.path().equals("/api/v1/plans"))
                        .findFirst()
                        .orElseThrow()
                        .valid(),
                denied));
        cells.add(new Access(
                "an inspector",
                inspector,
                "POST",
                "/api/v1/draws",
                Map.of("planId", plan, "rowNo", 1, "month", "2027-01"),
                denied));
        cells.add(new Access(
                "an inspector", inspector, "POST", "/api/v1/tasks", Map.of("permitNumber", "x"), Set.of(400, 403)));
        cells.add(new Access(
                "an inspector", inspector, "POST", "/api/v1/sync/runs", Map.of("mode", "FULL"), Set.of(403)));
        cells.add(new Access(
                "an inspector",
                inspector,
                "POST",
                "/api/v1/cases",
                Map.of("findingId", e.openCaseFinding),
                Set.of(403)));
        cells.add(new Access(
                "an inspector",
                inspector,
                "POST",
                "/api/v1/cases/" + e.openCase + "/penalty-proposal",
                proposal,
                Set.of(403)));
        cells.add(new Access(
                "an inspector",
                inspector,
                "POST",
                "/api/v1/cases/" + e.openCase + "/decision",
                Map.of("proposalId", e.openCaseProposal, "kind", "FINE"),
                Set.of(403)));
        cells.add(new Access(
                "an inspector", inspector, "POST", "/api/v1/cases/" + e.openCase + "/close", null, Set.of(403)));
        cells.add(new Access(
                "an inspector",
                inspector,
                "POST",
                "/api/v1/rectifications/" + e.openRectification + "/verification",
                Map.of("recordId", e.followUpRecord, "result", "COMPLETE"),
                Set.of(403)));
        cells.add(new Access("an inspector", inspector, "POST", "/api/v1/remote-checks/runs", null, Set.of(403)));
        cells.add(new Access(
                "an inspector",
                inspector,
                "POST",
                "/api/v1/cases/prior-violations",
                Map.of(
                        "permitNumber",
                        c.tasks.keySet().iterator().next(),
                        "decisionNo",
                        "篡改〔2025〕2号",
                        "decidedOn",
                        "2025-01-10",
                        "article",
                        "37(1)",
                        "sourceDocument",
                        "篡改"),
                Set.of(403)));
        cells.add(new Access("a Datong county", datongCounty, "POST", "/api/v1/remote-checks/runs", null, Set.of(403)));
        cells.add(new Access(
                "an inspector",
                inspector,
                "POST",
                "/api/v1/alerts/" + e.alertId + "/review",
                Map.of("decision", "DISMISS", "reason", "x"),
                denied));
        cells.add(
                new Access("Taiyuan city", c.city(), "POST", "/api/v1/sync/runs", Map.of("mode", "FULL"), Set.of(403)));
        cells.add(new Access(
                "Taiyuan city",
                c.city(),
                "POST",
                "/api/v1/checklists",
                Map.of("divisionCode", "140000"),
                Set.of(400, 403, 422)));
        cells.add(new Access(
                "an unassigned inspector", strangerInspector, "GET", "/api/v1/inspections/" + record, null, notFound));
        // Issue 11.3: cases follow the records' assigned-only rule; reports have no assignments and refuse inspectors;
        // publishing a draw is never an empty 200.
        cells.add(new Access(
                "an unassigned inspector", strangerInspector, "GET", "/api/v1/cases/" + e.caseA, null, notFound));
        cells.add(new Access(
                "an unassigned inspector", strangerInspector, "GET", "/api/v1/cases/" + e.openCase, null, notFound));
        cells.add(new Access(
                "an inspector", inspector, "GET", "/api/v1/reports/dispatch?month=2026-06", null, Set.of(403)));
        cells.add(new Access(
                "an inspector", inspector, "POST", "/api/v1/draws/" + c.drawId + "/publish", null, Set.of(403)));
        cells.add(new Access(
                "a Taiyuan county",
                c.platform.token("COUNTY", "140105", "--sub", "taiyuan-county"),
                "POST",
                "/api/v1/draws/" + c.drawId + "/publish",
                null,
                Set.of(403)));
        cells.add(new Access(
                "Taiyuan city",
                c.city(),
                "POST",
                "/api/v1/draws/" + java.util.UUID.randomUUID() + "/publish",
                null,
                notFound));
        // Issue 12.6 (ADR 0013): a county draws only its own county plan's rows and sees only its own draws; the
        // province's remote-check draw is the province's.
        String taiyuanCounty = c.platform.token("COUNTY", "140105", "--sub", "taiyuan-county");
        cells.add(new Access(
                "a Taiyuan county",
                taiyuanCounty,
                "POST",
                "/api/v1/draws",
                Map.of("planId", plan, "rowNo", 1, "month", "2027-01"),
                notFound));
        cells.add(new Access("a Taiyuan county", taiyuanCounty, "GET", "/api/v1/draws/" + c.drawId, null, notFound));
        cells.add(new Access(
                "a Taiyuan county",
                taiyuanCounty,
                "POST",
                "/api/v1/plans",
                Map.of("year", 2027, "title", "县计划", "rows", List.of()),
                Set.of(400)));
        Map<String, Object> remoteDraw =
                Map.of("month", java.time.YearMonth.now(Campaign.BEIJING).toString(), "ratios", Map.of("KEY", 0.05));
        cells.add(new Access("Taiyuan city", c.city(), "POST", "/api/v1/draws/remote-checks", remoteDraw, Set.of(403)));
        cells.add(new Access(
                "a Taiyuan county", taiyuanCounty, "POST", "/api/v1/draws/remote-checks", remoteDraw, Set.of(403)));
        cells.add(
                new Access("an inspector", inspector, "POST", "/api/v1/draws/remote-checks", remoteDraw, Set.of(403)));
        cells.add(new Access(
                "an unassigned inspector", strangerInspector, "POST", "/api/v1/inspections", recordBody, denied));
        for (String path : List.of(
                "/api/v1/plans",
                "/api/v1/inspections",
                "/api/v1/clues",
                "/api/v1/sync/runs",
                "/api/v1/liaisons",
                "/api/v1/inspectors",
                "/api/v1/cases",
                "/api/v1/cases/" + e.openCase + "/decision",
                "/api/v1/rectifications/" + e.openRectification + "/verification",
                "/api/v1/remote-checks/runs")) {
            cells.add(new Access("no token", anonymous, "POST", path, Map.of(), Set.of(401)));
            cells.add(new Access("a forged token", forged, "POST", path, Map.of(), Set.of(401)));
        }

        Map<String, String> before = WriteEndpoints.fingerprint(c.db);
        SoftAssertions soft = new SoftAssertions();
        for (Access cell : cells) {
            Api.Reply reply = c.gateway.send(cell.method(), cell.path(), cell.token(), cell.body(), Map.of());
            soft.assertThat(reply.status())
                    .as("%s: %s %s → %s", cell.who(), cell.method(), cell.path(), reply)
                    .isIn(cell.expected().toArray());
            soft.assertThat(reply.isProblem())
                    .as("%s: %s %s is problem+json: %s", cell.who(), cell.method(), cell.path(), reply)
                    .isTrue();
            // No leak: a refusal names nothing of the resource (its unit or permit) beyond what the caller sent.
            for (String permit : c.tasks.keySet()) {
                soft.assertThat(reply.body())
                        .as("%s: %s %s leaks a permit", cell.who(), cell.method(), cell.path())
                        .doesNotContain(permit);
            }
        }
        soft.assertThat(WriteEndpoints.fingerprint(c.db))
                .as("tables after %s refused requests", cells.size())
                .isEqualTo(before);
        // A unit's history (its cases, facts, fines) is refused to an inspector. Outside the cells: the problem's
        // instance echoes the path, which names the permit the caller asked for.
        Api.Reply history = c.gateway.get("/api/v1/reports/units/" + c.scenarioPermit, inspector);
        soft.assertThat(history.status())
                .as("an inspector: unit history → %s", history)
                .isEqualTo(403);
        soft.assertThat(history.isProblem())
                .as("an inspector: unit history is problem+json: %s", history)
                .isTrue();
        // An unassigned inspector's case lists are empty (200), not the city's cases.
        for (String list : List.of("/api/v1/cases?size=200", "/api/v1/cases/queue?size=200")) {
            Api.Reply reply = c.gateway.get(list, strangerInspector);
            soft.assertThat(reply.status())
                    .as("an unassigned inspector: GET %s → %s", list, reply)
                    .isEqualTo(200);
            soft.assertThat(reply.json().path("total").asLong(-1))
                    .as("an unassigned inspector: GET %s total", list)
                    .isZero();
        }
        System.out.println("[system-test] authorization matrix: " + cells.size() + " cells");
        soft.assertAll();
        assertThat(cells).hasSizeGreaterThan(30);
    }
}
