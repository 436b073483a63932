package org.permitwatch.inspection.draw;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.LocalDate;
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
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.inspection.plan.Stratum;
import org.permitwatch.inspection.plan.StratumFloors;
import org.permitwatch.inspection.remote.DrawnUnitsRemoteCheck;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.outbox.OutboxMessage;
import org.permitwatch.support.outbox.OutboxWriter;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.tx.WholeTransactions;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The province's own random remote checks (晋环发〔2022〕18号 三(二): 省生态环境执法局…采取随机抽取和靶向核查相结合…
 * 开展远程核查). A draw like the cities' (ADR 0007: commit–reveal, fingerprinted inputs, same algorithm, verifiable)
 * over the units of the chosen cities of the province, per stratum at the requested ratios, plus targeted units
 * (靶向核查). It assigns no officer (desk work) and makes no task; instead the remote rules run over the drawn units in
 * the same transaction, and the run is recorded with the draw (ADR 0013).
 */
@Service
class ProvinceRemoteDraw {

    private static final SecureRandom SEEDS = new SecureRandom();

    private final DatabaseClient db;
    private final DrawnUnitsRemoteCheck remoteChecks;
    private final StratumFloors floors;
    private final OutboxWriter outbox;
    private final AuditLog audit;
    private final tools.jackson.databind.json.JsonMapper json;
    private final DrawProperties properties;
    private final TransactionalOperator tx;

    private final BureauClock clock;

    ProvinceRemoteDraw(
            DatabaseClient db,
            DrawnUnitsRemoteCheck remoteChecks,
            StratumFloors floors,
            OutboxWriter outbox,
            AuditLog audit,
            tools.jackson.databind.json.JsonMapper json,
            DrawProperties properties,
            ReactiveTransactionManager transactions,
            BureauClock clock) {
        this.clock = clock;
        this.db = db;
        this.remoteChecks = remoteChecks;
        this.floors = floors;
        this.outbox = outbox;
        this.audit = audit;
        this.json = json;
        this.properties = properties;
        this.tx = WholeTransactions.create(transactions);
    }

    /**
     * @param ratios              share per stratum, keyed SPECIAL/KEY/GENERAL (a missing stratum draws nothing)
     * @param cityCodes           the cities drawn from; empty = every city of the province
     * @param keyIndustries       the industries drawn from; empty = all
     * @param includeRegistration whether 登记管理 units are in the population
     * @param targeted            units always checked (靶向核查), not counted in any quota
     */
    record Request(
            YearMonth month,
            Map<String, BigDecimal> ratios,
            List<String> cityCodes,
            List<String> keyIndustries,
            boolean includeRegistration,
            List<String> targeted) {}

    Mono<UUID> draw(Request request, Caller caller) {
        checkFloors(request.ratios());
        String province = caller.division().value();
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < request.cityCodes().size(); i++) {
            String city = request.cityCodes().get(i);
            if (!caller.division().contains(city) || city.equals(province) || !city.endsWith("00")) {
                problems.add(new FieldProblem("cityCodes[" + i + "]", "not a city of your province", city));
            }
        }
        if (!problems.isEmpty()) {
            return Mono.error(
                    ApiException.badRequest(ProblemCodes.VALIDATION_FAILED, "request validation failed", problems));
        }
        return targeted(request.targeted(), caller.division().likePattern())
                .flatMap(targeted -> commit(request, caller).flatMap(c -> run(c, request, targeted, caller)));
    }

    /** 422 naming {@code ratios.<STRATUM>} below the province floor (permitwatch.plan.stratum-floors.province). */
    private void checkFloors(Map<String, BigDecimal> ratios) {
        List<FieldProblem> problems = new ArrayList<>();
        for (Stratum s : Stratum.values()) {
            BigDecimal ratio = ratios.getOrDefault(s.name(), BigDecimal.ZERO);
            BigDecimal floor = floors.province().of(s).share();
            if (ratio.compareTo(floor) < 0) {
                problems.add(new FieldProblem(
                        "ratios." + s,
                        s + " ratio " + ratio.toPlainString() + " is below the province floor " + floor.toPlainString(),
                        ratio));
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "ratio-below-floor",
                    null,
                    "a stratum ratio is below the configured floor (permitwatch.plan.stratum-floors.province)",
                    problems);
        }
    }

    private Mono<List<DrawAlgorithm.Candidate>> targeted(List<String> permitNumbers, String provinceLike) {
        List<String> wanted = List.copyOf(new TreeSet<>(permitNumbers));
        if (wanted.isEmpty()) {
            return Mono.just(List.of());
        }
        return db.sql("""
                        SELECT permit_number, COALESCE(version, 0) AS version, COALESCE(source_type, 'GENERAL') AS stratum
                        FROM directory_unit WHERE permit_number = ANY(:permits) AND division_code LIKE :province""")
                .bind("permits", wanted.toArray(String[]::new))
                .bind("province", provinceLike)
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
                                    "targeted[" + i + "]", "no unit of your province", permitNumbers.get(i)));
                        }
                    }
                    return problems.isEmpty()
                            ? Mono.just(found)
                            : Mono.error(ApiException.badRequest(
                                    ProblemCodes.VALIDATION_FAILED, "request validation failed", problems));
                });
    }

    private record Commitment(UUID drawId, String seed, String seedHash) {}

    /** Step 1 (ADR 0007): the seed's hash is stored and committed before any unit is read. */
    private Mono<Commitment> commit(Request request, Caller caller) {
        byte[] seed = new byte[32];
        SEEDS.nextBytes(seed);
        Commitment c = new Commitment(UUID.randomUUID(), HexFormat.of().formatHex(seed), Fingerprints.sha256Hex(seed));
        String province = caller.division().value();
        return db.sql("""
                        INSERT INTO draw (id, city_code, period_month, status, seed_hash, created_by, level, division_code)
                        VALUES (:id, :province, :month, 'COMMITTED', :hash, :by, 'PROVINCE', :province)""")
                .bind("id", c.drawId())
                .bind("province", province)
                .bind("month", request.month().toString())
                .bind("hash", c.seedHash())
                .bind("by", caller.subject())
                .then()
                .then(audit.record(
                        "draw.commit",
                        "draw",
                        c.drawId().toString(),
                        Map.of("seedHash", c.seedHash(), "level", "PROVINCE")))
                .as(tx::transactional)
                .thenReturn(c);
    }

    /** Step 2: population, draw, reveal, the remote run over the drawn units — one transaction. */
    private Mono<UUID> run(Commitment c, Request request, List<DrawAlgorithm.Candidate> targeted, Caller caller) {
        Mono<UUID> work = population(request, caller.division().likePattern()).flatMap(pop -> {
            Map<String, Integer> denominators = new LinkedHashMap<>();
            DrawAlgorithm.STRATA.forEach(s -> denominators.put(s, 0));
            pop.forEach(u -> denominators.merge(u.stratum(), 1, Integer::sum));
            Map<String, Integer> quotas = Quotas.of(pop, denominators, request.ratios(), Map.of());
            DrawAlgorithm.Input input = new DrawAlgorithm.Input(c.seed(), pop, targeted, quotas, List.of(), 0);
            DrawViews.Parameters parameters = new DrawViews.Parameters(
                    DrawService.ALGORITHM,
                    null,
                    null,
                    0,
                    null,
                    0,
                    denominators,
                    quotas,
                    Map.of(),
                    "PROVINCE",
                    caller.division().value(),
                    ratios(request.ratios()),
                    request.includeRegistration(),
                    List.of(),
                    request.cityCodes(),
                    request.keyIndustries());
            return Mono.fromCallable(() -> DrawAlgorithm.run(input))
                    .subscribeOn(Schedulers.parallel())
                    .flatMap(picks -> complete(c, request, input, parameters, picks, caller));
        });
        return work.as(tx::transactional)
                .onErrorResume(
                        ApiException.class,
                        e -> db.sql("UPDATE draw SET status = 'FAILED', seed = :seed, "
                                        + "failure = :failure, completed_at = now() WHERE id = :id")
                                .bind("seed", c.seed())
                                .bind("failure", e.getMessage())
                                .bind("id", c.drawId())
                                .then()
                                .then(Mono.error(e)));
    }

    private static Map<String, BigDecimal> ratios(Map<String, BigDecimal> requested) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        DrawAlgorithm.STRATA.forEach(s -> out.put(s, requested.getOrDefault(s, BigDecimal.ZERO)));
        return out;
    }

    /**
     * Units of the chosen cities and industries, whatever their permit status (an expired or revoked permit is what
     * the remote rules look for), permit holders and — if asked — 登记管理 units, without a verified closure.
     * Positive-list units stay in: they get mainly remote checks (DOMAIN.md §6). No exclusion window: a remote
     * check sends no one to the unit.
     */
    private Mono<List<DrawAlgorithm.Candidate>> population(Request request, String provinceLike) {
        return db.sql("""
                        SELECT u.permit_number, COALESCE(u.version, 0) AS version,
                               COALESCE(u.source_type, 'GENERAL') AS stratum
                        FROM directory_unit u
                        WHERE u.division_code LIKE :province
                          AND (cardinality(CAST(:cities AS text[])) = 0 OR u.city_code = ANY(CAST(:cities AS text[])))
                          AND (cardinality(CAST(:industries AS text[])) = 0
                               OR u.key_industry = ANY(CAST(:industries AS text[])))
                          AND (u.management_category IN ('KEY', 'SIMPLIFIED')
                               OR (:registration AND u.management_category = 'REGISTRATION'))
                          AND NOT EXISTS (SELECT 1 FROM remote_unit_closure c WHERE c.permit_number = u.permit_number)""")
                .bind("province", provinceLike)
                .bind("cities", request.cityCodes().toArray(String[]::new))
                .bind("industries", request.keyIndustries().toArray(String[]::new))
                .bind("registration", request.includeRegistration())
                .map(r -> new DrawAlgorithm.Candidate(
                        r.get("permit_number", String.class),
                        r.get("version", Long.class),
                        r.get("stratum", String.class)))
                .all()
                .collectList();
    }

    private Mono<UUID> complete(
            Commitment c,
            Request request,
            DrawAlgorithm.Input input,
            DrawViews.Parameters parameters,
            List<DrawAlgorithm.Pick> picks,
            Caller caller) {
        LocalDate publishNotBefore = request.month().atEndOfMonth().plusDays(properties.publishAfterDays());
        List<String> permits =
                picks.stream().map(DrawAlgorithm.Pick::permitNumber).toList();
        String eligibleLines = Fingerprints.unitLines(input.eligible());
        String eligibleFingerprint = Fingerprints.unitsOfLines(eligibleLines);
        return db.sql("""
                        UPDATE draw SET status = 'COMPLETED', seed = :seed, eligible_units = :eligible,
                               eligible_count = :eligibleCount, eligible_fingerprint = :ef,
                               targeted = CAST(:targeted AS jsonb),
                               inspectors = '[]'::jsonb, inspectors_fingerprint = :if,
                               parameters = CAST(:parameters AS jsonb), result = CAST(:result AS jsonb),
                               completed_at = now(), publish_not_before = :publish
                        WHERE id = :id AND status = 'COMMITTED'""")
                .bind("seed", c.seed())
                .bind("eligible", eligibleLines)
                .bind("eligibleCount", input.eligible().size())
                .bind("ef", eligibleFingerprint)
                .bind("targeted", json.writeValueAsString(input.targeted()))
                .bind("if", Fingerprints.inspectors(List.of()))
                .bind("parameters", json.writeValueAsString(parameters))
                .bind("result", json.writeValueAsString(picks))
                .bind("publish", publishNotBefore)
                .bind("id", c.drawId())
                .then()
                .then(Mono.defer(() -> remoteChecks.run(c.drawId(), caller.division(), permits, caller.subject())))
                .flatMap(run -> db.sql("UPDATE draw SET remote_check_run_id = :run WHERE id = :id")
                        .bind("run", run.runId())
                        .bind("id", c.drawId())
                        .then()
                        .then(outbox.append(OutboxMessage.of(
                                InspectionTopics.DRAWS,
                                c.drawId().toString(),
                                DrawCompleted.TYPE,
                                new DrawCompleted(
                                        c.drawId(),
                                        null,
                                        null,
                                        caller.division().value(),
                                        request.month().toString(),
                                        c.seedHash(),
                                        c.seed(),
                                        eligibleFingerprint,
                                        DrawAlgorithm.countByStratum(picks),
                                        0,
                                        clock.nowUtc()))))
                        .then(audit.record(
                                "draw.complete",
                                "draw",
                                c.drawId().toString(),
                                Map.of(
                                        "level",
                                        "PROVINCE",
                                        "units",
                                        picks.size(),
                                        "byStratum",
                                        DrawAlgorithm.countByStratum(picks),
                                        "eligibleFingerprint",
                                        eligibleFingerprint,
                                        "remoteCheckRunId",
                                        run.runId().toString(),
                                        "alertsRaised",
                                        run.raised()))))
                .thenReturn(c.drawId());
    }
}
