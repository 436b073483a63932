package org.permitwatch.inspection.plan;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.events.inspection.PlanPublished;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.outbox.OutboxMessage;
import org.permitwatch.support.outbox.OutboxWriter;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.tx.WholeTransactions;
import org.permitwatch.support.web.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Saves plans with their monthly breakdown, denominators and capacity check; reads and publishes them. */
@Service
class PlanService {

    /** The denominator rule, stated in every plan response so the ratio can be checked by hand. */
    static final String DENOMINATOR_RULE = "units of the plan's division (the city's, or the county's for a county "
            + "plan) in directory_unit with status VALID and management category KEY or SIMPLIFIED (holders of a "
            + "permit), plus REGISTRATION (登记管理) units where the row includes them, per key industry and stratum "
            + "(the directory's source type SPECIAL/KEY/GENERAL), counted when the plan is saved; units per round = "
            + "sum over the strata of ceil(stratum ratio × stratum denominator)";

    private static final TypeReference<Map<String, Integer>> COUNTS = new TypeReference<>() {};
    private static final TypeReference<List<Map<String, Integer>>> COUNTS_LIST = new TypeReference<>() {};

    private final DatabaseClient db;
    private final AuditLog audit;
    private final JsonMapper json;
    private final PlanProperties properties;
    private final TransactionalOperator tx;
    private final OutboxWriter outbox;
    private final StratumFloors floors;

    PlanService(
            DatabaseClient db,
            AuditLog audit,
            JsonMapper json,
            PlanProperties properties,
            ReactiveTransactionManager transactions,
            OutboxWriter outbox,
            StratumFloors floors) {
        this.db = db;
        this.floors = floors;
        this.audit = audit;
        this.outbox = outbox;
        this.json = json;
        this.properties = properties;
        this.tx = WholeTransactions.create(transactions);
    }

    /** A row as it will be stored: the request, its effective ratios and what they amount to. */
    private record Planned(
            int index,
            UUID id,
            PlanRequests.Row request,
            PlanRequests.StratumRatios ratios,
            Map<Stratum, Integer> denominators,
            Map<Stratum, Integer> unitsPerRound,
            int[] rounds,
            CountyPlanRules.ParentRow parent) {

        int denominator() {
            return StratumCounts.sum(denominators);
        }

        int perRound() {
            return StratumCounts.sum(unitsPerRound);
        }
    }

    /** The city plan a county plan lies in, with its rows. */
    private record Parent(UUID planId, List<CountyPlanRules.ParentRow> rows) {

        static final Parent NONE = new Parent(null, List.of());

        CountyPlanRules.ParentRow row(int rowNo) {
            return rows.stream().filter(r -> r.rowNo() == rowNo).findFirst().orElse(null);
        }
    }

    /** What a plan request amounts to once validated and counted: the same for a new plan and an edited draft. */
    private record Prepared(
            PlanLevel level,
            String division,
            String city,
            Parent parent,
            PlanRequests.CreatePlan request,
            int start,
            List<Planned> planned,
            int onPost) {}

    /**
     * Saves a plan of the caller's bureau in one transaction: a CITY plan for the caller's city, or a COUNTY plan inside
     * {@code parentPlanId} (ADR 0013). Rows of the double-random scheme must meet the stratum floors of the level.
     */
    Mono<UUID> create(PlanRequests.CreatePlan request, Caller caller) {
        UUID planId = UUID.randomUUID();
        return prepare(request, caller).flatMap(p -> insert(planId, p, caller)).as(tx::transactional);
    }

    /**
     * Replaces a DRAFT plan of the caller's bureau with the request, in one transaction: the same validation, stratum
     * floors, county-inside-city rules and capacity check as {@link #create} (one rule in one place: both go through
     * {@link #prepare}). The row is locked first, so two edits of one version cannot both win: the second sees the
     * raised version and gets 412. Nothing references a draft's rows (draws and county plans need a published plan),
     * so they are replaced wholesale.
     *
     * @param expectedVersion the version the editor read ({@code If-Match})
     */
    Mono<Void> update(UUID id, long expectedVersion, PlanRequests.CreatePlan request, Caller caller) {
        return db.sql("""
                        SELECT status, version FROM inspection_plan
                        WHERE id = :id AND division_code = :division FOR UPDATE""")
                .bind("id", id)
                .bind("division", caller.division().value())
                .map(r -> Map.entry(r.get("status", String.class), r.get("version", Long.class)))
                .one()
                .switchIfEmpty(Mono.error(
                        () -> ApiException.notFound(ProblemCodes.NOT_FOUND, "no plan " + id + " of your bureau")))
                .flatMap(current -> {
                    if (!"DRAFT".equals(current.getKey())) {
                        return Mono.error(ApiException.conflict(
                                "plan-already-published", "plan " + id + " is published and can no longer be edited"));
                    }
                    if (current.getValue() != expectedVersion) {
                        return Mono.error(ApiException.of(
                                HttpStatus.PRECONDITION_FAILED,
                                "stale-version",
                                "plan " + id + " was changed meanwhile (version " + current.getValue() + ", yours "
                                        + expectedVersion + "): reload it and edit again"));
                    }
                    return prepare(request, caller).flatMap(p -> replace(id, p, caller, expectedVersion));
                })
                .as(tx::transactional);
    }

    /** Validates the request and counts what it plans; fails with the field-naming problem of the first broken rule. */
    private Mono<Prepared> prepare(PlanRequests.CreatePlan request, Caller caller) {
        PlanLevel level = caller.division().level() == DivisionCode.Level.COUNTY ? PlanLevel.COUNTY : PlanLevel.CITY;
        validate(request, level);
        String division = caller.division().value();
        String city = caller.division().cityCode().value();
        int start = request.startMonth() == null ? 1 : request.startMonth();
        Mono<Parent> parent = level == PlanLevel.COUNTY ? parent(request, city) : Mono.just(Parent.NONE);
        return parent.flatMap(p -> counts(level, division)
                .flatMap(counts -> inspectorsOnPost(division).flatMap(onPost -> {
                    List<Planned> planned = new ArrayList<>();
                    for (int i = 0; i < request.rows().size(); i++) {
                        PlanRequests.Row row = request.rows().get(i);
                        PlanRequests.StratumRatios ratios = row.effectiveRatios();
                        Map<Stratum, Integer> denominators =
                                counts.denominators(row.keyIndustry(), row.registrationIncluded());
                        planned.add(new Planned(
                                i,
                                UUID.randomUUID(),
                                row,
                                ratios,
                                denominators,
                                StratumCounts.unitsPerRound(denominators, ratios),
                                MonthBreakdown.rounds(row.frequencyPeriod(), row.frequencyTimes(), start),
                                row.parentRowNo() == null ? null : p.row(row.parentRowNo())));
                    }
                    checkFloors(planned, level, start);
                    return checkInsideParent(planned, p)
                            .then(Mono.fromSupplier(
                                    () -> new Prepared(level, division, city, p, request, start, planned, onPost)));
                })));
    }

    private static String ratioField(int index, PlanRequests.Row row, Stratum stratum) {
        return row.stratumRatios() != null || stratum == Stratum.SPECIAL
                ? "rows[" + index + "].stratumRatios." + stratum
                : "rows[" + index + "].ratio";
    }

    /** 422 naming each ratio below its floor; only rows of the double-random scheme are sampled, so only they. */
    private void checkFloors(List<Planned> planned, PlanLevel level, int start) {
        List<FieldProblem> problems = new ArrayList<>();
        for (Planned p : planned) {
            if (!p.request().doubleRandom()) {
                continue;
            }
            for (Stratum s : Stratum.values()) {
                StratumFloors.Floor floor = floors.of(level).of(s);
                List<String> shortfalls =
                        StratumFloors.shortfalls(floor, p.ratios().of(s), p.rounds(), start);
                if (!shortfalls.isEmpty()) {
                    problems.add(new FieldProblem(
                            ratioField(p.index(), p.request(), s),
                            s + " ratio below the " + level + " floor: " + String.join("; ", shortfalls),
                            p.ratios().of(s)));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "ratio-below-floor",
                    null,
                    "a stratum ratio is below the configured floor (permitwatch.plan.stratum-floors)",
                    problems);
        }
    }

    /**
     * COUNTY plans: each row inside its city row, and the county rows under a city row within its budget. Only
     * published county plans hold budget (a draft reserves nothing; publishing checks again, see
     * {@link #checkBudgetOnPublish}).
     */
    private Mono<Void> checkInsideParent(List<Planned> planned, Parent parent) {
        if (parent.planId() == null) {
            return Mono.empty();
        }
        List<FieldProblem> missing = new ArrayList<>();
        for (Planned p : planned) {
            if (p.parent() == null) {
                missing.add(new FieldProblem(
                        "rows[" + p.index() + "].parentRowNo",
                        "no such row in the city plan",
                        p.request().parentRowNo()));
            }
        }
        if (!missing.isEmpty()) {
            return Mono.error(outsideParent(missing));
        }
        UUID[] parentRows =
                planned.stream().map(p -> p.parent().id()).distinct().toArray(UUID[]::new);
        return db.sql("""
                        SELECT s.parent_row_id, s.stratum_units_per_round::text AS per_round
                        FROM plan_row s JOIN inspection_plan sp ON sp.id = s.plan_id
                        WHERE s.parent_row_id = ANY(:rows) AND s.stratum_units_per_round IS NOT NULL
                          AND sp.status = 'PUBLISHED'""")
                .bind("rows", parentRows)
                .map(r -> Map.entry(r.get("parent_row_id", UUID.class), r.get("per_round", String.class)))
                .all()
                .collectList()
                .flatMap(siblings -> {
                    List<FieldProblem> problems = new ArrayList<>();
                    Map<UUID, Map<String, Integer>> taken = new HashMap<>();
                    for (Map.Entry<UUID, String> e : siblings) {
                        json.readValue(e.getValue(), COUNTS)
                                .forEach((s, n) -> taken.computeIfAbsent(e.getKey(), k -> new HashMap<>())
                                        .merge(s, n, Integer::sum));
                    }
                    for (Planned p : planned) {
                        Map<String, Integer> others =
                                taken.computeIfAbsent(p.parent().id(), k -> new HashMap<>());
                        problems.addAll(CountyPlanRules.check(
                                "rows[" + p.index() + "]",
                                p.request(),
                                p.rounds(),
                                p.unitsPerRound(),
                                p.parent(),
                                Map.copyOf(others),
                                s -> ratioField(p.index(), p.request(), s)));
                        // two rows of this plan under one city row share its budget too
                        p.unitsPerRound().forEach((s, n) -> others.merge(s.name(), n, Integer::sum));
                    }
                    return problems.isEmpty() ? Mono.<Void>empty() : Mono.error(outsideParent(problems));
                });
    }

    private static ApiException outsideParent(List<FieldProblem> problems) {
        return new ApiException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "outside-city-plan",
                null,
                "a county plan row must lie inside its row of the city plan",
                problems);
    }

    /** The published CITY plan of the caller's city and year, its rows locked until the county plan is saved. */
    private Mono<Parent> parent(PlanRequests.CreatePlan request, String city) {
        return db.sql("SELECT id, plan_year, status FROM inspection_plan WHERE id = :id AND city_code = :city "
                        + "AND level = 'CITY'")
                .bind("id", request.parentPlanId())
                .bind("city", city)
                .map(r -> new Object[] {r.get("plan_year", Integer.class), r.get("status", String.class)})
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(
                        ProblemCodes.NOT_FOUND, "no city plan " + request.parentPlanId() + " in your city")))
                .flatMap(head -> {
                    if (!"PUBLISHED".equals(head[1])) {
                        return Mono.error(new ApiException(
                                HttpStatus.UNPROCESSABLE_CONTENT,
                                "plan-not-published",
                                null,
                                "a county plans inside a published city plan",
                                List.of(new FieldProblem(
                                        "parentPlanId", "the city plan is not published", request.parentPlanId()))));
                    }
                    if (!head[0].equals(request.year())) {
                        return Mono.error(new ApiException(
                                HttpStatus.UNPROCESSABLE_CONTENT,
                                "outside-city-plan",
                                null,
                                "a county plan covers the year of its city plan",
                                List.of(new FieldProblem(
                                        "year", "must be the city plan's year " + head[0], request.year()))));
                    }
                    return db.sql("""
                                    SELECT r.id, r.row_no, r.key_industry, r.category, r.double_random,
                                           r.include_registration, r.stratum_units_per_round::text AS per_round,
                                           ARRAY(SELECT m.month FROM plan_row_month m WHERE m.row_id = r.id) AS ms,
                                           ARRAY(SELECT m.rounds FROM plan_row_month m WHERE m.row_id = r.id) AS rs
                                    FROM plan_row r WHERE r.plan_id = :plan ORDER BY r.row_no FOR UPDATE OF r""")
                            .bind("plan", request.parentPlanId())
                            .map(r -> {
                                int[] rounds = new int[12];
                                Integer[] ms = r.get("ms", Integer[].class);
                                Integer[] rs = r.get("rs", Integer[].class);
                                for (int i = 0; i < ms.length; i++) {
                                    rounds[ms[i] - 1] = rs[i];
                                }
                                String perRound = r.get("per_round", String.class);
                                return new CountyPlanRules.ParentRow(
                                        r.get("id", UUID.class),
                                        r.get("row_no", Integer.class),
                                        r.get("key_industry", String.class),
                                        PlanCategory.valueOf(r.get("category", String.class)),
                                        Boolean.TRUE.equals(r.get("double_random", Boolean.class)),
                                        Boolean.TRUE.equals(r.get("include_registration", Boolean.class)),
                                        perRound == null ? null : json.readValue(perRound, COUNTS),
                                        rounds);
                            })
                            .all()
                            .collectList()
                            .map(rows -> new Parent(request.parentPlanId(), rows));
                });
    }

    /** The rows and months of a prepared plan, and the capacity check over them. */
    private record Written(List<Mono<Void>> inserts, CapacityCheck.Result capacity) {}

    private Written rowsOf(UUID planId, Prepared prepared) {
        int[] fieldUnits = new int[12];
        List<Mono<Void>> inserts = new ArrayList<>();
        for (Planned p : prepared.planned()) {
            inserts.add(insertRow(planId, p));
            for (int m = 1; m <= 12; m++) {
                int rounds = p.rounds()[m - 1];
                if (rounds > 0) {
                    inserts.add(insertMonth(p.id(), m, rounds, rounds * p.perRound()));
                    if (p.request().category() != PlanCategory.REMOTE_SUPERVISION) {
                        fieldUnits[m - 1] += rounds * p.perRound();
                    }
                }
            }
        }
        return new Written(
                inserts, CapacityCheck.evaluate(fieldUnits, prepared.start(), prepared.onPost(), properties));
    }

    private static Map<String, Object> auditDetails(Prepared prepared, CapacityCheck.Result capacity) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("year", prepared.request().year());
        details.put("level", prepared.level().name());
        details.put("rows", prepared.request().rows().size());
        details.put("capacitySufficient", capacity.sufficient());
        if (prepared.parent().planId() != null) {
            details.put("parentPlanId", prepared.parent().planId().toString());
        }
        return details;
    }

    private Mono<UUID> insert(UUID planId, Prepared prepared, Caller caller) {
        Written written = rowsOf(planId, prepared);
        var head = db.sql("""
                        INSERT INTO inspection_plan (id, city_code, plan_year, title, status, capacity, created_by, level,
                                                     division_code, parent_plan_id)
                        VALUES (:id, :city, :year, :title, 'DRAFT', CAST(:capacity AS jsonb), :by, :level, :division,
                                :parent)""")
                .bind("id", planId)
                .bind("city", prepared.city())
                .bind("year", prepared.request().year())
                .bind("title", prepared.request().title().trim())
                .bind("capacity", json.writeValueAsString(written.capacity()))
                .bind("by", caller.subject())
                .bind("level", prepared.level().name())
                .bind("division", prepared.division());
        head = prepared.parent().planId() == null
                ? head.bindNull("parent", UUID.class)
                : head.bind("parent", prepared.parent().planId());
        return head.then()
                .then(Flux.concat(written.inserts()).then())
                .then(audit.record(
                        "plan.create", "plan", planId.toString(), auditDetails(prepared, written.capacity())))
                .thenReturn(planId);
    }

    /** The head is updated in place (id, creator and creation time stay); rows are deleted and written anew. */
    private Mono<Void> replace(UUID planId, Prepared prepared, Caller caller, long expectedVersion) {
        Written written = rowsOf(planId, prepared);
        var head = db.sql("""
                        UPDATE inspection_plan SET plan_year = :year, title = :title, capacity = CAST(:capacity AS jsonb),
                               parent_plan_id = :parent, version = version + 1, updated_at = now()
                        WHERE id = :id AND status = 'DRAFT' AND version = :version""")
                .bind("id", planId)
                .bind("version", expectedVersion)
                .bind("year", prepared.request().year())
                .bind("title", prepared.request().title().trim())
                .bind("capacity", json.writeValueAsString(written.capacity()));
        head = prepared.parent().planId() == null
                ? head.bindNull("parent", UUID.class)
                : head.bind("parent", prepared.parent().planId());
        Map<String, Object> details = auditDetails(prepared, written.capacity());
        details.put("fromVersion", expectedVersion);
        return db.sql("DELETE FROM plan_row_month WHERE row_id IN (SELECT id FROM plan_row WHERE plan_id = :id)")
                .bind("id", planId)
                .then()
                .then(db.sql("DELETE FROM plan_row WHERE plan_id = :id")
                        .bind("id", planId)
                        .then())
                .then(head.then())
                .then(Flux.concat(written.inserts()).then())
                .then(audit.record("plan.update", "plan", planId.toString(), details));
    }

    private static void validate(PlanRequests.CreatePlan request, PlanLevel level) {
        List<FieldProblem> problems = new ArrayList<>();
        Set<Integer> rowNos = new HashSet<>();
        Set<String> industries = new HashSet<>();
        if (level == PlanLevel.COUNTY && request.parentPlanId() == null) {
            problems.add(new FieldProblem("parentPlanId", "a county plans inside its city's plan: required", null));
        }
        if (level == PlanLevel.CITY && request.parentPlanId() != null) {
            problems.add(
                    new FieldProblem("parentPlanId", "only county plans have a parent plan", request.parentPlanId()));
        }
        for (int i = 0; i < request.rows().size(); i++) {
            PlanRequests.Row row = request.rows().get(i);
            if (!rowNos.add(row.rowNo())) {
                problems.add(new FieldProblem("rows[" + i + "].rowNo", "duplicate row number", row.rowNo()));
            }
            if (!industries.add(row.keyIndustry() + "/" + row.category())) {
                problems.add(new FieldProblem(
                        "rows[" + i + "].keyIndustry", "one row per industry and category", row.keyIndustry()));
            }
            if (row.category() == PlanCategory.DOUBLE_RANDOM && !row.doubleRandom()) {
                problems.add(new FieldProblem(
                        "rows[" + i + "].doubleRandom",
                        "a DOUBLE_RANDOM row is part of the double-random scheme",
                        false));
            }
            if (level == PlanLevel.COUNTY && row.parentRowNo() == null) {
                problems.add(new FieldProblem(
                        "rows[" + i + "].parentRowNo",
                        "a county row carries out a row of the city plan: required",
                        null));
            }
            if (level == PlanLevel.CITY && row.parentRowNo() != null) {
                problems.add(new FieldProblem(
                        "rows[" + i + "].parentRowNo", "only county plan rows have a parent row", row.parentRowNo()));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(ProblemCodes.VALIDATION_FAILED, "request validation failed", problems);
        }
    }

    private Mono<Void> insertRow(UUID planId, Planned p) {
        PlanRequests.Row row = p.request();
        var spec = db.sql("""
                        INSERT INTO plan_row (id, plan_id, row_no, key_industry, category, method, double_random, ratio,
                                              frequency_period, frequency_times, content_daily, content_special,
                                              operating_method, cooperating_agencies, denominator, units_per_round,
                                              ratio_key, ratio_general, ratio_special, include_registration,
                                              parent_row_id, stratum_denominators, stratum_units_per_round)
                        VALUES (:id, :plan, :rowNo, :industry, :category, :method, :dr, :ratio, :period, :times,
                                :daily, :special, :operating, :agencies, :denominator, :perRound,
                                :ratioKey, :ratioGeneral, :ratioSpecial, :registration, :parentRow,
                                CAST(:denominators AS jsonb), CAST(:perRounds AS jsonb))""")
                .bind("id", p.id())
                .bind("plan", planId)
                .bind("rowNo", row.rowNo())
                .bind("industry", row.keyIndustry())
                .bind("category", row.category().name())
                .bind("method", row.method().name())
                .bind("dr", row.doubleRandom())
                .bind("ratio", row.ratio())
                .bind("period", row.frequencyPeriod().name())
                .bind("times", row.frequencyTimes())
                .bind(
                        "agencies",
                        (row.cooperatingAgencies() == null ? List.<String>of() : row.cooperatingAgencies())
                                .toArray(String[]::new))
                .bind("denominator", p.denominator())
                .bind("perRound", p.perRound())
                .bind("ratioKey", p.ratios().KEY())
                .bind("ratioGeneral", p.ratios().GENERAL())
                .bind("ratioSpecial", p.ratios().SPECIAL())
                .bind("registration", row.registrationIncluded())
                .bind("denominators", json.writeValueAsString(StratumCounts.named(p.denominators())))
                .bind("perRounds", json.writeValueAsString(StratumCounts.named(p.unitsPerRound())));
        spec = p.parent() == null
                ? spec.bindNull("parentRow", UUID.class)
                : spec.bind("parentRow", p.parent().id());
        spec = nullable(spec, "daily", row.contentDaily());
        spec = nullable(spec, "special", row.contentSpecial());
        spec = nullable(spec, "operating", row.operatingMethod());
        return spec.then();
    }

    private static DatabaseClient.GenericExecuteSpec nullable(
            DatabaseClient.GenericExecuteSpec spec, String name, String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }

    private Mono<Void> insertMonth(UUID rowId, int month, int rounds, int units) {
        return db.sql("INSERT INTO plan_row_month (row_id, month, rounds, planned_units) VALUES (:row, :m, :r, :u)")
                .bind("row", rowId)
                .bind("m", month)
                .bind("r", rounds)
                .bind("u", units)
                .then();
    }

    /** VALID units of the plan's division (a city's, or a county's) per industry, stratum and registration. */
    private Mono<StratumCounts> counts(PlanLevel level, String division) {
        String where = level == PlanLevel.COUNTY ? "division_code = :division" : "city_code = :division";
        return db.sql("""
                        SELECT key_industry, COALESCE(source_type, 'GENERAL') AS stratum,
                               management_category = 'REGISTRATION' AS registration, count(*) AS n
                        FROM directory_unit
                        WHERE %s AND status = 'VALID' AND management_category IN ('KEY', 'SIMPLIFIED', 'REGISTRATION')
                        GROUP BY 1, 2, 3""".formatted(where))
                .bind("division", division)
                .map(r -> new Object[] {
                    r.get("key_industry", String.class),
                    r.get("stratum", String.class),
                    r.get("registration", Boolean.class),
                    r.get("n", Long.class)
                })
                .all()
                .collect(
                        StratumCounts::new,
                        (c, r) -> c.add(
                                (String) r[0],
                                Stratum.valueOf((String) r[1]),
                                Boolean.TRUE.equals(r[2]),
                                ((Long) r[3]).intValue()));
    }

    /** Officers on post in the plan's division: the city's (its counties' included) or the county's own. */
    private Mono<Integer> inspectorsOnPost(String division) {
        return db.sql("SELECT count(*) AS n FROM inspector WHERE on_post AND division_code LIKE :division")
                .bind("division", DivisionCode.of(division).likePattern())
                .map(r -> r.get("n", Long.class).intValue())
                .one();
    }

    /** @param orderBy an ORDER BY body from {@link org.permitwatch.support.web.ListSort} (whitelisted columns only) */
    Flux<PlanViews.PlanSummary> list(PlanScope scope, PlanFilter filter, String orderBy, Paging paging) {
        return scope.bind(filter.bind(db.sql("""
                        SELECT p.id, p.city_code, p.plan_year, p.title, p.status,
                               (p.capacity ->> 'sufficient')::boolean AS ok, p.created_at, p.published_at, p.level,
                               p.division_code, p.parent_plan_id
                        FROM inspection_plan p WHERE %s AND %s
                        ORDER BY %s
                        LIMIT :limit OFFSET :offset""".formatted(PlanScope.CONDITION, PlanFilter.CONDITION, orderBy))))
                .bind("limit", paging.size())
                .bind("offset", paging.offset())
                .map(r -> new PlanViews.PlanSummary(
                        r.get("id", UUID.class),
                        r.get("city_code", String.class),
                        r.get("plan_year", Integer.class),
                        r.get("title", String.class),
                        r.get("status", String.class),
                        Boolean.TRUE.equals(r.get("ok", Boolean.class)),
                        r.get("created_at", OffsetDateTime.class),
                        r.get("published_at", OffsetDateTime.class),
                        PlanLevel.valueOf(r.get("level", String.class)),
                        r.get("division_code", String.class),
                        r.get("parent_plan_id", UUID.class)))
                .all();
    }

    Mono<Long> count(PlanScope scope, PlanFilter filter) {
        return scope.bind(filter.bind(db.sql("""
                        SELECT count(*) AS n FROM inspection_plan p WHERE %s AND %s""".formatted(PlanScope.CONDITION, PlanFilter.CONDITION))))
                .map(r -> r.get("n", Long.class))
                .one();
    }

    Mono<PlanViews.PlanDetail> find(UUID id, PlanScope scope) {
        Mono<PlanViews.PlanDetail> head = scope.bind(db.sql("""
                        SELECT p.id, p.city_code, p.plan_year, p.title, p.status, p.created_by, p.created_at,
                               p.published_at, p.capacity::text AS capacity, p.level, p.division_code, p.parent_plan_id,
                               p.version
                        FROM inspection_plan p WHERE p.id = :id AND %s""".formatted(PlanScope.CONDITION)))
                .bind("id", id)
                .map(r -> new PlanViews.PlanDetail(
                        r.get("id", UUID.class),
                        r.get("city_code", String.class),
                        r.get("plan_year", Integer.class),
                        r.get("title", String.class),
                        r.get("status", String.class),
                        r.get("created_by", String.class),
                        r.get("created_at", OffsetDateTime.class),
                        r.get("published_at", OffsetDateTime.class),
                        DENOMINATOR_RULE,
                        List.of(),
                        json.readValue(r.get("capacity", String.class), CapacityCheck.Result.class),
                        PlanLevel.valueOf(r.get("level", String.class)),
                        r.get("division_code", String.class),
                        r.get("parent_plan_id", UUID.class),
                        r.get("version", Long.class)))
                .one();
        return head.flatMap(plan -> rows(id).collectList()
                .map(rows -> new PlanViews.PlanDetail(
                        plan.id(),
                        plan.cityCode(),
                        plan.year(),
                        plan.title(),
                        plan.status(),
                        plan.createdBy(),
                        plan.createdAt(),
                        plan.publishedAt(),
                        plan.denominatorRule(),
                        rows,
                        plan.capacity(),
                        plan.level(),
                        plan.divisionCode(),
                        plan.parentPlanId(),
                        plan.version())));
    }

    private Flux<PlanViews.Row> rows(UUID planId) {
        return db.sql("""
                        SELECT r.*, r.stratum_denominators::text AS denominators,
                               r.stratum_units_per_round::text AS per_rounds,
                               (SELECT pr.row_no FROM plan_row pr WHERE pr.id = r.parent_row_id) AS parent_row_no,
                               ARRAY(SELECT m.month FROM plan_row_month m WHERE m.row_id = r.id ORDER BY m.month) AS ms,
                               ARRAY(SELECT m.rounds FROM plan_row_month m WHERE m.row_id = r.id ORDER BY m.month) AS rs,
                               ARRAY(SELECT m.planned_units FROM plan_row_month m WHERE m.row_id = r.id ORDER BY m.month) AS us
                        FROM plan_row r WHERE r.plan_id = :plan ORDER BY r.row_no""")
                .bind("plan", planId)
                .map(r -> {
                    Integer[] ms = r.get("ms", Integer[].class);
                    Integer[] rs = r.get("rs", Integer[].class);
                    Integer[] us = r.get("us", Integer[].class);
                    List<PlanViews.MonthPlan> months = new ArrayList<>();
                    for (int i = 0; i < ms.length; i++) {
                        months.add(new PlanViews.MonthPlan(ms[i], rs[i], us[i]));
                    }
                    Map<String, BigDecimal> ratios = new LinkedHashMap<>();
                    ratios.put(Stratum.KEY.name(), r.get("ratio_key", BigDecimal.class));
                    ratios.put(Stratum.GENERAL.name(), r.get("ratio_general", BigDecimal.class));
                    ratios.put(Stratum.SPECIAL.name(), r.get("ratio_special", BigDecimal.class));
                    String denominators = r.get("denominators", String.class);
                    String perRounds = r.get("per_rounds", String.class);
                    return new PlanViews.Row(
                            r.get("id", UUID.class),
                            r.get("row_no", Integer.class),
                            r.get("key_industry", String.class),
                            PlanCategory.valueOf(r.get("category", String.class)),
                            PlanMethod.valueOf(r.get("method", String.class)),
                            Boolean.TRUE.equals(r.get("double_random", Boolean.class)),
                            r.get("ratio", BigDecimal.class),
                            FrequencyPeriod.valueOf(r.get("frequency_period", String.class)),
                            r.get("frequency_times", Integer.class),
                            r.get("content_daily", String.class),
                            r.get("content_special", String.class),
                            r.get("operating_method", String.class),
                            List.of(r.get("cooperating_agencies", String[].class)),
                            r.get("denominator", Integer.class),
                            r.get("units_per_round", Integer.class),
                            List.copyOf(months),
                            ratios,
                            Boolean.TRUE.equals(r.get("include_registration", Boolean.class)),
                            denominators == null ? null : json.readValue(denominators, COUNTS),
                            perRounds == null ? null : json.readValue(perRounds, COUNTS),
                            r.get("parent_row_no", Integer.class));
                })
                .all();
    }

    /**
     * Publishing a COUNTY plan takes its share of the city rows' budgets: with the city rows locked, its rows plus the
     * published county rows under the same city row must stay within the city row's units per round per stratum
     * (two drafts may each fit alone; the second one published is refused, 422 outside-city-plan).
     */
    private Mono<Void> checkBudgetOnPublish(UUID planId, String division) {
        // only the caller's own draft: anyone else learns nothing here and gets the 404/409 of the update below
        return db.sql("""
                        SELECT q.id FROM plan_row r JOIN plan_row q ON q.id = r.parent_row_id
                        JOIN inspection_plan p ON p.id = r.plan_id
                        WHERE r.plan_id = :plan AND p.division_code = :division AND p.status = 'DRAFT'
                        ORDER BY q.id FOR UPDATE OF q""")
                .bind("plan", planId)
                .bind("division", division)
                .map(r -> r.get("id", UUID.class))
                .all()
                .collectList()
                .flatMap(parents -> parents.isEmpty()
                        ? Mono.empty()
                        : db.sql("""
                                SELECT r.row_no, q.id AS parent_id, q.row_no AS parent_no,
                                       r.stratum_units_per_round::text AS mine,
                                       q.stratum_units_per_round::text AS budget,
                                       (SELECT COALESCE(jsonb_agg(s.stratum_units_per_round), '[]'::jsonb)
                                        FROM plan_row s JOIN inspection_plan sp ON sp.id = s.plan_id
                                        WHERE s.parent_row_id = q.id AND sp.status = 'PUBLISHED' AND s.plan_id <> :plan
                                          AND s.stratum_units_per_round IS NOT NULL)::text AS others
                                FROM plan_row r JOIN plan_row q ON q.id = r.parent_row_id
                                WHERE r.plan_id = :plan ORDER BY r.row_no""")
                                .bind("plan", planId)
                                .map(r -> new Object[] {
                                    r.get("row_no", Integer.class),
                                    r.get("parent_id", UUID.class),
                                    r.get("parent_no", Integer.class),
                                    r.get("mine", String.class),
                                    r.get("budget", String.class),
                                    r.get("others", String.class)
                                })
                                .all()
                                .collectList()
                                .flatMap(rows -> {
                                    List<FieldProblem> problems = new ArrayList<>();
                                    Map<UUID, Map<String, Integer>> taken = new HashMap<>();
                                    for (int i = 0; i < rows.size(); i++) {
                                        Object[] row = rows.get(i);
                                        if (row[3] == null || row[4] == null) {
                                            continue;
                                        }
                                        Map<String, Integer> used = taken.computeIfAbsent((UUID) row[1], k -> {
                                            Map<String, Integer> sum = new HashMap<>();
                                            json.readValue((String) row[5], COUNTS_LIST)
                                                    .forEach(m -> m.forEach((st, n) -> sum.merge(st, n, Integer::sum)));
                                            return sum;
                                        });
                                        Map<String, Integer> mine = json.readValue((String) row[3], COUNTS);
                                        Map<String, Integer> budget = json.readValue((String) row[4], COUNTS);
                                        for (Stratum st : Stratum.values()) {
                                            int want = mine.getOrDefault(st.name(), 0);
                                            int others = used.getOrDefault(st.name(), 0);
                                            int cap = budget.getOrDefault(st.name(), 0);
                                            if (want + others > cap) {
                                                problems.add(new FieldProblem(
                                                        "rows[" + i + "].stratumRatios." + st,
                                                        st + ": "
                                                                + want + " unit(s) per round here + " + others
                                                                + " published by other "
                                                                + "county plans exceed the " + cap + " of city row "
                                                                + row[2],
                                                        want));
                                            }
                                            used.merge(st.name(), want, Integer::sum);
                                        }
                                    }
                                    return problems.isEmpty()
                                            ? Mono.<Void>empty()
                                            : Mono.error(outsideParent(problems));
                                }));
    }

    /** DRAFT → PUBLISHED, only by the bureau that made the plan; publishing twice is a conflict. */
    Mono<Void> publish(UUID id, Caller caller) {
        return checkBudgetOnPublish(id, caller.division().value())
                .then(db.sql("""
                        UPDATE inspection_plan SET status = 'PUBLISHED', published_at = now(), published_by = :by,
                               updated_at = now()
                        WHERE id = :id AND division_code = :division AND status = 'DRAFT'""")
                        .bind("by", caller.subject())
                        .bind("id", id)
                        .bind("division", caller.division().value())
                        .fetch()
                        .rowsUpdated()
                        .flatMap(n -> n == 1
                                ? announce(id, caller)
                                : db.sql(
                                                "SELECT status FROM inspection_plan WHERE id = :id AND division_code = :division")
                                        .bind("id", id)
                                        .bind("division", caller.division().value())
                                        .map(r -> r.get("status", String.class))
                                        .one()
                                        .switchIfEmpty(Mono.error(() -> ApiException.notFound(
                                                ProblemCodes.NOT_FOUND, "no plan " + id + " of your bureau")))
                                        .flatMap(s -> Mono.error(ApiException.conflict(
                                                "plan-already-published", "plan " + id + " is already published")))))
                .as(tx::transactional);
    }

    /** Inside the publish transaction: the full snapshot as stored goes to the outbox with the audit entry. */
    private Mono<Void> announce(UUID id, Caller caller) {
        return find(id, PlanScope.of(caller))
                .map(plan -> PlanEvents.published(plan, caller.subject()))
                .flatMap(event -> outbox.append(
                        OutboxMessage.of(InspectionTopics.PLANS, id.toString(), PlanPublished.TYPE, event)))
                .then(audit.record("plan.publish", "plan", id.toString(), Map.of()));
    }
}
