package org.permitwatch.inspection.draw;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.permitwatch.events.inspection.DrawCompleted;
import org.permitwatch.events.inspection.DrawPublished;
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.inspection.inspector.InspectorPool;
import org.permitwatch.inspection.plan.PlanCatalog;
import org.permitwatch.inspection.plan.PlanLevel;
import org.permitwatch.inspection.plan.PlanRowRef;
import org.permitwatch.inspection.task.NewTask;
import org.permitwatch.inspection.task.TaskMethod;
import org.permitwatch.inspection.task.TaskOrigin;
import org.permitwatch.inspection.task.TaskWriter;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.outbox.OutboxMessage;
import org.permitwatch.support.outbox.OutboxWriter;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.tx.WholeTransactions;
import org.permitwatch.support.web.Paging;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a draw in two steps (ADR 0007): commit (store the seed's hash, committed on its own) and then draw (read the
 * eligible units, run {@link DrawAlgorithm}, reveal the seed, create tasks, all in one transaction).
 */
@Service
class DrawService {

    static final String ALGORITHM = "permitwatch-draw-v1: HMAC-SHA256(seed, label||0x00||counter) words, "
            + "rejection sampling, partial Fisher-Yates per stratum (SPECIAL, KEY, GENERAL), least-loaded inspectors";

    private static final SecureRandom SEEDS = new SecureRandom();

    private final DatabaseClient db;
    private final PlanCatalog plans;
    private final TaskWriter tasks;
    private final OutboxWriter outbox;
    private final AuditLog audit;
    private final JsonMapper json;
    private final DrawProperties properties;
    private final TransactionalOperator tx;

    private final InspectorPool pool;

    private final BureauClock clock;

    DrawService(
            DatabaseClient db,
            PlanCatalog plans,
            TaskWriter tasks,
            OutboxWriter outbox,
            AuditLog audit,
            JsonMapper json,
            DrawProperties properties,
            ReactiveTransactionManager transactions,
            InspectorPool pool,
            BureauClock clock) {
        this.clock = clock;
        this.pool = pool;
        this.db = db;
        this.plans = plans;
        this.tasks = tasks;
        this.outbox = outbox;
        this.audit = audit;
        this.json = json;
        this.properties = properties;
        this.tx = WholeTransactions.create(transactions);
    }

    record Request(
            UUID planId, int rowNo, YearMonth month, List<String> targeted, LocalDate dueDate, String department) {}

    /**
     * A draw for a row of the caller's bureau's own plan: a city draws its city plan's rows over the city's units, a
     * county its county plan's rows over the county's units only (ADR 0013).
     */
    Mono<UUID> draw(Request request, Caller caller) {
        return plans.row(
                        request.planId(),
                        request.rowNo(),
                        request.month().getMonthValue(),
                        caller.division().value())
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(
                        ProblemCodes.NOT_FOUND,
                        "no row " + request.rowNo() + " of plan " + request.planId() + " of your bureau")))
                .flatMap(row -> checkRow(row, request)
                        .then(targeted(request.targeted(), row))
                        .flatMap(targeted -> commit(row, request, caller)
                                .flatMap(commitment -> run(commitment, row, request, targeted, caller))));
    }

    private Mono<Void> checkRow(PlanRowRef row, Request request) {
        if (!row.published()) {
            return Mono.error(ApiException.unprocessable("plan-not-published", "draws need a published plan"));
        }
        if (!row.doubleRandom()) {
            return Mono.error(ApiException.unprocessable(
                    "row-not-double-random", "row " + request.rowNo() + " is not part of the double-random scheme"));
        }
        if (request.month().getYear() != row.year()) {
            return Mono.error(ApiException.invalidField(
                    "month",
                    "must lie in the plan year " + row.year(),
                    request.month().toString()));
        }
        if (row.roundsInMonth() == 0) {
            return Mono.error(ApiException.unprocessable(
                    "month-not-planned",
                    "the plan's monthly breakdown has no round of row " + request.rowNo() + " in " + request.month()));
        }
        return Mono.empty();
    }

    /**
     * Targeted units must be in the plan's division (the city, or the county of a county plan); any industry,
     * positive list or recent inspection notwithstanding.
     */
    private Mono<List<DrawAlgorithm.Candidate>> targeted(List<String> permitNumbers, PlanRowRef row) {
        List<String> wanted = List.copyOf(new TreeSet<>(permitNumbers));
        if (wanted.isEmpty()) {
            return Mono.just(List.of());
        }
        return db.sql("""
                        SELECT permit_number, COALESCE(version, 0) AS version, COALESCE(source_type, 'GENERAL') AS stratum
                        FROM directory_unit WHERE permit_number = ANY(:permits) AND %s""".formatted(unitScope(row)))
                .bind("permits", wanted.toArray(String[]::new))
                .bind("division", row.divisionCode())
                .map(r -> new DrawAlgorithm.Candidate(
                        r.get("permit_number", String.class),
                        r.get("version", Long.class),
                        r.get("stratum", String.class)))
                .all()
                .collectList()
                .flatMap(found -> {
                    Set<String> present = new TreeSet<>(found.stream()
                            .map(DrawAlgorithm.Candidate::permitNumber)
                            .toList());
                    List<FieldProblem> problems = new ArrayList<>();
                    for (int i = 0; i < permitNumbers.size(); i++) {
                        if (!present.contains(permitNumbers.get(i))) {
                            problems.add(new FieldProblem(
                                    "targeted[" + i + "]", "no unit of the plan's division", permitNumbers.get(i)));
                        }
                    }
                    return problems.isEmpty()
                            ? Mono.just(found)
                            : Mono.error(ApiException.badRequest(
                                    ProblemCodes.VALIDATION_FAILED, "request validation failed", problems));
                });
    }

    private record Commitment(UUID drawId, String seed, String seedHash) {}

    /** Step 1: the seed's hash is stored and committed before any unit is read. */
    private Mono<Commitment> commit(PlanRowRef row, Request request, Caller caller) {
        byte[] seed = new byte[32];
        SEEDS.nextBytes(seed);
        String seedHex = HexFormat.of().formatHex(seed);
        Commitment commitment = new Commitment(UUID.randomUUID(), seedHex, Fingerprints.sha256Hex(seed));
        return db.sql("""
                        INSERT INTO draw (id, plan_id, plan_row_id, city_code, period_month, status, seed_hash, created_by,
                                          level, division_code, quota_row_id)
                        VALUES (:id, :plan, :row, :city, :month, 'COMMITTED', :hash, :by, :level, :division, :quota)""")
                .bind("id", commitment.drawId())
                .bind("plan", row.planId())
                .bind("row", row.rowId())
                .bind("city", row.cityCode())
                .bind("month", request.month().toString())
                .bind("hash", commitment.seedHash())
                .bind("by", caller.subject())
                .bind("level", row.level().name())
                .bind("division", row.divisionCode())
                .bind("quota", row.quota().rowId())
                .then()
                .then(audit.record(
                        "draw.commit",
                        "draw",
                        commitment.drawId().toString(),
                        Map.of("seedHash", commitment.seedHash())))
                .as(tx::transactional)
                .thenReturn(commitment);
    }

    private record Population(
            List<DrawAlgorithm.Candidate> eligible, Map<String, Integer> denominators, Map<String, Integer> excluded) {}

    /**
     * Step 2: read the inputs, draw, reveal, create tasks — one transaction. It holds a lock on the city row whose
     * budget the draw consumes, so a city's and its counties' draws of one row are taken one after another: each
     * sees the units the others drew (tasks) and what they left of the budget.
     */
    private Mono<UUID> run(
            Commitment commitment,
            PlanRowRef row,
            Request request,
            List<DrawAlgorithm.Candidate> targeted,
            Caller caller) {
        OffsetDateTime since = clock.nowUtc().minusDays(properties.exclusionWindowDays());
        Mono<UUID> work = db.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .bind("key", "draw-quota:" + row.quota().rowId())
                .then()
                .then(population(row, since))
                .flatMap(pop -> inspectors(inspectorScope(row))
                        .flatMap(pool -> budgets(row, request.month()).flatMap(budgets -> {
                            Map<String, Integer> quotas = Quotas.of(
                                    pop.eligible(), pop.denominators(), row.stratumRatios(), Quotas.remaining(budgets));
                            DrawAlgorithm.Input input = new DrawAlgorithm.Input(
                                    commitment.seed(),
                                    pop.eligible(),
                                    targeted,
                                    quotas,
                                    pool,
                                    properties.inspectorsPerUnit());
                            DrawViews.Parameters parameters = new DrawViews.Parameters(
                                    ALGORITHM,
                                    row.keyIndustry(),
                                    row.ratio(),
                                    properties.exclusionWindowDays(),
                                    since,
                                    properties.inspectorsPerUnit(),
                                    pop.denominators(),
                                    quotas,
                                    pop.excluded(),
                                    row.level().name(),
                                    row.divisionCode(),
                                    row.stratumRatios(),
                                    row.includeRegistration(),
                                    budgets);
                            return Mono.fromCallable(() -> DrawAlgorithm.run(input))
                                    .subscribeOn(Schedulers.parallel())
                                    .flatMap(picks ->
                                            complete(commitment, row, request, input, parameters, picks, caller));
                        })));
        return work.as(tx::transactional)
                .onErrorResume(ApiException.class, e -> fail(commitment, e).then(Mono.error(e)));
    }

    /** SQL condition on {@code directory_unit} for the units of a plan row's division (bind {@code division}). */
    private static String unitScope(PlanRowRef row) {
        return row.level() == PlanLevel.COUNTY ? "division_code = :division" : "city_code = :division";
    }

    /** A city's draws take the city's officers (its counties' included); a county's its own officers. */
    /** Division prefix of the inspectors a draw of {@code row} may send: the county's own for a county row. */
    private static String inspectorScope(PlanRowRef row) {
        return row.level() == PlanLevel.COUNTY
                ? row.divisionCode()
                : row.cityCode().substring(0, 4);
    }

    /** The draw's inspector input (fingerprinted): InspectorPool's rule, conflicts sorted for a stable fingerprint. */
    private Mono<List<DrawAlgorithm.InspectorSlot>> inspectors(String divisionPrefix) {
        return pool.eligibleFor(divisionPrefix)
                .map(c -> new DrawAlgorithm.InspectorSlot(
                        c.id(),
                        c.openAssignments(),
                        c.conflictPermits().stream().sorted().toList()))
                .collectList();
    }

    /**
     * What the row (and, for a county row, its city row) leaves for this draw in the month: planned units per round ×
     * rounds in the month, minus the units (targeted ones aside) completed draws of that row and month took.
     */
    private Mono<List<DrawViews.Budget>> budgets(PlanRowRef row, YearMonth month) {
        return db.sql("""
                        SELECT p ->> 'stratum' AS stratum, count(*) FILTER (WHERE d.plan_row_id = :own) AS own,
                               count(*) AS quota
                        FROM draw d CROSS JOIN LATERAL jsonb_array_elements(d.result) p
                        WHERE d.quota_row_id = :quota AND d.period_month = :month AND d.status = 'COMPLETED'
                          AND NOT (p ->> 'targeted')::boolean
                        GROUP BY 1""")
                .bind("own", row.rowId())
                .bind("quota", row.quota().rowId())
                .bind("month", month.toString())
                .map(r -> new Object[] {
                    r.get("stratum", String.class), r.get("own", Long.class), r.get("quota", Long.class)
                })
                .all()
                .collectList()
                .map(counts -> {
                    Map<String, Integer> own = new LinkedHashMap<>();
                    Map<String, Integer> quota = new LinkedHashMap<>();
                    for (Object[] c : counts) {
                        own.put((String) c[0], ((Long) c[1]).intValue());
                        quota.put((String) c[0], ((Long) c[2]).intValue());
                    }
                    List<DrawViews.Budget> budgets = new ArrayList<>();
                    if (row.quota().unitsPerRound() != null) {
                        budgets.add(DrawViews.Budget.of(
                                row.quota().rowId(),
                                "CITY_ROW",
                                row.quota().unitsPerRound(),
                                row.quota().roundsInMonth(),
                                quota));
                    }
                    if (row.level() == PlanLevel.COUNTY && row.unitsPerRound() != null) {
                        budgets.add(DrawViews.Budget.of(
                                row.rowId(), "COUNTY_ROW", row.unitsPerRound(), row.roundsInMonth(), own));
                    }
                    return List.copyOf(budgets);
                });
    }

    private Mono<Void> fail(Commitment commitment, ApiException e) {
        return db.sql("UPDATE draw SET status = 'FAILED', seed = :seed, failure = :failure, completed_at = now() "
                        + "WHERE id = :id")
                .bind("seed", commitment.seed())
                .bind("failure", e.getMessage())
                .bind("id", commitment.drawId())
                .then();
    }

    /**
     * The row's population: units of the plan's division and industry with status VALID, permit holders (重点/简化管理)
     * and, where the row includes them, 登记管理 units.
     *
     * <p>Classified and counted in the database: one row per stratum × class (eligible or the first exclusion that
     * applies, in the order recently inspected, open task, positive list), the eligible units of a stratum as one text
     * of {@code permit<TAB>version} lines. Reading 100,000 units as rows through R2DBC and classifying them here was
     * the largest part of a draw's CPU time (issue 21, docs/benchmarks.md "Double-random draw"); the result is the same
     * set, and the order the list comes in does not matter: the algorithm and the fingerprints sort it themselves.
     * Permit numbers hold neither tabs nor line breaks (letters and digits on the national platform).
     *
     * <p>"Holds a task" is {@code IN (uncorrelated subquery)}, which PostgreSQL runs once as a hashed subplan, not a
     * correlated {@code EXISTS}, which in a CASE stays a probe of the task index per unit (100,000 probes a draw).
     */
    private Mono<Population> population(PlanRowRef row, OffsetDateTime since) {
        String windowStartMonth = YearMonth.from(since).toString();
        return db.sql("""
                        SELECT stratum, cls, count(*) AS n,
                               string_agg(permit_number || E'\\t' || version, E'\\n') FILTER (WHERE cls = 'ELIGIBLE')
                                   AS units
                        FROM (SELECT u.permit_number, COALESCE(u.version, 0) AS version,
                                     COALESCE(u.source_type, 'GENERAL') AS stratum,
                                     CASE WHEN u.last_inspected_at IS NOT NULL AND u.last_inspected_at >= :since
                                              THEN 'RECENTLY_INSPECTED'
                                          WHEN u.permit_number IN (SELECT t.permit_number FROM inspection_task t
                                                                   WHERE t.status <> 'CANCELLED'
                                                                     AND (t.period_month >= :sinceMonth
                                                                          OR t.status IN ('ASSIGNED', 'IN_PROGRESS')))
                                              THEN 'OPEN_TASK'
                                          WHEN COALESCE(u.positive_list, false) THEN 'POSITIVE_LIST'
                                          ELSE 'ELIGIBLE' END AS cls
                              FROM directory_unit u
                              WHERE u.%s AND u.key_industry = :industry AND u.status = 'VALID'
                                AND (u.management_category IN ('KEY', 'SIMPLIFIED')
                                     OR (:registration AND u.management_category = 'REGISTRATION'))) p
                        GROUP BY stratum, cls""".formatted(unitScope(row)))
                .bind("since", since)
                .bind("sinceMonth", windowStartMonth)
                .bind("division", row.divisionCode())
                .bind("registration", row.includeRegistration())
                .bind("industry", row.keyIndustry())
                .map(r -> new PopulationGroup(
                        r.get("stratum", String.class),
                        r.get("cls", String.class),
                        r.get("n", Long.class).intValue(),
                        r.get("units", String.class)))
                .all()
                .collectList()
                .map(DrawService::classify);
    }

    private record PopulationGroup(String stratum, String classification, int count, String units) {}

    private static final String ELIGIBLE = "ELIGIBLE";

    /** Exclusion reasons in the order the population query tests them (the order of the recorded parameters). */
    private static final List<String> EXCLUSIONS = List.of("RECENTLY_INSPECTED", "OPEN_TASK", "POSITIVE_LIST");

    private static Population classify(List<PopulationGroup> groups) {
        List<DrawAlgorithm.Candidate> eligible = new ArrayList<>();
        Map<String, Integer> denominators = new LinkedHashMap<>();
        Map<String, Integer> excluded = new LinkedHashMap<>();
        DrawAlgorithm.STRATA.forEach(s -> denominators.put(s, 0));
        EXCLUSIONS.forEach(reason -> {
            int n = groups.stream()
                    .filter(g -> g.classification().equals(reason))
                    .mapToInt(PopulationGroup::count)
                    .sum();
            if (n > 0) {
                excluded.put(reason, n);
            }
        });
        for (PopulationGroup g : groups) {
            denominators.merge(g.stratum(), g.count(), Integer::sum);
            if (g.classification().equals(ELIGIBLE) && g.units() != null) {
                for (String line : g.units().split("\n")) {
                    int tab = line.indexOf('\t');
                    eligible.add(new DrawAlgorithm.Candidate(
                            line.substring(0, tab), Long.parseLong(line.substring(tab + 1)), g.stratum()));
                }
            }
        }
        return new Population(List.copyOf(eligible), denominators, excluded);
    }

    private Mono<UUID> complete(
            Commitment commitment,
            PlanRowRef row,
            Request request,
            DrawAlgorithm.Input input,
            DrawViews.Parameters parameters,
            List<DrawAlgorithm.Pick> picks,
            Caller caller) {
        LocalDate due =
                request.dueDate() != null ? request.dueDate() : request.month().atEndOfMonth();
        LocalDate publishNotBefore = request.month().atEndOfMonth().plusDays(properties.publishAfterDays());
        String department = request.department() != null ? request.department() : properties.defaultDepartment();
        Map<String, String> counties = new LinkedHashMap<>();
        // computed once: sorting and hashing 80,000 lines is not free; the draw row stores the very text the
        // fingerprint hashes (ADR 0048), and the row, the event and the audit entry all carry the fingerprint
        String eligibleLines = Fingerprints.unitLines(input.eligible());
        String eligibleFingerprint = Fingerprints.unitsOfLines(eligibleLines);
        return db.sql("SELECT permit_number, division_code FROM directory_unit WHERE permit_number = ANY(:permits)")
                .bind(
                        "permits",
                        picks.stream().map(DrawAlgorithm.Pick::permitNumber).toArray(String[]::new))
                .map(r -> Map.entry(r.get("permit_number", String.class), r.get("division_code", String.class)))
                .all()
                .doOnNext(e -> counties.put(e.getKey(), e.getValue()))
                .then()
                .then(db.sql("""
                                UPDATE draw SET status = 'COMPLETED', seed = :seed, eligible_units = :eligible,
                                       eligible_count = :eligibleCount, eligible_fingerprint = :ef,
                                       targeted = CAST(:targeted AS jsonb),
                                       inspectors = CAST(:inspectors AS jsonb), inspectors_fingerprint = :if,
                                       parameters = CAST(:parameters AS jsonb), result = CAST(:result AS jsonb),
                                       completed_at = now(), publish_not_before = :publish
                                WHERE id = :id AND status = 'COMMITTED'""")
                        .bind("seed", commitment.seed())
                        .bind("eligible", eligibleLines)
                        .bind("eligibleCount", input.eligible().size())
                        .bind("ef", eligibleFingerprint)
                        .bind("targeted", json.writeValueAsString(input.targeted()))
                        .bind("inspectors", json.writeValueAsString(input.inspectors()))
                        .bind("if", Fingerprints.inspectors(input.inspectors()))
                        .bind("parameters", json.writeValueAsString(parameters))
                        .bind("result", json.writeValueAsString(picks))
                        .bind("publish", publishNotBefore)
                        .bind("id", commitment.drawId())
                        .then())
                .then(Mono.defer(() -> tasks.createOrMergeAll(
                        picks.stream()
                                .map(p -> new NewTask(
                                        p.permitNumber(),
                                        counties.get(p.permitNumber()),
                                        row.cityCode(),
                                        TaskOrigin.DRAW,
                                        commitment.drawId(),
                                        row.planId(),
                                        row.onSite() ? TaskMethod.ON_SITE : TaskMethod.REMOTE,
                                        due,
                                        request.month().toString(),
                                        department,
                                        p.inspectors()))
                                .toList(),
                        caller.subject())))
                .map(List::size)
                .flatMap(taskCount -> outbox.append(OutboxMessage.of(
                                InspectionTopics.DRAWS,
                                commitment.drawId().toString(),
                                DrawCompleted.TYPE,
                                new DrawCompleted(
                                        commitment.drawId(),
                                        row.planId(),
                                        row.rowId(),
                                        row.cityCode(),
                                        request.month().toString(),
                                        commitment.seedHash(),
                                        commitment.seed(),
                                        eligibleFingerprint,
                                        DrawAlgorithm.countByStratum(picks),
                                        taskCount,
                                        clock.nowUtc())))
                        .then(audit.record(
                                "draw.complete",
                                "draw",
                                commitment.drawId().toString(),
                                Map.of(
                                        "units",
                                        picks.size(),
                                        "byStratum",
                                        DrawAlgorithm.countByStratum(picks),
                                        "eligibleFingerprint",
                                        eligibleFingerprint))))
                .as(tx::transactional)
                .thenReturn(commitment.drawId());
    }

    /** The stored draw if the caller's scope holds it ({@link DrawScope}). */
    Mono<DrawViews.Draw> find(UUID id, Caller caller) {
        return DrawScope.of(caller)
                .bind(db.sql("""
                        SELECT d.id, d.plan_id, d.plan_row_id, d.city_code, d.period_month, d.status, d.seed_hash, d.seed,
                               d.committed_at, d.completed_at, d.eligible_fingerprint, d.inspectors_fingerprint,
                               d.parameters::text AS parameters, d.result::text AS result,
                               COALESCE(d.eligible_count, 0) AS eligible_count,
                               d.publish_not_before, d.published_at, d.failure, d.level, d.division_code,
                               d.remote_check_run_id, r.rules_version, r.unit_count, r.raised, r.updated, r.resolved
                        FROM draw d LEFT JOIN remote_check_run r ON r.id = d.remote_check_run_id
                        WHERE d.id = :id AND %s""".formatted(DrawScope.CONDITION)))
                .bind("id", id)
                .map(r -> {
                    String parameters = r.get("parameters", String.class);
                    String result = r.get("result", String.class);
                    UUID runId = r.get("remote_check_run_id", UUID.class);
                    return new DrawViews.Draw(
                            r.get("id", UUID.class),
                            r.get("plan_id", UUID.class),
                            r.get("plan_row_id", UUID.class),
                            r.get("city_code", String.class),
                            r.get("period_month", String.class),
                            r.get("status", String.class),
                            r.get("seed_hash", String.class),
                            r.get("seed", String.class),
                            r.get("committed_at", OffsetDateTime.class),
                            r.get("completed_at", OffsetDateTime.class),
                            r.get("eligible_fingerprint", String.class),
                            r.get("eligible_count", Integer.class),
                            r.get("inspectors_fingerprint", String.class),
                            parameters == null ? null : json.readValue(parameters, DrawViews.Parameters.class),
                            result == null ? List.of() : DrawViews.units(json.readValue(result, PICKS)),
                            r.get("publish_not_before", LocalDate.class),
                            r.get("published_at", OffsetDateTime.class),
                            r.get("failure", String.class),
                            r.get("level", String.class),
                            r.get("division_code", String.class),
                            runId == null
                                    ? null
                                    : new DrawViews.RemoteCheckRun(
                                            runId,
                                            r.get("rules_version", String.class),
                                            r.get("unit_count", Integer.class),
                                            r.get("raised", Integer.class),
                                            r.get("updated", Integer.class),
                                            r.get("resolved", Integer.class)));
                })
                .one();
    }

    /** The draws of the caller's scope ({@link DrawScope}), newest first, optionally of one plan. */
    Flux<DrawViews.DrawSummary> list(Caller caller, UUID planId, String orderBy, Paging paging) {
        return planFilter(DrawScope.of(caller).bind(db.sql("""
                        SELECT d.id, d.plan_id, d.period_month, d.status, d.level, d.division_code, d.seed_hash,
                               d.parameters ->> 'keyIndustry' AS industry, d.committed_at, d.completed_at,
                               d.published_at, COALESCE(jsonb_array_length(d.result), 0) AS units
                        FROM draw d WHERE %s AND (CAST(:planId AS uuid) IS NULL OR d.plan_id = CAST(:planId AS uuid))
                        ORDER BY %s
                        LIMIT :limit OFFSET :offset""".formatted(DrawScope.CONDITION, orderBy))), planId)
                .bind("limit", paging.size())
                .bind("offset", paging.offset())
                .map(r -> new DrawViews.DrawSummary(
                        r.get("id", UUID.class),
                        r.get("plan_id", UUID.class),
                        r.get("period_month", String.class),
                        r.get("status", String.class),
                        r.get("level", String.class),
                        r.get("division_code", String.class),
                        r.get("industry", String.class),
                        r.get("seed_hash", String.class),
                        r.get("units", Integer.class),
                        r.get("committed_at", OffsetDateTime.class),
                        r.get("completed_at", OffsetDateTime.class),
                        r.get("published_at", OffsetDateTime.class)))
                .all();
    }

    Mono<Long> count(Caller caller, UUID planId) {
        return planFilter(DrawScope.of(caller).bind(db.sql("""
                        SELECT count(*) AS n FROM draw d
                        WHERE %s AND (CAST(:planId AS uuid) IS NULL OR d.plan_id = CAST(:planId AS uuid))""".formatted(DrawScope.CONDITION))), planId)
                .map(r -> r.get("n", Long.class))
                .one();
    }

    private static DatabaseClient.GenericExecuteSpec planFilter(DatabaseClient.GenericExecuteSpec spec, UUID planId) {
        return planId == null ? spec.bindNull("planId", UUID.class) : spec.bind("planId", planId);
    }

    private static final TypeReference<List<DrawAlgorithm.Pick>> PICKS = new TypeReference<>() {};
    private static final TypeReference<List<DrawAlgorithm.Candidate>> CANDIDATES = new TypeReference<>() {};
    private static final TypeReference<List<DrawAlgorithm.InspectorSlot>> SLOTS = new TypeReference<>() {};

    /** Re-runs the draw from its recorded inputs only and compares. */
    Mono<DrawViews.Verification> verify(UUID id, Caller caller) {
        return DrawScope.of(caller)
                .bind(db.sql("""
                        SELECT d.seed_hash, d.seed, d.eligible_units AS eligible, d.eligible_fingerprint,
                               d.targeted::text AS targeted, d.inspectors::text AS inspectors, d.inspectors_fingerprint,
                               d.parameters::text AS parameters, d.result::text AS result
                        FROM draw d WHERE d.id = :id AND d.status = 'COMPLETED' AND %s""".formatted(DrawScope.CONDITION)))
                .bind("id", id)
                .map(r -> new String[] {
                    r.get("seed_hash", String.class),
                    r.get("seed", String.class),
                    r.get("eligible", String.class),
                    r.get("eligible_fingerprint", String.class),
                    r.get("targeted", String.class),
                    r.get("inspectors", String.class),
                    r.get("inspectors_fingerprint", String.class),
                    r.get("parameters", String.class),
                    r.get("result", String.class)
                })
                .one()
                .flatMap(s -> Mono.fromCallable(() -> {
                            List<DrawAlgorithm.Candidate> eligible = Fingerprints.parseUnitLines(s[2]);
                            List<DrawAlgorithm.Candidate> targeted = json.readValue(s[4], CANDIDATES);
                            List<DrawAlgorithm.InspectorSlot> inspectors = json.readValue(s[5], SLOTS);
                            DrawViews.Parameters parameters = json.readValue(s[7], DrawViews.Parameters.class);
                            List<DrawAlgorithm.Pick> recorded = json.readValue(s[8], PICKS);
                            List<DrawAlgorithm.Pick> recomputed = DrawAlgorithm.run(new DrawAlgorithm.Input(
                                    s[1],
                                    eligible,
                                    targeted,
                                    parameters.quotas(),
                                    inspectors,
                                    parameters.inspectorsPerUnit()));
                            String eligibleFingerprint = Fingerprints.units(eligible);
                            String inspectorsFingerprint = Fingerprints.inspectors(inspectors);
                            boolean seedOk = Fingerprints.seedHash(s[1]).equals(s[0]);
                            boolean eligibleOk = eligibleFingerprint.equals(s[3]);
                            boolean inspectorsOk = inspectorsFingerprint.equals(s[6]);
                            return new DrawViews.Verification(
                                    id,
                                    s[0],
                                    s[1],
                                    seedOk,
                                    eligibleFingerprint,
                                    eligibleOk,
                                    inspectorsFingerprint,
                                    inspectorsOk,
                                    DrawViews.units(recorded),
                                    DrawViews.units(recomputed),
                                    seedOk && eligibleOk && inspectorsOk && recorded.equals(recomputed),
                                    DrawViews.Inputs.of(
                                            eligible,
                                            targeted,
                                            parameters.quotas(),
                                            inspectors,
                                            parameters.inspectorsPerUnit()));
                        })
                        .subscribeOn(Schedulers.parallel()));
    }

    /** Publishable once every task of the draw is done (or cancelled), or from {@code publish_not_before}. */
    Mono<Void> publish(UUID id, Caller caller) {
        return DrawScope.of(caller)
                .bind(db.sql("""
                        UPDATE draw d SET published_at = now(), published_by = :by
                        WHERE d.id = :id AND %s AND d.status = 'COMPLETED' AND d.published_at IS NULL
                          AND (d.publish_not_before <= CURRENT_DATE
                               OR NOT EXISTS (SELECT 1 FROM inspection_task t WHERE t.draw_id = d.id
                                              AND t.status IN ('ASSIGNED', 'IN_PROGRESS')))""".formatted(DrawScope.CONDITION)))
                .bind("by", caller.subject())
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .flatMap(n -> n == 1
                        ? announce(id)
                        : Mono.error(ApiException.conflict(
                                "draw-not-publishable",
                                "draw " + id + " is already "
                                        + "published, not completed, or has open tasks before its publication date")))
                .as(tx::transactional);
    }

    private record Published(
            UUID planId,
            String cityCode,
            String periodMonth,
            String keyIndustry,
            String seedHash,
            String seed,
            List<DrawAlgorithm.Pick> picks,
            OffsetDateTime publishedAt) {}

    /**
     * Inside the publish transaction: the drawn units with their names, counties and strata, and the seed so anyone
     * can re-check the draw, go to the outbox keyed by draw id. Names and counties come from the projection in one
     * query.
     */
    private Mono<Void> announce(UUID id) {
        return db.sql("""
                        SELECT plan_id, city_code, period_month, seed_hash, seed, parameters ->> 'keyIndustry' AS industry,
                               result::text AS result, published_at
                        FROM draw WHERE id = :id""")
                .bind("id", id)
                .map(r -> new Published(
                        r.get("plan_id", UUID.class),
                        r.get("city_code", String.class),
                        r.get("period_month", String.class),
                        r.get("industry", String.class),
                        r.get("seed_hash", String.class),
                        r.get("seed", String.class),
                        json.readValue(r.get("result", String.class), PICKS),
                        r.get("published_at", OffsetDateTime.class)))
                .one()
                .flatMap(d -> db.sql("""
                                SELECT permit_number, unit_name, COALESCE(county_code, division_code) AS county
                                FROM directory_unit WHERE permit_number = ANY(:permits)""")
                        .bind(
                                "permits",
                                d.picks().stream()
                                        .map(DrawAlgorithm.Pick::permitNumber)
                                        .toArray(String[]::new))
                        .map(r -> Map.entry(
                                r.get("permit_number", String.class),
                                new DrawEvents.UnitInfo(
                                        r.get("unit_name", String.class), r.get("county", String.class))))
                        .all()
                        .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                        .map(directory -> new DrawPublished(
                                id,
                                d.planId(),
                                d.cityCode(),
                                d.periodMonth(),
                                d.keyIndustry(),
                                d.seedHash(),
                                d.seed(),
                                DrawEvents.units(d.picks(), directory),
                                d.publishedAt())))
                .flatMap(event -> outbox.append(
                        OutboxMessage.of(InspectionTopics.DRAWS, id.toString(), DrawPublished.TYPE, event)))
                .then(audit.record("draw.publish", "draw", id.toString(), Map.of()));
    }
}
