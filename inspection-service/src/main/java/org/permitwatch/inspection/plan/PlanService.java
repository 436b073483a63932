package org.permitwatch.inspection.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.events.inspection.PlanPublished;
import org.permitwatch.support.web.Paging;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.outbox.OutboxMessage;
import org.permitwatch.support.outbox.OutboxWriter;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.Caller;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Saves plans with their monthly breakdown, denominators and capacity check; reads and publishes them. */
@Service
class PlanService {

    /** The denominator rule, stated in every plan response so the ratio can be checked by hand. */
    static final String DENOMINATOR_RULE = "units of the city in directory_unit with status VALID and management "
            + "category KEY or SIMPLIFIED (holders of a permit; registrations and units without a valid permit do "
            + "not count), per key industry, counted when the plan is saved";

    private final DatabaseClient db;
    private final AuditLog audit;
    private final JsonMapper json;
    private final PlanProperties properties;
    private final TransactionalOperator tx;
    private final OutboxWriter outbox;

    PlanService(DatabaseClient db, AuditLog audit, JsonMapper json, PlanProperties properties,
                ReactiveTransactionManager transactions, OutboxWriter outbox) {
        this.db = db;
        this.audit = audit;
        this.outbox = outbox;
        this.json = json;
        this.properties = properties;
        this.tx = TransactionalOperator.create(transactions);
    }

    Mono<UUID> create(PlanRequests.CreatePlan request, Caller caller) {
        validate(request);
        String city = caller.division().value();
        int start = request.startMonth() == null ? 1 : request.startMonth();
        UUID planId = UUID.randomUUID();
        return Mono.zip(denominators(city), inspectorsOnPost(city)).flatMap(t -> {
            Map<String, Integer> denominators = t.getT1();
            int[] fieldUnits = new int[12];
            List<Mono<Void>> inserts = new ArrayList<>();
            for (PlanRequests.Row row : request.rows()) {
                int denominator = denominators.getOrDefault(row.keyIndustry(), 0);
                int perRound = row.ratio().multiply(BigDecimal.valueOf(denominator))
                        .setScale(0, RoundingMode.CEILING).intValueExact();
                int[] rounds = MonthBreakdown.rounds(row.frequencyPeriod(), row.frequencyTimes(), start);
                UUID rowId = UUID.randomUUID();
                inserts.add(insertRow(planId, rowId, row, denominator, perRound));
                for (int m = 1; m <= 12; m++) {
                    if (rounds[m - 1] > 0) {
                        inserts.add(insertMonth(rowId, m, rounds[m - 1], rounds[m - 1] * perRound));
                        if (row.category() != PlanCategory.REMOTE_SUPERVISION) {
                            fieldUnits[m - 1] += rounds[m - 1] * perRound;
                        }
                    }
                }
            }
            CapacityCheck.Result capacity = CapacityCheck.evaluate(fieldUnits, start, t.getT2(), properties);
            return db.sql("""
                            INSERT INTO inspection_plan (id, city_code, plan_year, title, status, capacity, created_by)
                            VALUES (:id, :city, :year, :title, 'DRAFT', CAST(:capacity AS jsonb), :by)""")
                    .bind("id", planId).bind("city", city).bind("year", request.year())
                    .bind("title", request.title().trim()).bind("capacity", json.writeValueAsString(capacity))
                    .bind("by", caller.subject()).then()
                    .then(Flux.concat(inserts).then())
                    .then(audit.record("plan.create", "plan", planId.toString(),
                            Map.of("year", request.year(), "rows", request.rows().size(),
                                    "capacitySufficient", capacity.sufficient())))
                    .as(tx::transactional)
                    .thenReturn(planId);
        });
    }

    private static void validate(PlanRequests.CreatePlan request) {
        List<FieldProblem> problems = new ArrayList<>();
        Set<Integer> rowNos = new HashSet<>();
        Set<String> industries = new HashSet<>();
        for (int i = 0; i < request.rows().size(); i++) {
            PlanRequests.Row row = request.rows().get(i);
            if (!rowNos.add(row.rowNo())) {
                problems.add(new FieldProblem("rows[" + i + "].rowNo", "duplicate row number", row.rowNo()));
            }
            if (!industries.add(row.keyIndustry() + "/" + row.category())) {
                problems.add(new FieldProblem("rows[" + i + "].keyIndustry",
                        "one row per industry and category", row.keyIndustry()));
            }
            if (row.category() == PlanCategory.DOUBLE_RANDOM && !row.doubleRandom()) {
                problems.add(new FieldProblem("rows[" + i + "].doubleRandom",
                        "a DOUBLE_RANDOM row is part of the double-random scheme", false));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(ProblemCodes.VALIDATION_FAILED, "request validation failed", problems);
        }
    }

    private Mono<Void> insertRow(UUID planId, UUID rowId, PlanRequests.Row row, int denominator, int perRound) {
        var spec = db.sql("""
                        INSERT INTO plan_row (id, plan_id, row_no, key_industry, category, method, double_random, ratio,
                                              frequency_period, frequency_times, content_daily, content_special,
                                              operating_method, cooperating_agencies, denominator, units_per_round)
                        VALUES (:id, :plan, :rowNo, :industry, :category, :method, :dr, :ratio, :period, :times,
                                :daily, :special, :operating, :agencies, :denominator, :perRound)""")
                .bind("id", rowId).bind("plan", planId).bind("rowNo", row.rowNo()).bind("industry", row.keyIndustry())
                .bind("category", row.category().name()).bind("method", row.method().name())
                .bind("dr", row.doubleRandom()).bind("ratio", row.ratio())
                .bind("period", row.frequencyPeriod().name()).bind("times", row.frequencyTimes())
                .bind("agencies", (row.cooperatingAgencies() == null ? List.<String>of() : row.cooperatingAgencies())
                        .toArray(String[]::new))
                .bind("denominator", denominator).bind("perRound", perRound);
        spec = nullable(spec, "daily", row.contentDaily());
        spec = nullable(spec, "special", row.contentSpecial());
        spec = nullable(spec, "operating", row.operatingMethod());
        return spec.then();
    }

    private static DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name,
                                                              String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }

    private Mono<Void> insertMonth(UUID rowId, int month, int rounds, int units) {
        return db.sql("INSERT INTO plan_row_month (row_id, month, rounds, planned_units) VALUES (:row, :m, :r, :u)")
                .bind("row", rowId).bind("m", month).bind("r", rounds).bind("u", units).then();
    }

    Mono<Map<String, Integer>> denominators(String cityCode) {
        return db.sql("""
                        SELECT key_industry, count(*) AS n FROM directory_unit
                        WHERE city_code = :city AND status = 'VALID' AND management_category IN ('KEY', 'SIMPLIFIED')
                        GROUP BY key_industry""")
                .bind("city", cityCode)
                .map(r -> Map.entry(r.get("key_industry", String.class), r.get("n", Long.class).intValue()))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
    }

    private Mono<Integer> inspectorsOnPost(String cityCode) {
        return db.sql("SELECT count(*) AS n FROM inspector WHERE on_post AND division_code LIKE :city")
                .bind("city", cityCode.substring(0, 4) + "%")
                .map(r -> r.get("n", Long.class).intValue()).one();
    }

    Flux<PlanViews.PlanSummary> list(String divisionLike, Integer year, Paging paging) {
        return yearFilter(db.sql("""
                        SELECT id, city_code, plan_year, title, status, (capacity ->> 'sufficient')::boolean AS ok,
                               created_at, published_at
                        FROM inspection_plan WHERE city_code LIKE :division
                          AND (CAST(:year AS int) IS NULL OR plan_year = CAST(:year AS int))
                        ORDER BY plan_year DESC, city_code, created_at DESC LIMIT :limit OFFSET :offset"""), year)
                .bind("division", divisionLike).bind("limit", paging.size()).bind("offset", paging.offset())
                .map(r -> new PlanViews.PlanSummary(r.get("id", UUID.class), r.get("city_code", String.class),
                        r.get("plan_year", Integer.class), r.get("title", String.class), r.get("status", String.class),
                        Boolean.TRUE.equals(r.get("ok", Boolean.class)), r.get("created_at", OffsetDateTime.class),
                        r.get("published_at", OffsetDateTime.class)))
                .all();
    }

    Mono<Long> count(String divisionLike, Integer year) {
        return yearFilter(db.sql("""
                        SELECT count(*) AS n FROM inspection_plan WHERE city_code LIKE :division
                          AND (CAST(:year AS int) IS NULL OR plan_year = CAST(:year AS int))"""), year)
                .bind("division", divisionLike).map(r -> r.get("n", Long.class)).one();
    }

    private static DatabaseClient.GenericExecuteSpec yearFilter(DatabaseClient.GenericExecuteSpec spec, Integer year) {
        return year == null ? spec.bindNull("year", Integer.class) : spec.bind("year", year);
    }

    Mono<PlanViews.PlanDetail> find(UUID id, String divisionLike) {
        Mono<PlanViews.PlanDetail> head = db.sql("""
                        SELECT id, city_code, plan_year, title, status, created_by, created_at, published_at,
                               capacity::text AS capacity
                        FROM inspection_plan WHERE id = :id AND city_code LIKE :division""")
                .bind("id", id).bind("division", divisionLike)
                .map(r -> new PlanViews.PlanDetail(r.get("id", UUID.class), r.get("city_code", String.class),
                        r.get("plan_year", Integer.class), r.get("title", String.class), r.get("status", String.class),
                        r.get("created_by", String.class), r.get("created_at", OffsetDateTime.class),
                        r.get("published_at", OffsetDateTime.class), DENOMINATOR_RULE, List.of(),
                        json.readValue(r.get("capacity", String.class), CapacityCheck.Result.class)))
                .one();
        return head.flatMap(plan -> rows(id).collectList().map(rows -> new PlanViews.PlanDetail(plan.id(),
                plan.cityCode(), plan.year(), plan.title(), plan.status(), plan.createdBy(), plan.createdAt(),
                plan.publishedAt(), plan.denominatorRule(), rows, plan.capacity())));
    }

    private Flux<PlanViews.Row> rows(UUID planId) {
        return db.sql("""
                        SELECT r.*, ARRAY(SELECT m.month FROM plan_row_month m WHERE m.row_id = r.id ORDER BY m.month) AS ms,
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
                    return new PlanViews.Row(r.get("id", UUID.class), r.get("row_no", Integer.class),
                            r.get("key_industry", String.class), PlanCategory.valueOf(r.get("category", String.class)),
                            PlanMethod.valueOf(r.get("method", String.class)),
                            Boolean.TRUE.equals(r.get("double_random", Boolean.class)),
                            r.get("ratio", BigDecimal.class),
                            FrequencyPeriod.valueOf(r.get("frequency_period", String.class)),
                            r.get("frequency_times", Integer.class), r.get("content_daily", String.class),
                            r.get("content_special", String.class), r.get("operating_method", String.class),
                            List.of(r.get("cooperating_agencies", String[].class)),
                            r.get("denominator", Integer.class), r.get("units_per_round", Integer.class),
                            List.copyOf(months));
                })
                .all();
    }

    /** DRAFT → PUBLISHED, only by the plan's own city (or the province); publishing twice is a conflict. */
    Mono<Void> publish(UUID id, Caller caller) {
        return db.sql("""
                        UPDATE inspection_plan SET status = 'PUBLISHED', published_at = now(), published_by = :by,
                               updated_at = now()
                        WHERE id = :id AND city_code LIKE :division AND status = 'DRAFT'""")
                .bind("by", caller.subject()).bind("id", id).bind("division", caller.division().likePattern())
                .fetch().rowsUpdated()
                .flatMap(n -> n == 1 ? announce(id, caller)
                        : db.sql("SELECT status FROM inspection_plan WHERE id = :id AND city_code LIKE :division")
                                .bind("id", id).bind("division", caller.division().likePattern())
                                .map(r -> r.get("status", String.class)).one()
                                .switchIfEmpty(Mono.error(() -> ApiException.notFound(ProblemCodes.NOT_FOUND,
                                        "no plan " + id + " in your division")))
                                .flatMap(s -> Mono.error(ApiException.conflict("plan-already-published",
                                        "plan " + id + " is already published"))))
                .as(tx::transactional);
    }

    /** Inside the publish transaction: the full snapshot as stored goes to the outbox with the audit entry. */
    private Mono<Void> announce(UUID id, Caller caller) {
        return find(id, caller.division().likePattern())
                .map(plan -> PlanEvents.published(plan, caller.subject()))
                .flatMap(event -> outbox.append(OutboxMessage.of(InspectionTopics.PLANS, id.toString(),
                        PlanPublished.TYPE, event)))
                .then(audit.record("plan.publish", "plan", id.toString(), Map.of()));
    }
}
