package org.permitwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 8's enforcement part of the campaign, through the gateway: the scenario unit's two findings (an exceedance,
 * art. 34, and an incomplete ledger, art. 37) become cases; the first gets an explained fine (the explanation checked
 * against the benchmark's figures by hand, an amount outside the statutory range refused), the second a justified
 * no-penalty (首违不罚); both are ordered to rectify, a follow-up inspection finds both corrected, both are verified
 * and closed — and closing before the verification is refused. The same flow as scripts/demo-enforcement.sh.
 */
final class Enforcement {

    /** The scenario's fine: inside art. 34's range, above the proposal (an audited override). */
    static final long FINE_YUAN = 300_000;

    /** What the step did, for the report step and the matrices. */
    static final class Outcome {
        String caseA;
        String caseB;
        String rectificationA;
        String rectificationB;
        String followUpTaskId;
        LocalDate followUpDue;
        String followUpRecord;
        /** Matrix targets: an OPEN case with a proposal and an ordered rectification, its finding, an alert. */
        String openCase;

        String openCaseFinding;
        String openCaseProposal;
        String openRectification;
        String alertId;
    }

    private final Campaign c;
    private final Outcome out;

    Enforcement(Campaign campaign) {
        this.c = campaign;
        this.out = campaign.enforcement;
    }

    void run() {
        String permit = c.scenarioPermit;
        assertThat(permit).as("an exceeding drawn unit (the scenario unit)").isNotNull();
        LocalDate today = LocalDate.now(Campaign.BEIJING);

        // 1. The two ACTIVE findings of the scenario unit's record become cases; a second case of a finding is 409.
        JsonNode findings = c.gateway
                .get("/api/v1/findings?size=200&permitNumber=" + permit, c.city())
                .json();
        String exceedFinding = null;
        String ledgerFinding = null;
        for (JsonNode f : findings.get("items")) {
            assertThat(f.get("status").asString()).isEqualTo("ACTIVE");
            switch (f.get("violationType").asString()) {
                case "EXCEEDING_LIMITS" -> exceedFinding = f.get("id").asString();
                case "LEDGER_INCOMPLETE" -> ledgerFinding = f.get("id").asString();
                default -> throw new AssertionError("unexpected finding " + f);
            }
        }
        assertThat(exceedFinding)
                .as("exceedance finding of %s: %s", permit, findings)
                .isNotNull();
        assertThat(ledgerFinding)
                .as("ledger finding of %s: %s", permit, findings)
                .isNotNull();
        JsonNode caseA =
                created(c.gateway.post("/api/v1/cases", c.city(), Map.of("findingId", exceedFinding)), "case A");
        JsonNode caseB =
                created(c.gateway.post("/api/v1/cases", c.city(), Map.of("findingId", ledgerFinding)), "case B");
        out.caseA = caseA.get("id").asString();
        out.caseB = caseB.get("id").asString();
        // The case carries the checklist's official article text (第三十四条第（一）项 …).
        assertThat(List.of(
                        caseA.get("status").asString(),
                        caseA.get("violationType").asString(),
                        caseA.get("permitNumber").asString()))
                .containsExactly("OPEN", "EXCEEDING_LIMITS", permit);
        assertThat(caseA.get("article").asString()).startsWith("第三十四条");
        assertThat(List.of(
                        caseB.get("status").asString(),
                        caseB.get("violationType").asString(),
                        caseB.get("permitNumber").asString()))
                .containsExactly("OPEN", "LEDGER_INCOMPLETE", permit);
        assertThat(caseB.get("article").asString()).startsWith("第三十七条");
        problem(c.gateway.post("/api/v1/cases", c.city(), Map.of("findingId", exceedFinding)), 409, "case-exists");

        // 2. Case A: the proposal's explanation by hand. Benchmark SX-PERMIT-2026.1 (in force from 2026-12-01;
        // SX-PERMIT-2022.1 before, same figures), art. 34: 200,000–1,000,000 yuan.
        //    p0 = 0.3 × 0.5 (HARM GENERAL) + 0.2 × 0.3 (FAULT NEGLIGENT) + 0.15 × 0 (METHOD ORDINARY)
        //       + 0.15 × 0 (HISTORY FIRST: no other case of the unit before this violation day; case B is same-day)
        //       + 0.2 × 0 (ATTITUDE ACTIVE) = 0.21;  p = 0.21 − 10 % (COOPERATED) = 0.11
        //    fine = 200,000 + 800,000 × 0.11 = 288,000 (a multiple of the 100-yuan rounding unit already).
        JsonNode proposalA = ok(
                c.gateway.post("/api/v1/cases/" + out.caseA + "/penalty-proposal", c.city(), Api.JSON.readTree("""
                {"factors":{"HARM":"GENERAL","FAULT":"NEGLIGENT","METHOD":"ORDINARY","ATTITUDE":"ACTIVE"},
                 "adjustments":["COOPERATED"]}""")),
                "proposal A");
        assertThat(proposalA.get("benchmarkArticle").asString())
                .as("benchmark article of %s", proposalA)
                .isEqualTo("34");
        assertDecimal(proposalA, "range.minYuan", "200000");
        assertDecimal(proposalA, "range.maxYuan", "1000000");
        assertThat(proposalA.at("/history/priorCases").asInt())
                .as("prior cases: %s", proposalA)
                .isZero();
        assertFactor(proposalA, "HARM", "GENERAL", "0.15");
        assertFactor(proposalA, "FAULT", "NEGLIGENT", "0.06");
        assertFactor(proposalA, "METHOD", "ORDINARY", "0");
        assertFactor(proposalA, "HISTORY", "FIRST", "0");
        assertFactor(proposalA, "ATTITUDE", "ACTIVE", "0");
        assertDecimal(proposalA, "pBase", "0.21");
        assertDecimal(proposalA, "pAdjusted", "0.11");
        assertDecimal(proposalA, "rawYuan", "288000");
        assertDecimal(proposalA, "resultYuan", "288000");
        assertThat(proposalA.at("/noPenalty/eligible").asBoolean())
                .as("art. 34 is no first-minor case")
                .isFalse();
        String proposalIdA = proposalA.get("proposalId").asString();

        // 3. A fine above the statutory maximum is refused naming amountYuan, and nothing is decided; then 300,000.
        Api.Reply tooHigh = c.gateway.post(
                "/api/v1/cases/" + out.caseA + "/decision",
                c.city(),
                Map.of("proposalId", proposalIdA, "kind", "FINE", "amountYuan", 1_200_000, "overrideReason", "超出法定幅度"));
        assertThat(tooHigh.status()).as("fine above the range: %s", tooHigh).isEqualTo(422);
        assertThat(tooHigh.isProblem()).isTrue();
        assertThat(fields(tooHigh.json()))
                .as("refusal names the field: %s", tooHigh)
                .contains("amountYuan");
        assertThat(c.db.count("inspection", "SELECT count(*) FROM penalty_decision WHERE case_id::text = ?", out.caseA))
                .as("decisions of case A after the refusal")
                .isZero();
        // The procedure a fine needs before its decision (issue 20, ADR 0041): the 告知书 announcing 300,000 is served
        // today, the party waives 陈述申辩 and its hearing (300,000 ≥ the hearing threshold), legal review and
        // collective discussion (≥ 200,000 is a major decision). Without the notice the decision is 409.
        Api.Reply unnoticed = c.gateway.post(
                "/api/v1/cases/" + out.caseA + "/decision",
                c.city(),
                Map.of("proposalId", proposalIdA, "kind", "FINE", "amountYuan", FINE_YUAN, "overrideReason", "x"));
        assertThat(unnoticed.status())
                .as("decision before the notice: %s", unnoticed)
                .isEqualTo(409);
        String procedure = "/api/v1/cases/" + out.caseA + "/procedure/";
        ok(
                c.gateway.post(
                        procedure + "notice",
                        c.city(),
                        Map.of(
                                "proposalId",
                                proposalIdA,
                                "servedOn",
                                today.toString(),
                                "method",
                                "DIRECT",
                                "amountYuan",
                                FINE_YUAN)),
                "notice A");
        ok(
                c.gateway.post(
                        procedure + "statement",
                        c.city(),
                        Map.of("on", today.toString(), "waived", true, "hearingWaived", true)),
                "waiver A");
        ok(
                c.gateway.post(
                        procedure + "review",
                        c.city(),
                        Map.of(
                                "reviewedOn",
                                today.toString(),
                                "reviewer",
                                "法制科",
                                "opinion",
                                "事实清楚，证据确凿，程序合法",
                                "discussedOn",
                                today.toString(),
                                "discussionNote",
                                "局务会集体讨论")),
                "review A");
        ok(
                c.gateway.post(
                        "/api/v1/cases/" + out.caseA + "/decision",
                        c.city(),
                        Map.of(
                                "proposalId",
                                proposalIdA,
                                "kind",
                                "FINE",
                                "amountYuan",
                                FINE_YUAN,
                                "overrideReason",
                                "集体讨论：超标倍数较高，在法定幅度内酌定")),
                "decision A");

        // 4. Case B: art. 37(1) (台账记录不全, the checklist's item 8), 5,000–20,000 yuan per occurrence;
        //    p0 = 0.3 × 0 (HARM SLIGHT) + 0.2 × 0.3 = 0.06 → 5,000 + 15,000 × 0.06 = 5,900. First ledger violation,
        //    slight harm — but 及时改正 is not yet shown (no verified rectification), so 首违不罚 is not yet eligible
        //    and NO_PENALTY is refused; it is decided after the follow-up verifies the correction (step 6).
        JsonNode proposalB = ok(
                c.gateway.post("/api/v1/cases/" + out.caseB + "/penalty-proposal", c.city(), Api.JSON.readTree("""
                {"factors":{"HARM":"SLIGHT","FAULT":"NEGLIGENT","METHOD":"ORDINARY","ATTITUDE":"ACTIVE"}}""")),
                "proposal B");
        assertThat(proposalB.get("benchmarkArticle").asString())
                .as("benchmark article of %s", proposalB)
                .isEqualTo("37");
        assertThat(proposalB.get("article").asString())
                .as("article of %s", proposalB)
                .isEqualTo("第三十七条第（一）项");
        assertDecimal(proposalB, "range.minYuan", "5000");
        assertDecimal(proposalB, "range.maxYuan", "20000");
        assertDecimal(proposalB, "pBase", "0.06");
        assertDecimal(proposalB, "resultYuan", "5900");
        assertThat(proposalB.at("/noPenalty/eligible").asBoolean())
                .as("no-penalty: %s", proposalB.get("noPenalty"))
                .isFalse();
        assertThat(proposalB.at("/noPenalty/rule").asString()).isEqualTo("FIRST_MINOR_LEDGER");
        assertThat(proposalB.at("/noPenalty/reasons"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("passed").asBoolean())
                        .as("no-penalty check %s", r)
                        .isEqualTo(!"CORRECTED_IN_TIME".equals(r.get("check").asString())));
        Api.Reply early = c.gateway.post(
                "/api/v1/cases/" + out.caseB + "/decision",
                c.city(),
                Map.of("proposalId", proposalB.get("proposalId").asString(), "kind", "NO_PENALTY"));
        assertThat(early.status())
                .as("NO_PENALTY before the correction is verified: %s", early)
                .isEqualTo(422);
        assertThat(fields(early.json()))
                .as("refusal names the field: %s", early)
                .contains("kind");
        problem(c.gateway.post("/api/v1/cases/" + out.caseB + "/close", c.city(), null), 409, "decision-required");

        // 5. Rectification orders: the default deadline (7 days, Beijing), one FOLLOW_UP task due 3 days later.
        out.rectificationA = ok(
                        c.gateway.post(
                                "/api/v1/cases/" + out.caseA + "/rectification",
                                c.city(),
                                Map.of("requirements", "立即停止超标排放，检修脱硫脱硝设施，7日内完成整改")),
                        "order A")
                .get("rectificationId")
                .asString();
        out.rectificationB = ok(
                        c.gateway.post(
                                "/api/v1/cases/" + out.caseB + "/rectification",
                                c.city(),
                                Map.of("requirements", "补齐环境管理台账并建立记录复核制度")),
                        "order B")
                .get("rectificationId")
                .asString();
        problem(
                c.gateway.post("/api/v1/cases/" + out.caseA + "/close", c.city(), null),
                409,
                "rectification-not-verified");
        JsonNode detailA = ok(c.gateway.get("/api/v1/cases/" + out.caseA, c.city()), "case A");
        JsonNode detailB = ok(c.gateway.get("/api/v1/cases/" + out.caseB, c.city()), "case B");
        LocalDate deadline = today.plusDays(7);
        assertThat(List.of(
                        detailA.at("/rectification/status").asString(),
                        detailA.at("/rectification/orderedOn").asString(),
                        detailA.at("/rectification/deadline").asString()))
                .containsExactly("ORDERED", today.toString(), deadline.toString());
        out.followUpTaskId = detailA.at("/rectification/followUpTaskId").asString();
        assertThat(out.followUpTaskId).as("follow-up task of A: %s", detailA).isNotBlank();
        assertThat(detailB.at("/rectification/followUpTaskId").asString())
                .as("both orders share the unit's follow-up task")
                .isEqualTo(out.followUpTaskId);
        JsonNode task = ok(c.gateway.get("/api/v1/tasks/" + out.followUpTaskId, c.city()), "follow-up task");
        out.followUpDue = deadline.plusDays(3);
        assertThat(List.of(
                        task.get("origin").asString(),
                        task.get("method").asString(),
                        task.get("status").asString(),
                        task.get("dueDate").asString(),
                        task.get("permitNumber").asString()))
                .containsExactly("FOLLOW_UP", "ON_SITE", "ASSIGNED", out.followUpDue.toString(), permit);
        // The follow-up task is created without inspectors; a targeted task for the unit and month adds two.
        List<String> team = List.of(c.inspectorIds.get(2), c.inspectorIds.get(3));
        JsonNode merged = ok(
                c.gateway.post(
                        "/api/v1/tasks",
                        c.city(),
                        Map.of(
                                "permitNumber",
                                permit,
                                "origin",
                                "FOLLOW_UP",
                                "method",
                                "ON_SITE",
                                "dueDate",
                                out.followUpDue.toString(),
                                "department",
                                "ENVIRONMENT_ENFORCEMENT",
                                "inspectorIds",
                                team)),
                "inspectors for the follow-up");
        assertThat(merged.get("id").asString()).isEqualTo(out.followUpTaskId);

        // 6. The follow-up inspection (an inspector, with an Idempotency-Key, sent twice): the reading at half the
        //    limit, the ledger item compliant → no finding; CONTINUING is refused, COMPLETE verifies both orders.
        ObjectNode body = c.recordBody(out.followUpTaskId, permit, false);
        String now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString();
        body.put("inspectedAt", now);
        Campaign.answer(body, c.ledgerItemId, "COMPLIANT");
        JsonNode limit = c.hourlyLimit(permit);
        body.putArray("measurements")
                .addObject()
                .put("outletCode", limit.get("outletCode").asString())
                .put("pollutantCode", limit.get("pollutantCode").asString())
                .put("value", limit.get("hourlyLimit").asDouble() * 0.5)
                .put("unit", limit.get("unit").asString())
                .put("averaging", "HOURLY")
                .put("measuredAt", now);
        String inspectorToken = c.inspectorToken(team.get(0));
        out.followUpRecord = new FlakyMobileClient(c.gateway, c.platform.port("GATEWAY_PORT"))
                .submit(inspectorToken, "follow-up-" + out.followUpTaskId, body, FlakyMobileClient.Style.REPEATED);
        c.assertOneRecordPerTask(List.of(out.followUpTaskId));
        JsonNode after = c.gateway
                .get("/api/v1/findings?size=200&permitNumber=" + permit, c.city())
                .json();
        for (JsonNode f : after.get("items")) {
            assertThat(f.get("recordId").asString())
                    .as("a finding of the follow-up record: %s", f)
                    .isNotEqualTo(out.followUpRecord);
        }
        problem(
                c.gateway.post(
                        "/api/v1/rectifications/" + out.rectificationA + "/verification",
                        c.city(),
                        Map.of("recordId", out.followUpRecord, "result", "CONTINUING")),
                409,
                "violation-not-found");
        for (String rectification : List.of(out.rectificationA, out.rectificationB)) {
            ok(
                    c.gateway.post(
                            "/api/v1/rectifications/" + rectification + "/verification",
                            c.city(),
                            Map.of("recordId", out.followUpRecord, "result", "COMPLETE")),
                    "verification " + rectification);
        }
        // Case B is now corrected in time (verified COMPLETE on or before its deadline): the same factors give the
        // same 5,900 and every no-penalty check passes → NO_PENALTY under FIRST_MINOR_LEDGER (晋环发〔2022〕18号 三（四）).
        JsonNode correctedB = ok(
                c.gateway.post("/api/v1/cases/" + out.caseB + "/penalty-proposal", c.city(), Api.JSON.readTree("""
                        {"factors":{"HARM":"SLIGHT","FAULT":"NEGLIGENT","METHOD":"ORDINARY","ATTITUDE":"ACTIVE"}}""")),
                "proposal B after the verified correction");
        assertDecimal(correctedB, "resultYuan", "5900");
        assertThat(correctedB.at("/noPenalty/eligible").asBoolean())
                .as("no-penalty: %s", correctedB.get("noPenalty"))
                .isTrue();
        assertThat(correctedB.at("/noPenalty/rule").asString()).isEqualTo("FIRST_MINOR_LEDGER");
        assertThat(correctedB.at("/noPenalty/legalBasis").asString()).contains("晋环发〔2022〕18号");
        assertThat(correctedB.at("/noPenalty/reasons"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("passed").asBoolean())
                        .as("no-penalty check %s", r)
                        .isTrue());
        ok(
                c.gateway.post(
                        "/api/v1/cases/" + out.caseB + "/decision",
                        c.city(),
                        Map.of("proposalId", correctedB.get("proposalId").asString(), "kind", "NO_PENALTY")),
                "decision B");

        // 7. 销号: both close; A with the decided fine (the override of 288,000 recorded), B without one.
        JsonNode closedA = ok(c.gateway.post("/api/v1/cases/" + out.caseA + "/close", c.city(), null), "close A");
        JsonNode closedB = ok(c.gateway.post("/api/v1/cases/" + out.caseB + "/close", c.city(), null), "close B");
        assertThat(closedA.get("status").asString()).isEqualTo("CLOSED");
        assertDecimal(closedA, "totalFineYuan", String.valueOf(FINE_YUAN));
        assertThat(closedA.at("/rectification/status").asString()).isEqualTo("VERIFIED_COMPLETE");
        assertThat(closedA.at("/rectification/onTime").asBoolean()).isTrue();
        assertThat(closedA.get("decisions")).hasSize(1);
        JsonNode fine = closedA.get("decisions").get(0);
        assertThat(fine.get("kind").asString()).isEqualTo("FINE");
        assertThat(fine.get("overridden").asBoolean()).isTrue();
        assertDecimal(fine, "amountYuan", String.valueOf(FINE_YUAN));
        assertDecimal(fine, "proposedYuan", "288000");
        assertThat(closedB.get("status").asString()).isEqualTo("CLOSED");
        assertDecimal(closedB, "totalFineYuan", "0");
        assertThat(closedB.at("/rectification/status").asString()).isEqualTo("VERIFIED_COMPLETE");
        assertThat(closedB.get("decisions")).hasSize(1);
        assertThat(closedB.get("decisions").get(0).get("kind").asString()).isEqualTo("NO_PENALTY");
        assertThat(closedB.get("decisions").get(0).get("noPenaltyRule").asString())
                .isEqualTo("FIRST_MINOR_LEDGER");
        problem(c.gateway.post("/api/v1/cases/" + out.caseA + "/close", c.city(), null), 409, "case-closed");
        // The database agrees: two cases of the unit, two decisions, two verified rectifications.
        assertThat(c.db.rows("inspection", """
                SELECT count(DISTINCT e.id), count(DISTINCT d.id), count(DISTINCT r.id) FILTER (WHERE r.status = 'VERIFIED_COMPLETE')
                FROM enforcement_case e LEFT JOIN penalty_decision d ON d.case_id = e.id
                LEFT JOIN rectification r ON r.case_id = e.id WHERE e.permit_number = ?""", permit).get(0)).containsExactly("2", "2", "2");

        // 8. Every drawn unit is inspected: the city publishes the draw's results (一公开).
        JsonNode published =
                ok(c.gateway.post("/api/v1/draws/" + c.drawId + "/publish", c.city(), Map.of()), "publish draw");
        assertThat(published.path("publishedAt").isNull()
                        || published.path("publishedAt").isMissingNode())
                .as("published draw: %s", published)
                .isFalse();
    }

    /**
     * Targets for the matrices, created before their fingerprint: another exceeding unit's finding opened as a case
     * that stays OPEN with a proposal and a rectification order, and an alert from a remote-check run when one arises.
     */
    void prepareMatrixTargets() {
        String permit = c.exceeding.stream()
                .filter(p -> !p.equals(c.scenarioPermit))
                .sorted()
                .findFirst()
                .orElse(null);
        if (permit == null) {
            // Only one exceeding unit in the draw: the matrices use the closed scenario case (409 before any write).
            out.openCase = out.caseA;
            out.openRectification = out.rectificationA;
            out.openCaseFinding = c.gateway
                    .get("/api/v1/cases/" + out.caseA, c.city())
                    .json()
                    .get("findingId")
                    .asString();
            out.openCaseProposal = c.gateway
                    .get("/api/v1/cases/" + out.caseA, c.city())
                    .json()
                    .get("proposals")
                    .get(0)
                    .get("id")
                    .asString();
        } else {
            JsonNode findings = c.gateway
                    .get("/api/v1/findings?size=200&permitNumber=" + permit, c.city())
                    .json();
            out.openCaseFinding = findings.get("items").get(0).get("id").asString();
            out.openCase = created(
                            c.gateway.post("/api/v1/cases", c.city(), Map.of("findingId", out.openCaseFinding)),
                            "open case")
                    .get("id")
                    .asString();
            out.openCaseProposal = ok(
                            c.gateway.post(
                                    "/api/v1/cases/" + out.openCase + "/penalty-proposal",
                                    c.city(),
                                    Api.JSON.readTree("""
                            {"factors":{"HARM":"GENERAL","FAULT":"NEGLIGENT","METHOD":"ORDINARY","ATTITUDE":"ACTIVE"}}""")),
                            "open case proposal")
                    .get("proposalId")
                    .asString();
            out.openRectification = ok(
                            c.gateway.post(
                                    "/api/v1/cases/" + out.openCase + "/rectification",
                                    c.city(),
                                    Map.of("requirements", "限期整改")),
                            "open case order")
                    .get("rectificationId")
                    .asString();
        }
        Api.Reply run = c.gateway.post("/api/v1/remote-checks/runs", c.city(), null);
        assertThat(run.status()).as("remote-check run: %s", run).isEqualTo(201);
        JsonNode alerts =
                c.gateway.get("/api/v1/alerts?status=OPEN&size=1", c.city()).json();
        out.alertId = alerts.path("items").isEmpty()
                ? UUID.randomUUID().toString()
                : alerts.get("items").get(0).get("id").asString();
    }

    // ------------------------------------------------------------------------------------------------- helpers

    static JsonNode created(Api.Reply reply, String what) {
        assertThat(reply.status()).as("%s: %s", what, reply).isEqualTo(201);
        return reply.json();
    }

    static JsonNode ok(Api.Reply reply, String what) {
        assertThat(reply.status()).as("%s: %s", what, reply).isIn(200, 201);
        return reply.json();
    }

    static void problem(Api.Reply reply, int status, String code) {
        assertThat(reply.status()).as("expected %s %s: %s", status, code, reply).isEqualTo(status);
        assertThat(reply.isProblem()).as("problem+json: %s", reply).isTrue();
        assertThat(reply.json().path("code").asString()).as("code of %s", reply).isEqualTo(code);
    }

    static List<String> fields(JsonNode problem) {
        List<String> out = new ArrayList<>();
        problem.path("errors").forEach(e -> out.add(e.path("field").asString()));
        return out;
    }

    /** {@code path}: dotted members; compares numerically (300000 equals 300000.00). */
    static void assertDecimal(JsonNode node, String path, String expected) {
        JsonNode value = node.at("/" + path.replace('.', '/'));
        assertThat(value.isMissingNode() || value.isNull())
                .as("%s in %s", path, node)
                .isFalse();
        assertThat(new BigDecimal(value.asString())).as("%s in %s", path, node).isEqualByComparingTo(expected);
    }

    private static void assertFactor(JsonNode proposal, String code, String level, String contribution) {
        for (JsonNode f : proposal.get("factors")) {
            if (code.equals(f.get("code").asString())) {
                assertThat(f.get("level").asString()).as("level of %s", code).isEqualTo(level);
                assertDecimal(f, "contribution", contribution);
                return;
            }
        }
        throw new AssertionError("no factor " + code + " in " + proposal);
    }
}
