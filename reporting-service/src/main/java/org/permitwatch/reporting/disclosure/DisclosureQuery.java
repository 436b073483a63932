package org.permitwatch.reporting.disclosure;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.events.vocabulary.KeyIndustry;
import org.permitwatch.events.vocabulary.ViolationType;
import org.permitwatch.reporting.catalog.DivisionNames;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Published draws and the results of inspections of their units: one page query, one count, one detail query. */
@Component
class DisclosureQuery {

    /**
     * An inspection is public when its unit was in a draw published for the month the inspection took place in
     * (draw results are published after the visits, so an unpublished draw's inspections stay confidential).
     */
    private static final String PUBLIC_INSPECTION = """
            FROM rm_inspection i
            WHERE EXISTS (SELECT 1 FROM rm_draw_unit u JOIN rm_draw d ON d.draw_id = u.draw_id
                          WHERE d.published_at IS NOT NULL AND u.permit_number = i.permit_number
                            AND d.period_month = to_char(i.inspected_at AT TIME ZONE :zone, 'YYYY-MM'))
              AND (CAST(:city AS text) IS NULL OR i.city_code = :city)
              AND (CAST(:month AS text) IS NULL OR to_char(i.inspected_at AT TIME ZONE :zone, 'YYYY-MM') = :month)
            """;

    private final DatabaseClient db;
    private final DivisionNames names;
    private final DisclosureDeadlines deadlines;
    private final InspectingAuthority authority;

    private final BureauClock clock;

    DisclosureQuery(
            DatabaseClient db,
            DivisionNames names,
            DisclosureDeadlines deadlines,
            InspectingAuthority authority,
            BureauClock clock) {
        this.clock = clock;
        this.db = db;
        this.names = names;
        this.deadlines = deadlines;
        this.authority = authority;
    }

    /**
     * The day a draw's checks ended: the latest due date of its tasks, else the last day of the drawn month (a draw
     * whose task events have not arrived yet is held to its month).
     */
    static final String CHECKS_ENDED = """
            coalesce((SELECT max(t.due_date) FROM rm_task t WHERE t.draw_id = d.draw_id),
                     (to_date(d.period_month || '-01', 'YYYY-MM-DD') + interval '1 month' - interval '1 day')::date)""";

    Mono<PageResponse<PublicViews.Draw>> draws(String city, String month, Paging paging) {
        String where = """
                FROM rm_draw d WHERE d.published_at IS NOT NULL
                  AND (CAST(:city AS text) IS NULL OR d.city_code = :city)
                  AND (CAST(:month AS text) IS NULL OR d.period_month = :month)""";
        Mono<Long> total = filters(db.sql("SELECT count(*) AS n " + where), city, month)
                .map(r -> r.get("n", Long.class))
                .one();
        // The plan row is the drawn industry's row of the plan the draw names (附件3 as published).
        Mono<List<PublicViews.Draw>> page = filters(
                        db.sql("SELECT d.draw_id, d.city_code, d.period_month, "
                                + "d.key_industry, d.seed_hash, d.seed, d.published_at, "
                                + "(d.published_at AT TIME ZONE :zone)::date AS published_on, " + CHECKS_ENDED
                                + " AS checks_ended_on, "
                                + """
                p.plan_id, p.year, p.title, r.row ->> 'category' AS category, r.row ->> 'method' AS method,
                CAST(r.row ->> 'ratio' AS numeric) AS ratio, r.row ->> 'frequencyPeriod' AS frequency_period,
                CAST(r.row ->> 'frequencyTimes' AS integer) AS frequency_times
                """ + where.replace("FROM rm_draw d", """
                FROM rm_draw d
                LEFT JOIN rm_plan p ON p.plan_id = d.plan_id
                LEFT JOIN LATERAL (SELECT x AS row FROM jsonb_array_elements(p.rows) x
                                   WHERE x ->> 'keyIndustry' = d.key_industry ORDER BY (x ->> 'rowNo')::int LIMIT 1) r
                       ON true""")
                                + " ORDER BY d.published_at DESC, d.draw_id LIMIT :limit OFFSET :offset"),
                        city,
                        month)
                .bind("zone", clock.zone().getId())
                .bind("limit", paging.size())
                .bind("offset", paging.offset())
                .map(r -> {
                    String cityCode = r.get("city_code", String.class);
                    LocalDate checksEnded = r.get("checks_ended_on", LocalDate.class);
                    DisclosureDeadlines.Due due = deadlines.results(checksEnded);
                    LocalDate publishedOn = r.get("published_on", LocalDate.class);
                    UUID planId = r.get("plan_id", UUID.class);
                    PublicViews.PlanRef plan = planId == null
                            ? null
                            : new PublicViews.PlanRef(
                                    planId,
                                    r.get("year", Integer.class),
                                    r.get("title", String.class),
                                    r.get("category", String.class),
                                    r.get("method", String.class),
                                    r.get("ratio", java.math.BigDecimal.class),
                                    r.get("frequency_period", String.class),
                                    r.get("frequency_times", Integer.class));
                    return new PublicViews.Draw(
                            r.get("draw_id", UUID.class),
                            cityCode,
                            names.nameOf(cityCode),
                            authority.of(cityCode),
                            r.get("period_month", String.class),
                            industry(r.get("key_industry", String.class)),
                            r.get("seed_hash", String.class),
                            r.get("seed", String.class),
                            r.get("published_at", OffsetDateTime.class),
                            plan,
                            checksEnded,
                            due.dueOn(),
                            due.dueOn() == null ? null : !publishedOn.isAfter(due.dueOn()),
                            due.note(),
                            List.of());
                })
                .all()
                .collectList()
                .flatMap(this::withUnits);
        return Mono.zip(page, total).map(t -> paging.page(t.getT1(), t.getT2()));
    }

    private Mono<List<PublicViews.Draw>> withUnits(List<PublicViews.Draw> draws) {
        if (draws.isEmpty()) {
            return Mono.just(draws);
        }
        UUID[] ids = draws.stream().map(PublicViews.Draw::drawId).toArray(UUID[]::new);
        return db.sql("SELECT draw_id, seq, permit_number, unit_name, county_code, stratum FROM rm_draw_unit "
                        + "WHERE draw_id = ANY(:ids) ORDER BY draw_id, seq")
                .bind("ids", ids)
                .map(r -> Map.entry(
                        r.get("draw_id", UUID.class),
                        new PublicViews.DrawnUnit(
                                r.get("seq", Integer.class),
                                r.get("permit_number", String.class),
                                r.get("unit_name", String.class),
                                r.get("county_code", String.class),
                                names.nameOf(r.get("county_code", String.class)),
                                r.get("stratum", String.class))))
                .all()
                .collectList()
                .map(units -> {
                    Map<UUID, List<PublicViews.DrawnUnit>> byDraw = new HashMap<>();
                    units.forEach(e -> byDraw.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                            .add(e.getValue()));
                    return draws.stream()
                            .map(d -> new PublicViews.Draw(
                                    d.drawId(),
                                    d.cityCode(),
                                    d.cityName(),
                                    d.authority(),
                                    d.periodMonth(),
                                    d.industry(),
                                    d.seedHash(),
                                    d.seed(),
                                    d.publishedAt(),
                                    d.plan(),
                                    d.checksEndedOn(),
                                    d.resultsDueOn(),
                                    d.resultsPublishedOnTime(),
                                    d.deadlineNote(),
                                    byDraw.getOrDefault(d.drawId(), List.of())))
                            .toList();
                });
    }

    /**
     * 双公示 of penalty decisions: FINE and DAILY_CONTINUOUS (a NO_PENALTY decision is a 不予行政处罚决定, not a
     * 行政处罚, and is not part of it). Published as soon as the decision's event arrives.
     */
    Mono<PageResponse<PublicViews.PenaltyDecision>> penalties(String city, String month, Paging paging) {
        String where = """
                FROM rm_penalty p JOIN rm_case c ON c.case_id = p.case_id
                WHERE p.kind IN ('FINE', 'DAILY_CONTINUOUS')
                  AND (CAST(:city AS text) IS NULL OR p.city_code = :city)
                  AND (CAST(:month AS text) IS NULL OR to_char(p.decided_at AT TIME ZONE :zone, 'YYYY-MM') = :month)
                """;
        Mono<Long> total = filters(db.sql("SELECT count(*) AS n " + where), city, month)
                .bind("zone", clock.zone().getId())
                .map(r -> r.get("n", Long.class))
                .one();
        Mono<List<PublicViews.PenaltyDecision>> page = filters(
                        db.sql("""
                        SELECT p.decision_id, c.case_no, c.unit_name, p.permit_number, p.city_code, p.county_code,
                               coalesce(p.violation_type, c.violation_type) AS violation_type, c.article, p.kind,
                               p.amount_yuan, (p.decided_at AT TIME ZONE :zone)::date AS decided_on
                        """ + where + " ORDER BY p.decided_at DESC, p.decision_id LIMIT :limit OFFSET :offset"),
                        city,
                        month)
                .bind("zone", clock.zone().getId())
                .bind("limit", paging.size())
                .bind("offset", paging.offset())
                .map(r -> {
                    LocalDate decidedOn = r.get("decided_on", LocalDate.class);
                    DisclosureDeadlines.Due due = deadlines.decision(decidedOn);
                    String type = r.get("violation_type", String.class);
                    return new PublicViews.PenaltyDecision(
                            r.get("decision_id", UUID.class),
                            r.get("case_no", String.class),
                            r.get("unit_name", String.class),
                            r.get("permit_number", String.class),
                            r.get("city_code", String.class),
                            r.get("county_code", String.class),
                            names.nameOf(r.get("county_code", String.class)),
                            authority.of(r.get("city_code", String.class)),
                            type == null
                                    ? null
                                    : ViolationType.parse(type)
                                            .map(ViolationType::label)
                                            .orElse(type),
                            r.get("article", String.class),
                            r.get("kind", String.class),
                            r.get("amount_yuan", java.math.BigDecimal.class),
                            decidedOn,
                            due.dueOn(),
                            due.note());
                })
                .all()
                .collectList();
        return Mono.zip(page, total).map(t -> paging.page(t.getT1(), t.getT2()));
    }

    Mono<PageResponse<PublicViews.InspectionResult>> inspections(String city, String month, Paging paging) {
        Mono<Long> total = filters(db.sql("SELECT count(*) AS n " + PUBLIC_INSPECTION), city, month)
                .bind("zone", clock.zone().getId())
                .map(r -> r.get("n", Long.class))
                .one();
        Mono<List<PublicViews.InspectionResult>> page = filters(
                        db.sql("""
                        SELECT i.record_id, i.permit_number, i.unit_name, i.city_code, i.county_code, i.key_industry,
                               (i.inspected_at AT TIME ZONE :zone)::date AS inspected_on, i.non_compliant
                        """ + PUBLIC_INSPECTION
                                + " ORDER BY i.inspected_at DESC, i.record_id LIMIT :limit OFFSET :offset"),
                        city,
                        month)
                .bind("zone", clock.zone().getId())
                .bind("limit", paging.size())
                .bind("offset", paging.offset())
                .map(r -> new PublicViews.InspectionResult(
                        r.get("record_id", UUID.class),
                        r.get("permit_number", String.class),
                        r.get("unit_name", String.class),
                        r.get("city_code", String.class),
                        r.get("county_code", String.class),
                        names.nameOf(r.get("county_code", String.class)),
                        industry(r.get("key_industry", String.class)),
                        r.get("inspected_on", LocalDate.class),
                        null,
                        List.of(),
                        null))
                .all()
                .collectList()
                .flatMap(this::withResults);
        return Mono.zip(page, total).map(t -> paging.page(t.getT1(), t.getT2()));
    }

    /** Violation types and rectification state of the page's records, two queries for the whole page. */
    private Mono<List<PublicViews.InspectionResult>> withResults(List<PublicViews.InspectionResult> rows) {
        if (rows.isEmpty()) {
            return Mono.just(rows);
        }
        UUID[] ids = rows.stream().map(PublicViews.InspectionResult::recordId).toArray(UUID[]::new);
        Mono<Map<UUID, List<String>>> types = db.sql("""
                        SELECT record_id, violation_type FROM rm_finding
                        WHERE record_id = ANY(:ids) AND status = 'ACTIVE' ORDER BY record_id, item_no, violation_type""")
                .bind("ids", ids)
                .map(r -> Map.entry(r.get("record_id", UUID.class), r.get("violation_type", String.class)))
                .all()
                .collectList()
                .map(list -> {
                    Map<UUID, List<String>> out = new HashMap<>();
                    list.forEach(e -> {
                        List<String> labels = out.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                        String label = ViolationType.parse(e.getValue())
                                .map(ViolationType::label)
                                .orElse(e.getValue());
                        if (!labels.contains(label)) {
                            labels.add(label);
                        }
                    });
                    return out;
                });
        Mono<Map<UUID, String>> rectification = db.sql("""
                        SELECT c.record_id,
                               count(r.rectification_id) AS total,
                               count(r.rectification_id) FILTER (WHERE r.completed_at IS NOT NULL) AS completed,
                               count(r.rectification_id) FILTER (WHERE r.completed_at IS NULL AND r.overdue_at IS NOT NULL) AS overdue
                        FROM rm_case c JOIN rm_rectification r ON r.case_id = c.case_id
                        WHERE c.record_id = ANY(:ids) GROUP BY c.record_id""")
                .bind("ids", ids)
                .map(r -> {
                    long all = r.get("total", Long.class);
                    long done = r.get("completed", Long.class);
                    long overdue = r.get("overdue", Long.class);
                    String state = overdue > 0 ? "OVERDUE" : done == all ? "COMPLETED" : "IN_PROGRESS";
                    return Map.entry(r.get("record_id", UUID.class), state);
                })
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
        return Mono.zip(types, rectification)
                .map(t -> rows.stream()
                        .map(row -> {
                            List<String> found = t.getT1().getOrDefault(row.recordId(), List.of());
                            return new PublicViews.InspectionResult(
                                    row.recordId(),
                                    row.permitNumber(),
                                    row.unitName(),
                                    row.cityCode(),
                                    row.countyCode(),
                                    row.countyName(),
                                    row.industry(),
                                    row.inspectedOn(),
                                    found.isEmpty() ? "COMPLIANT" : "NON_COMPLIANT",
                                    found,
                                    t.getT2().getOrDefault(row.recordId(), "NONE"));
                        })
                        .toList());
    }

    private static DatabaseClient.GenericExecuteSpec filters(
            DatabaseClient.GenericExecuteSpec spec, String city, String month) {
        return spec.bind("city", city == null ? io.r2dbc.spi.Parameters.in(String.class) : city)
                .bind("month", month == null ? io.r2dbc.spi.Parameters.in(String.class) : month);
    }

    private static String industry(String code) {
        return code == null ? null : KeyIndustry.parse(code).label();
    }
}
