package org.permitwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A month of Taiyuan's (140100) campaign, one method per step, played through the gateway as the city's system
 * would. Each step asserts its own figures (computed here from the directory and the mock, not read back from the
 * code under test) and leaves its results in fields for the next step. Cases, penalties, rectifications
 * ({@link Enforcement}) and the reports and public pages ({@link Reports}) are further steps, called from
 * {@link SystemIT} in order.
 */
final class Campaign {

    static final String CITY = "140100";
    /** Days, months and deadlines are Beijing time (DOMAIN.md); reporting decides the month of an inspection so. */
    static final java.time.ZoneId BEIJING = java.time.ZoneId.of("Asia/Shanghai");
    /**
     * The campaign's month is the current one: an inspection cannot lie in the future, and the public page shows an
     * inspection only when its unit was drawn for the month it took place in.
     */
    static final String MONTH = java.time.YearMonth.now(BEIJING).toString();

    final Platform platform;
    final Api gateway;
    final Db db;
    final MockPlatform mock;
    final Directory directory;
    final Identity identity;
    /** The province's and Taiyuan's administrators, signed in through the provider (password + TOTP). */
    private final SignIn.Session provinceAdmin;

    private final SignIn.Session cityAdmin;
    /** inspector id → the signed-in INSPECTOR user created for that registered inspector. */
    private final Map<String, SignIn.Session> inspectorUsers = new java.util.concurrent.ConcurrentHashMap<>();

    final List<String> inspectorIds = new ArrayList<>();
    /** The two demo inspectors run.sh registered in Xiaodian (140105, a county of Taiyuan) and gave users. */
    final List<String> demoInspectorIds = new ArrayList<>();

    String planId;
    String drawId;
    /** permitNo → drawn unit of the draw (with its inspectors). */
    final Map<String, JsonNode> drawn = new LinkedHashMap<>();
    /** permitNo → task id of the draw. */
    final Map<String, String> tasks = new LinkedHashMap<>();
    /** permitNo → record id of the submitted inspection. */
    final Map<String, String> records = new LinkedHashMap<>();
    /** The campaign's first submission, sent with a caller traceparent (issue 21: {@link MobileTrace}). */
    FlakyMobileClient.Submitted tracedSubmission;

    String tracedPermit;
    /** Permits whose inspection carried an exceedance (a finding is expected). */
    final Set<String> exceeding = new HashSet<>();

    String checklistItemId;
    /** The exceeding unit whose record also answers the ledger item NON_COMPLIANT: the enforcement scenario's unit. */
    String scenarioPermit;
    /** COKING checklist item of violation type LEDGER_INCOMPLETE (环境管理台账记录不全). */
    String ledgerItemId;
    /** What {@link Enforcement} did, for {@link Reports} and the matrices. */
    final Enforcement.Outcome enforcement = new Enforcement.Outcome();
    /** One inspection time for every body, so a retried submission is byte-identical to its first copy. */
    private final String inspectedAt =
            java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).withNano(0).toString();

    Campaign(Platform platform) {
        this.platform = platform;
        this.gateway = new Api(platform.gatewayUrl());
        this.db = new Db(platform.port("PG_PORT"));
        this.mock = new MockPlatform(platform.mockUrl());
        this.directory = new Directory(gateway);
        this.identity = new Identity(platform, gateway);
        // Issue 15: the main actors sign in (code + PKCE, TOTP) as the demo administrators run.sh created.
        this.provinceAdmin = identity.signIn(identity.demoUser("sx-admin"));
        this.cityAdmin = identity.signIn(identity.demoUser("ty-admin"));
    }

    /** The province administrator's access token (PROVINCE 140000, pii:read), refreshed as it nears expiry. */
    String province() {
        return provinceAdmin.accessToken();
    }

    /** Taiyuan's administrator's access token (CITY 140100). */
    String city() {
        return cityAdmin.accessToken();
    }

    /** The subject the platform records for Taiyuan's administrator (the user's id). */
    String citySubject() {
        return cityAdmin.subject();
    }

    /**
     * The token of the inspector with this directory id: its signed-in user when the campaign registered it, else a
     * token of the provider's local client for that subject (inspectors registered by the workload).
     */
    String inspectorToken(String inspectorId) {
        SignIn.Session user = inspectorUsers.get(inspectorId);
        return user != null ? user.accessToken() : platform.token("INSPECTOR", CITY, "--sub", inspectorId);
    }

    // ------------------------------------------------------------------------------------------------- steps

    /** The first sync (run.sh's) left the directory, and inspection-service's projection, equal to the platform. */
    void directoryEqualsNationalPlatform() {
        Map<String, Long> platformPermits = mock.permits();
        assertThat(platformPermits).hasSize(SystemTestSettings.MOCK_SIZE);
        assertThat(directory.versions(province())).isEqualTo(platformPermits);
        JsonNode stats = gateway.get("/api/v1/directory/stats", province()).json();
        assertThat(stats.get("totalUnits").asLong()).isEqualTo(platformPermits.size());
        projectionEquals(platformPermits);
    }

    /** inspection-service's copy of the directory (built from Kafka) holds exactly these permits. */
    void projectionEquals(Map<String, Long> expected) {
        Eventually.await(
                "inspection-service's directory projection equals the platform",
                Duration.ofSeconds(90),
                () -> db.column("inspection", "SELECT permit_number FROM directory_unit ORDER BY 1")
                        .equals(List.copyOf(expected.keySet())));
    }

    /** Taiyuan registers four on-post inspectors; the list grows by exactly four. */
    void registerInspectors() {
        long before = gateway.get("/api/v1/inspectors?size=1", city())
                .json()
                .get("total")
                .asLong();
        for (int i = 1; i <= 4; i++) {
            inspectorIds.add(registerInspector(CITY, "TY-ST-" + i, city()));
        }
        // Each gets a user of the provider (the city creates them through the admin API) and signs in; the token's
        // subject is the registered id, which is how inspection-service knows its inspector.
        for (int i = 0; i < inspectorIds.size(); i++) {
            String id = inspectorIds.get(i);
            SignIn.Session session = identity.signIn(
                    identity.createInspectorUser(city(), "ty-inspector-" + (i + 1), "执法员TY-ST-" + (i + 1), CITY, id));
            assertThat(session.subject())
                    .as("an inspector's token names the registered inspector")
                    .isEqualTo(id);
            inspectorUsers.put(id, session);
        }
        // run.sh's demo inspectors are Taiyuan's too (Xiaodian): the draw may assign them, so they sign in as well
        // (their initial password is replaced at the first sign-in).
        Map<String, String> idByCertificate = new LinkedHashMap<>();
        for (int page = 0; ; page++) {
            JsonNode items = gateway.get("/api/v1/inspectors?size=200&page=" + page, city())
                    .json()
                    .get("items");
            if (items == null || items.isEmpty()) {
                break;
            }
            items.forEach(i -> idByCertificate.put(
                    i.get("certificateNo").asString(), i.get("id").asString()));
        }
        for (Identity.DemoInspector demo : identity.demoInspectors()) {
            String id = idByCertificate.get(demo.certificateNo());
            assertThat(id)
                    .as("run.sh registered the demo inspector %s", demo.certificateNo())
                    .isNotNull();
            SignIn.Session session = identity.signIn(demo.credentials());
            assertThat(session.subject()).as("the demo inspector's token").isEqualTo(id);
            inspectorUsers.put(id, session);
            demoInspectorIds.add(id);
        }
        assertThat(gateway.get("/api/v1/inspectors?size=1", city())
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(before + 4);
    }

    String registerInspector(String division, String certificate, String token) {
        Api.Reply reply = gateway.post(
                "/api/v1/inspectors",
                token,
                Map.of(
                        "certificateNo",
                        certificate,
                        "name",
                        "执法员" + certificate,
                        "divisionCode",
                        division,
                        "specialties",
                        List.of("AIR"),
                        "onPost",
                        true,
                        "phone",
                        "13800000000"));
        assertThat(reply.status())
                .as("register inspector %s: %s", certificate, reply)
                .isEqualTo(201);
        return reply.json().get("id").asString();
    }

    /** Taiyuan publishes its annual plan with one 附件3 row: coking, double random, 20 %. */
    void publishPlan() {
        int year = Integer.parseInt(MONTH.substring(0, 4));
        int month = Integer.parseInt(MONTH.substring(5));
        Api.Reply created = gateway.post("/api/v1/plans", city(), Api.JSON.readTree("""
                {"year":%d,"title":"太原市%d年排污许可清单式执法检查计划","startMonth":%d,"rows":[
                 {"rowNo":1,"keyIndustry":"COKING","category":"DOUBLE_RANDOM","method":"SAMPLING","doubleRandom":true,
                  "ratio":0.2,"frequencyPeriod":"MONTH","frequencyTimes":1,"contentDaily":"按清单逐项检查",
                  "operatingMethod":"现场核查+资料核对","cooperatingAgencies":["太原市行政审批服务管理局"]}]}""".formatted(year, year, month)));
        assertThat(created.status()).as("create plan: %s", created).isEqualTo(201);
        planId = created.json().get("id").asString();
        Api.Reply published = gateway.post("/api/v1/plans/" + planId + "/publish", city(), null);
        assertThat(published.status()).as("publish plan: %s", published).isIn(200, 201);
        assertThat(published.json().get("status").asString()).isEqualTo("PUBLISHED");
    }

    /**
     * The double-random draw for the month: every drawn unit is a Taiyuan coking unit of the directory, each with
     * two of Taiyuan's inspectors (the campaign's four and run.sh's two demo inspectors); one task per drawn unit; the verification re-runs identical.
     */
    void draw() {
        Set<String> cokingUnits = directory.units(city(), "keyIndustry=COKING").stream()
                .map(u -> u.get("permitNo").asString())
                .collect(Collectors.toSet());
        assertThat(cokingUnits).as("Taiyuan coking units in the mock's dataset").isNotEmpty();
        Api.Reply reply = gateway.post("/api/v1/draws", city(), Map.of("planId", planId, "rowNo", 1, "month", MONTH));
        assertThat(reply.status()).as("draw: %s", reply).isEqualTo(201);
        JsonNode draw = reply.json();
        drawId = draw.get("id").asString();
        for (JsonNode unit : draw.get("units")) {
            drawn.put(unit.get("permitNumber").asString(), unit);
        }
        assertThat(drawn).isNotEmpty();
        assertThat(cokingUnits).containsAll(drawn.keySet());
        assertThat(draw.get("eligibleCount").asInt()).isBetween(drawn.size(), cokingUnits.size());
        for (JsonNode unit : drawn.values()) {
            List<String> assigned = new ArrayList<>();
            unit.get("inspectorIds").forEach(id -> assigned.add(id.asString()));
            assertThat(assigned).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates();
            List<String> taiyuanInspectors = new ArrayList<>(inspectorIds);
            taiyuanInspectors.addAll(demoInspectorIds);
            assertThat(taiyuanInspectors).containsAll(assigned);
        }
        JsonNode verification =
                gateway.get("/api/v1/draws/" + drawId + "/verification", city()).json();
        assertThat(verification.get("identical").asBoolean())
                .as("verification %s", verification)
                .isTrue();
        JsonNode page =
                gateway.get("/api/v1/tasks?size=200&drawId=" + drawId, city()).json();
        assertThat(page.get("total").asInt()).isEqualTo(drawn.size());
        for (JsonNode task : page.get("items")) {
            assertThat(tasks.put(
                            task.get("permitNumber").asString(), task.get("id").asString()))
                    .isNull();
        }
        assertThat(tasks.keySet()).isEqualTo(drawn.keySet());
    }

    /**
     * The inspectors submit a record for every drawn task from a flaky mobile client (each submission sent two or
     * three times: concurrently, after a dropped response, or plainly again); every other unit carries an hourly
     * reading at 1.5 × its limit. Exactly one record with one version per task; exceedances became findings.
     */
    void inspectWithFlakyClient() {
        checklistItemId = checklistItem("COKING");
        ledgerItemId = checklistItemOfType("COKING", "LEDGER_INCOMPLETE");
        FlakyMobileClient mobile = new FlakyMobileClient(gateway, platform.port("GATEWAY_PORT"));
        int n = 0;
        for (String permit : tasks.keySet()) {
            String inspector = drawn.get(permit).get("inspectorIds").get(0).asString();
            String token = inspectorToken(inspector);
            boolean exceed = n % 2 == 0;
            ObjectNode body = recordBody(tasks.get(permit), permit, exceed);
            if (body.has("measurements")) {
                exceeding.add(permit);
                if (scenarioPermit == null) {
                    // The first exceeding unit also keeps an incomplete ledger: a second finding, of article 37.
                    scenarioPermit = permit;
                    answer((ObjectNode) body, ledgerItemId, "NON_COMPLIANT");
                }
            }
            FlakyMobileClient.Style style =
                    FlakyMobileClient.Style.values()[n % FlakyMobileClient.Style.values().length];
            if (n == 0) {
                // The first submission carries the field app's own trace: MobileTrace follows it to the summary table.
                tracedSubmission = mobile.submitTraced(
                        token, "campaign-" + tasks.get(permit), body, style, MobileTrace.CALLER_TRACEPARENT);
                tracedPermit = permit;
                records.put(permit, tracedSubmission.id());
            } else {
                records.put(permit, mobile.submit(token, "campaign-" + tasks.get(permit), body, style));
            }
            n++;
        }
        assertOneRecordPerTask(tasks.values());
        for (String permit : tasks.keySet()) {
            JsonNode findings = gateway.get("/api/v1/findings?size=200&permitNumber=" + permit, city())
                    .json();
            long exceedances = 0;
            for (JsonNode f : findings.get("items")) {
                if ("EXCEEDING_LIMITS".equals(f.path("violationType").asString())) {
                    exceedances++;
                }
            }
            if (exceeding.contains(permit)) {
                assertThat(exceedances).as("exceedance finding of %s", permit).isEqualTo(1);
                assertThat(findings.get("total").asInt())
                        .as("findings of %s: %s", permit, findings)
                        .isEqualTo(permit.equals(scenarioPermit) ? 2 : 1);
            } else {
                assertThat(findings.get("total").asInt())
                        .as("findings of compliant %s: %s", permit, findings)
                        .isZero();
            }
        }
    }

    /** Exactly one record, one submitted version, one idempotency key row per task; nothing half-written. */
    void assertOneRecordPerTask(java.util.Collection<String> taskIds) {
        String[] ids = taskIds.toArray(String[]::new);
        List<List<String>> rows = db.rows("inspection", """
                SELECT t.id::text, count(DISTINCT r.id), count(v.*)
                FROM inspection_task t LEFT JOIN inspection_record r ON r.task_id = t.id
                LEFT JOIN inspection_record_version v ON v.record_id = r.id
                WHERE t.id::text = ANY(?) GROUP BY t.id""", (Object) ids);
        assertThat(rows).hasSize(ids.length);
        for (List<String> row : rows) {
            assertThat(row.subList(1, 3))
                    .as("records and versions of task %s", row.get(0))
                    .containsExactly("1", "1");
        }
    }

    /**
     * Clues (issue 11.3): the province's monitoring sends Taiyuan a clue about a Taiyuan unit; nothing is created until
     * Taiyuan, which sees it as INCOMING, accepts it; then it becomes a CLUE task, exactly once, through liaison-service
     * and Kafka, and the clue shows the task. A clue Taiyuan addresses to itself about a Datong unit is accepted by
     * Taiyuan but creates no task anywhere: inspection-service rejects it (unit-outside-division).
     */
    void transferClue() {
        String permit = unitsWithoutTask(CITY, 1).get(0);
        String clueId = clue(permit, province(), CITY, "在线监测数据异常，疑似超标排放");
        JsonNode incoming = gateway.get("/api/v1/clues?direction=INCOMING&status=CREATED&size=200", city())
                .json();
        long listed = 0;
        for (JsonNode clue : incoming.get("items")) {
            if (clueId.equals(clue.get("id").asString())) {
                listed++;
            }
        }
        assertThat(listed).as("clue %s among Taiyuan's incoming clues", clueId).isEqualTo(1);
        // the transfer reached Kafka; still no task: only the addressed bureau's acceptance makes one
        Eventually.await(
                "clue " + clueId + " published",
                Duration.ofSeconds(60),
                () -> db.count(
                                "liaison",
                                "SELECT count(*) FROM outbox_event WHERE message_key = ? AND published_at IS NULL",
                                clueId)
                        == 0);
        assertThat(db.count("inspection", "SELECT count(*) FROM inspection_task WHERE permit_number = ?", permit))
                .as("tasks of %s before the clue is accepted", permit)
                .isZero();
        acceptClue(clueId, city());
        Eventually.await(
                "clue " + clueId + " becomes a CLUE task",
                Duration.ofSeconds(60),
                () -> db.count(
                                "inspection",
                                "SELECT count(*) FROM inspection_task WHERE permit_number = ? AND origin = 'CLUE'",
                                permit)
                        == 1);
        JsonNode tasksOfCity = gateway.get("/api/v1/tasks?size=200", city()).json();
        long visible = 0;
        for (JsonNode task : tasksOfCity.get("items")) {
            if (permit.equals(task.get("permitNumber").asString())
                    && "CLUE".equals(task.get("origin").asString())) {
                visible++;
            }
        }
        assertThat(visible).as("the CLUE task as Taiyuan lists it").isEqualTo(1);
        Eventually.await(
                "clue " + clueId + " shows its task",
                Duration.ofSeconds(60),
                () -> "TASK_CREATED"
                        .equals(gateway.get("/api/v1/clues/" + clueId, province())
                                .json()
                                .path("taskOutcome")
                                .asString()));

        // Taiyuan cannot put work on Datong by addressing a clue about a Datong unit to itself
        String datongUnit = unitsWithoutTask("140200", 1).get(0);
        String selfAddressed = clue(datongUnit, city(), CITY, "外市单位线索");
        acceptClue(selfAddressed, city());
        Eventually.await(
                "clue " + selfAddressed + " rejected",
                Duration.ofSeconds(60),
                () -> "REJECTED"
                        .equals(gateway.get("/api/v1/clues/" + selfAddressed, city())
                                .json()
                                .path("status")
                                .asString()));
        JsonNode rejected =
                gateway.get("/api/v1/clues/" + selfAddressed, city()).json();
        assertThat(rejected.path("taskOutcomeReason").asString()).isEqualTo("unit-outside-division");
        assertThat(db.count("inspection", "SELECT count(*) FROM inspection_task WHERE permit_number = ?", datongUnit))
                .as("tasks of the Datong unit %s", datongUnit)
                .isZero();
    }

    /** Cases from the scenario unit's two findings: explained fine, justified no-penalty, rectified, closed. */
    void casesPenaltiesRectification() {
        new Enforcement(this).run();
    }

    /** Issue 21: the traced submission's trace id at every stop from the gateway to reporting's summary rows. */
    void followTheTraceOfAMobileSubmission() {
        new MobileTrace(this).followToTheSummaryTable();
    }

    /** The summary table (JSON, XLSX, CSV), the dispatch, the unit history and the public pages show it all. */
    void reports() {
        new Reports(this).run();
    }

    /** An OPEN case with a proposal and an ordered rectification, and an alert: targets for the matrices. */
    void prepareEnforcementTargets() {
        new Enforcement(this).prepareMatrixTargets();
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** Sets the answer of {@code itemId} in a record body, adding the item when the body does not answer it yet. */
    static void answer(ObjectNode body, String itemId, String result) {
        tools.jackson.databind.node.ArrayNode items =
                body.has("items") ? (tools.jackson.databind.node.ArrayNode) body.get("items") : body.putArray("items");
        for (JsonNode item : items) {
            if (itemId.equals(item.get("itemId").asString())) {
                ((ObjectNode) item).put("result", result);
                return;
            }
        }
        items.addObject().put("itemId", itemId).put("result", result);
    }

    /** The first item of the province's published checklist for the industry with this violation type. */
    String checklistItemOfType(String keyIndustry, String violationType) {
        JsonNode versions = gateway.get("/api/v1/checklists", city()).json().get("items");
        for (JsonNode v : versions) {
            if ("140000".equals(v.get("divisionCode").asString())
                    && "PUBLISHED".equals(v.get("status").asString())) {
                JsonNode items = gateway.get(
                                "/api/v1/checklists/" + v.get("id").asString() + "?keyIndustry=" + keyIndustry, city())
                        .json();
                for (JsonNode item : items.get("items")) {
                    if (keyIndustry.equals(item.path("keyIndustry").asString())
                            && violationType.equals(item.path("violationType").asString())) {
                        return item.get("id").asString();
                    }
                }
                throw new AssertionError("no " + violationType + " item for " + keyIndustry + " in " + items);
            }
        }
        throw new AssertionError("no published provincial checklist");
    }

    /** A clue for ENFORCEMENT from the caller's division to {@code toDivision}; its id. */
    String clue(String permit, String token, String toDivision, String summary) {
        Api.Reply reply = gateway.post(
                "/api/v1/clues",
                token,
                Map.of(
                        "fromDepartment",
                        "MONITORING",
                        "toDivisionCode",
                        toDivision,
                        "toDepartment",
                        "ENFORCEMENT",
                        "permitNumber",
                        permit,
                        "summary",
                        summary));
        assertThat(reply.status()).as("clue for %s: %s", permit, reply).isEqualTo(201);
        return reply.json().get("id").asString();
    }

    /** The receiving bureau accepts the clue (only then does a clue for ENFORCEMENT become a task). */
    void acceptClue(String clueId, String token) {
        Api.Reply reply = gateway.post("/api/v1/clues/" + clueId + "/accept", token, null);
        assertThat(reply.status()).as("accept clue %s: %s", clueId, reply).isEqualTo(200);
        assertThat(reply.json().get("status").asString()).isEqualTo("ACCEPTED");
    }

    /** VALID units of the division (as the directory lists them) that have no inspection task of any month. */
    List<String> unitsWithoutTask(String division, int count) {
        Set<String> withTask = new HashSet<>(db.column("inspection", "SELECT permit_number FROM inspection_task"));
        List<String> out = new ArrayList<>();
        for (JsonNode unit : directory.units(platform.token("CITY", division), "status=VALID")) {
            String permit = unit.get("permitNo").asString();
            if (!withTask.contains(permit)) {
                out.add(permit);
            }
            if (out.size() == count) {
                return out;
            }
        }
        throw new AssertionError("only " + out.size() + " units without a task in " + division);
    }

    /** Item 1 of the province's published checklist for the industry (or of its general part). */
    String checklistItem(String keyIndustry) {
        JsonNode versions = gateway.get("/api/v1/checklists", city()).json().get("items");
        String version = null;
        for (JsonNode v : versions) {
            if ("140000".equals(v.get("divisionCode").asString())
                    && "PUBLISHED".equals(v.get("status").asString())) {
                version = v.get("id").asString();
                break;
            }
        }
        assertThat(version).as("a published provincial checklist").isNotNull();
        JsonNode items = gateway.get("/api/v1/checklists/" + version + "?keyIndustry=" + keyIndustry, city())
                .json();
        String general = null;
        for (JsonNode item : items.get("items")) {
            if (item.get("itemNo").asInt() == 1
                    && keyIndustry.equals(item.path("keyIndustry").asString())) {
                return item.get("id").asString();
            }
            if (item.get("itemNo").asInt() == 1 && item.path("keyIndustry").isNull()) {
                general = item.get("id").asString();
            }
        }
        // Industries without items of their own are inspected on the general part (keyIndustry null).
        if (general != null && !"COKING".equals(keyIndustry)) {
            return general;
        }
        throw new AssertionError("no item 1 for " + keyIndustry + " in " + items);
    }

    /** A submitted record body for the task; with {@code exceed}, one hourly reading at 1.5 × the permitted limit. */
    ObjectNode recordBody(String taskId, String permit, boolean exceed) {
        return recordBody(taskId, permit, exceed, checklistItemId);
    }

    /** {@code itemId}: a checklist item of the unit's key industry, answered COMPLIANT. */
    ObjectNode recordBody(String taskId, String permit, boolean exceed, String itemId) {
        ObjectNode body = Api.object();
        String now = inspectedAt;
        body.put("taskId", taskId).put("submit", true).put("inspectedAt", now).put("notes", "现场检查");
        body.putObject("position").put("lat", 37.87).put("lon", 112.55);
        if (itemId != null) {
            body.putArray("items").addObject().put("itemId", itemId).put("result", "COMPLIANT");
        }
        JsonNode limit = exceed ? hourlyLimit(permit) : null;
        if (limit != null) {
            body.putArray("measurements")
                    .addObject()
                    .put("outletCode", limit.get("outletCode").asString())
                    .put("pollutantCode", limit.get("pollutantCode").asString())
                    .put("value", limit.get("hourlyLimit").asDouble() * 1.5)
                    .put("unit", limit.get("unit").asString())
                    .put("averaging", "HOURLY")
                    .put("measuredAt", now);
        }
        return body;
    }

    /** The first pollutant with an hourly limit, or null when the unit's permit sets none. */
    JsonNode hourlyLimit(String permit) {
        JsonNode unit = directory.unit(city(), permit);
        for (JsonNode outlet : unit.path("outlets")) {
            for (JsonNode p : outlet.path("pollutants")) {
                if (!p.path("hourlyLimit").isNull() && !p.path("hourlyLimit").isMissingNode()) {
                    ObjectNode out = Api.object();
                    out.put("outletCode", outlet.get("outletCode").asString());
                    out.put("pollutantCode", p.get("pollutantCode").asString());
                    out.put("hourlyLimit", p.get("hourlyLimit").asDouble());
                    out.put("unit", p.get("unit").asString());
                    return out;
                }
            }
        }
        return null;
    }
}
