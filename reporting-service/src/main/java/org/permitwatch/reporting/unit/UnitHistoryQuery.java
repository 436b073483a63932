package org.permitwatch.reporting.unit;

import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.permitwatch.events.vocabulary.KeyIndustry;
import org.permitwatch.events.vocabulary.ViolationType;
import org.permitwatch.reporting.catalog.DivisionNames;
import org.permitwatch.reporting.catalog.ReportingProperties;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.time.BureauClock;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Loads one unit's history: whole-history totals and the quarter strip counted in SQL, and the newest {@link #LIMIT}
 * inspections, cases (with all their decisions and rectifications) and alerts as lists — one query each, no N+1.
 */
@Component
class UnitHistoryQuery {

    /** Bound of each list (a unit has a handful of records a year: decades of them); totals are never bounded. */
    static final int LIMIT = 500;

    private final DatabaseClient db;
    private final DivisionNames names;
    private final ReportingProperties properties;

    private final BureauClock clock;

    UnitHistoryQuery(DatabaseClient db, DivisionNames names, ReportingProperties properties, BureauClock clock) {
        this.clock = clock;
        this.db = db;
        this.names = names;
        this.properties = properties;
    }

    private record Header(String name, String city, String county, String industry, String category, String status) {}

    private record Finding(UUID id, UUID recordId, String type, OffsetDateTime inspectedAt) {}

    private record CaseRow(
            UUID id,
            String no,
            String type,
            String article,
            String origin,
            UUID findingId,
            UUID recordId,
            OffsetDateTime openedAt,
            OffsetDateTime closedAt) {}

    private record RectRow(
            UUID id,
            UUID caseId,
            LocalDate orderedOn,
            LocalDate deadline,
            OffsetDateTime overdueAt,
            OffsetDateTime completedAt,
            Boolean onTime) {}

    private record PenaltyRow(UUID caseId, PenaltyFact penalty) {}

    private record PenaltyFact(
            UUID decisionId, String kind, String rule, BigDecimal amount, Integer days, OffsetDateTime decidedAt) {}

    /** Empty when nothing is known of the unit, or when it lies outside {@code scope} (both become 404). */
    Mono<UnitHistory> history(String permit, DivisionCode scope, LocalDate asOf) {
        Mono<List<Header>> header = list(
                """
                SELECT unit_name, city_code, county_code, key_industry, category, status FROM (
                    SELECT 0 AS source, unit_name, city_code, county_code, key_industry,
                           management_category AS category, status FROM rm_unit WHERE permit_number = :p
                    UNION ALL
                    (SELECT 1, unit_name, city_code, county_code, key_industry, NULL, NULL FROM rm_inspection
                     WHERE permit_number = :p ORDER BY inspected_at DESC, record_id LIMIT 1)
                    UNION ALL
                    (SELECT 2, unit_name, city_code, county_code, key_industry, NULL, NULL FROM rm_case
                     WHERE permit_number = :p ORDER BY case_id LIMIT 1)) known
                ORDER BY source""",
                permit,
                r -> new Header(
                        r.get(0, String.class),
                        r.get(1, String.class),
                        r.get(2, String.class),
                        r.get(3, String.class),
                        r.get(4, String.class),
                        r.get(5, String.class)));
        return header.flatMap(headers -> {
            if (headers.isEmpty() || !scope.contains(headers.get(0).county())) {
                return Mono.empty();
            }
            Header h = headers.get(0);
            Mono<List<UnitHistory.Inspection>> inspections = list(
                    """
                    SELECT record_id, version, inspected_at, compliant, non_compliant, exceedances FROM rm_inspection
                    WHERE permit_number = :p ORDER BY inspected_at DESC, record_id LIMIT %d""".formatted(LIMIT),
                    permit,
                    r -> new UnitHistory.Inspection(
                            r.get(0, UUID.class),
                            r.get(1, Integer.class),
                            r.get(2, OffsetDateTime.class),
                            r.get(3, Integer.class),
                            r.get(4, Integer.class),
                            r.get(5, Integer.class),
                            List.of()));
            // The violation types of the listed inspections only (the same newest LIMIT records).
            Mono<List<Finding>> findings = list(
                    """
                    SELECT f.finding_id, f.record_id, f.violation_type, f.inspected_at FROM rm_finding f
                    WHERE f.permit_number = :p AND f.status = 'ACTIVE' AND f.record_id IN (
                        SELECT record_id FROM rm_inspection WHERE permit_number = :p
                        ORDER BY inspected_at DESC, record_id LIMIT %d)
                    ORDER BY f.inspected_at DESC, f.item_no""".formatted(LIMIT),
                    permit,
                    r -> new Finding(
                            r.get(0, UUID.class),
                            r.get(1, UUID.class),
                            r.get(2, String.class),
                            r.get(3, OffsetDateTime.class)));
            Mono<List<CaseRow>> cases = list(
                    """
                    SELECT case_id, case_no, violation_type, article, origin, finding_id, record_id, opened_at, closed_at
                    FROM rm_case WHERE permit_number = :p ORDER BY opened_at DESC NULLS LAST, case_id LIMIT %d""".formatted(LIMIT),
                    permit,
                    r -> new CaseRow(
                            r.get(0, UUID.class),
                            r.get(1, String.class),
                            r.get(2, String.class),
                            r.get(3, String.class),
                            r.get(4, String.class),
                            r.get(5, UUID.class),
                            r.get(6, UUID.class),
                            r.get(7, OffsetDateTime.class),
                            r.get(8, OffsetDateTime.class)));
            // Penalties and rectifications of the listed cases, however old: before, the oldest LIMIT penalties of
            // the unit were read, so a long history showed its newest cases without their decisions.
            Mono<List<PenaltyRow>> penalties = list(
                    """
                    SELECT case_id, decision_id, kind, no_penalty_rule, amount_yuan, days, decided_at FROM rm_penalty
                    WHERE permit_number = :p AND case_id IN (%s) ORDER BY decided_at, decision_id""".formatted(LISTED_CASES),
                    permit,
                    r -> new PenaltyRow(
                            r.get(0, UUID.class),
                            new PenaltyFact(
                                    r.get(1, UUID.class),
                                    r.get(2, String.class),
                                    r.get(3, String.class),
                                    r.get(4, BigDecimal.class),
                                    r.get(5, Integer.class),
                                    r.get(6, OffsetDateTime.class))));
            Mono<List<RectRow>> rects = list(
                    """
                    SELECT rectification_id, case_id, ordered_on, deadline, overdue_at, completed_at, completed_on_time
                    FROM rm_rectification WHERE permit_number = :p AND case_id IN (%s)
                    ORDER BY ordered_on NULLS LAST, rectification_id""".formatted(LISTED_CASES),
                    permit,
                    r -> new RectRow(
                            r.get(0, UUID.class),
                            r.get(1, UUID.class),
                            r.get(2, LocalDate.class),
                            r.get(3, LocalDate.class),
                            r.get(4, OffsetDateTime.class),
                            r.get(5, OffsetDateTime.class),
                            r.get(6, Boolean.class)));
            Mono<List<UnitHistory.Alert>> alerts = list(
                    """
                    SELECT alert_id, rule, status, violation_type, raised_at, changed_at FROM rm_alert
                    WHERE permit_number = :p ORDER BY changed_at DESC, alert_id LIMIT %d""".formatted(LIMIT),
                    permit,
                    r -> new UnitHistory.Alert(
                            r.get(0, UUID.class),
                            r.get(1, String.class),
                            r.get(2, String.class),
                            r.get(3, String.class),
                            r.get(4, OffsetDateTime.class),
                            r.get(5, OffsetDateTime.class)));
            Mono<List<UnitHistory.Quarter>> strip = strip(permit, asOf);
            Mono<Counts> counts = counts(permit);
            return Mono.zip(inspections, findings, cases, penalties, rects, alerts, strip, counts)
                    .map(t -> build(
                            permit, h, asOf, t.getT1(), t.getT2(), t.getT3(), t.getT4(), t.getT5(), t.getT6(),
                            t.getT7(), t.getT8()));
        });
    }

    /** The newest {@link #LIMIT} cases of the unit: the ones the page lists. */
    private static final String LISTED_CASES = """
            SELECT case_id FROM rm_case WHERE permit_number = :p ORDER BY opened_at DESC NULLS LAST, case_id
            LIMIT %d""".formatted(LIMIT);

    /** Whole-history totals, counted by the database: the lists are bounded, the totals must not be. */
    private record Counts(long inspections, long violations, long cases, BigDecimal fineYuan, long open) {}

    private Mono<Counts> counts(String permit) {
        return db.sql("""
                SELECT (SELECT count(*) FROM rm_inspection WHERE permit_number = :p),
                       (SELECT count(*) FROM rm_finding WHERE permit_number = :p AND status = 'ACTIVE'),
                       (SELECT count(*) FROM rm_case WHERE permit_number = :p),
                       (SELECT coalesce(sum(pe.amount_yuan), 0) FROM rm_penalty pe
                        JOIN rm_case c ON c.case_id = pe.case_id WHERE pe.permit_number = :p),
                       (SELECT count(*) FROM rm_rectification WHERE permit_number = :p AND completed_at IS NULL)""")
                .bind("p", permit)
                .map(r -> new Counts(
                        r.get(0, Long.class),
                        r.get(1, Long.class),
                        r.get(2, Long.class),
                        r.get(3, BigDecimal.class),
                        r.get(4, Long.class)))
                .one();
    }

    /**
     * The quarter strip, oldest first, ending with the quarter of {@code asOf}, computed in SQL over every record of
     * the window (not over the bounded lists). A quarter with violations is UNRESOLVED when a case of one of its
     * findings or records has a rectification not completed by the quarter's end (or by {@code asOf}, if earlier).
     */
    private Mono<List<UnitHistory.Quarter>> strip(String permit, LocalDate asOf) {
        ZoneId zone = clock.zone();
        LocalDate last = quarterStart(asOf);
        LocalDate first = last.minusMonths(3L * (properties.historyQuarters() - 1));
        return db.sql("""
                WITH quarters AS (
                    SELECT q::date AS q_from, (q + interval '3 months' - interval '1 day')::date AS q_to
                    FROM generate_series(CAST(:first AS date), CAST(:last AS date), interval '3 months') q),
                ins AS (
                    SELECT record_id, (inspected_at AT TIME ZONE :zone)::date AS d FROM rm_inspection
                    WHERE permit_number = :p AND inspected_at >= :since),
                fin AS (
                    SELECT finding_id, record_id, (inspected_at AT TIME ZONE :zone)::date AS d FROM rm_finding
                    WHERE permit_number = :p AND status = 'ACTIVE' AND inspected_at >= :since)
                SELECT q.q_from, q.q_to,
                       (SELECT count(*) FROM ins WHERE ins.d BETWEEN q.q_from AND q.q_to) AS inspections,
                       (SELECT count(*) FROM fin WHERE fin.d BETWEEN q.q_from AND q.q_to) AS violations,
                       EXISTS (SELECT 1 FROM rm_case c JOIN rm_rectification r ON r.case_id = c.case_id
                               WHERE c.permit_number = :p
                                 AND (c.finding_id IN (SELECT finding_id FROM fin
                                                       WHERE fin.d BETWEEN q.q_from AND q.q_to)
                                      OR c.record_id IN (SELECT record_id FROM ins
                                                         WHERE ins.d BETWEEN q.q_from AND q.q_to
                                                         UNION SELECT record_id FROM fin
                                                         WHERE fin.d BETWEEN q.q_from AND q.q_to))
                                 AND (r.completed_at IS NULL
                                      OR (r.completed_at AT TIME ZONE :zone)::date > LEAST(q.q_to, CAST(:asOf AS date))))
                           AS unresolved
                FROM quarters q ORDER BY q.q_from""")
                .bind("first", first)
                .bind("last", last)
                .bind("since", first.atStartOfDay(zone).toOffsetDateTime())
                .bind("zone", zone.getId())
                .bind("p", permit)
                .bind("asOf", asOf)
                .map(r -> {
                    LocalDate from = r.get("q_from", LocalDate.class);
                    long inspected = r.get("inspections", Long.class);
                    long violations = r.get("violations", Long.class);
                    String status = violations > 0
                            ? (Boolean.TRUE.equals(r.get("unresolved", Boolean.class)) ? "UNRESOLVED" : "VIOLATION")
                            : inspected > 0 ? "INSPECTED_COMPLIANT" : "NOT_INSPECTED";
                    return new UnitHistory.Quarter(
                            from.getYear() + "Q" + ((from.getMonthValue() - 1) / 3 + 1),
                            from,
                            r.get("q_to", LocalDate.class),
                            status,
                            inspected,
                            violations);
                })
                .all()
                .collectList();
    }

    private <T> Mono<List<T>> list(String sql, String permit, java.util.function.Function<Readable, T> mapper) {
        return db.sql(sql).bind("p", permit).map(mapper::apply).all().collectList();
    }

    private UnitHistory build(
            String permit,
            Header h,
            LocalDate asOf,
            List<UnitHistory.Inspection> inspections,
            List<Finding> findings,
            List<CaseRow> cases,
            List<PenaltyRow> penalties,
            List<RectRow> rects,
            List<UnitHistory.Alert> alerts,
            List<UnitHistory.Quarter> quarters,
            Counts counts) {
        Map<UUID, List<String>> typesByRecord = findings.stream()
                .collect(Collectors.groupingBy(
                        Finding::recordId, Collectors.mapping(f -> label(f.type()), Collectors.toList())));
        List<UnitHistory.Inspection> withTypes = inspections.stream()
                .map(i -> new UnitHistory.Inspection(
                        i.recordId(),
                        i.version(),
                        i.inspectedAt(),
                        i.compliant(),
                        i.nonCompliant(),
                        i.exceedances(),
                        typesByRecord.getOrDefault(i.recordId(), List.of())))
                .toList();
        Map<UUID, List<PenaltyFact>> penaltiesByCase = penalties.stream()
                .collect(Collectors.groupingBy(
                        PenaltyRow::caseId, Collectors.mapping(PenaltyRow::penalty, Collectors.toList())));
        Map<UUID, List<RectRow>> rectsByCase = rects.stream().collect(Collectors.groupingBy(RectRow::caseId));

        List<UnitHistory.Case> caseViews = new ArrayList<>();
        for (CaseRow c : cases) {
            List<UnitHistory.Penalty> ps = penaltiesByCase.getOrDefault(c.id(), List.of()).stream()
                    .map(p -> new UnitHistory.Penalty(
                            p.decisionId(), p.kind(), p.rule(), p.amount(), p.days(), p.decidedAt()))
                    .toList();
            BigDecimal fine = ps.stream().map(UnitHistory.Penalty::amountYuan).reduce(BigDecimal.ZERO, BigDecimal::add);
            List<UnitHistory.Rectification> rs = rectsByCase.getOrDefault(c.id(), List.of()).stream()
                    .map(r -> new UnitHistory.Rectification(
                            r.id(),
                            r.orderedOn(),
                            r.deadline(),
                            r.completedAt() != null ? "COMPLETED" : r.overdueAt() != null ? "OVERDUE" : "ORDERED",
                            r.completedAt(),
                            r.onTime()))
                    .toList();
            caseViews.add(new UnitHistory.Case(
                    c.id(),
                    c.no(),
                    c.type(),
                    label(c.type()),
                    c.article(),
                    c.origin(),
                    c.openedAt(),
                    c.closedAt(),
                    fine,
                    ps,
                    rs));
        }
        long inViolation = quarters.stream().filter(q -> q.violations() > 0).count();
        KeyIndustry industry = KeyIndustry.parse(h.industry());
        return new UnitHistory(
                permit,
                h.name(),
                h.city(),
                h.county(),
                names.nameOf(h.county()),
                industry.name(),
                industry.label(),
                h.category(),
                h.status(),
                asOf,
                new UnitHistory.Totals(
                        counts.inspections(),
                        counts.violations(),
                        counts.cases(),
                        counts.fineYuan(),
                        counts.open(),
                        inViolation),
                LIMIT,
                quarters,
                withTypes,
                caseViews.stream()
                        .sorted(Comparator.comparing(
                                UnitHistory.Case::openedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                        .toList(),
                alerts);
    }

    private static LocalDate quarterStart(LocalDate d) {
        return LocalDate.of(d.getYear(), ((d.getMonthValue() - 1) / 3) * 3 + 1, 1);
    }

    private static String label(String type) {
        return ViolationType.parse(type).map(ViolationType::label).orElse(type);
    }
}
