package org.permitwatch.reporting.unit;

import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.permitwatch.reporting.catalog.DivisionNames;
import org.permitwatch.events.vocabulary.KeyIndustry;
import org.permitwatch.reporting.catalog.ReportingProperties;
import org.permitwatch.events.vocabulary.ViolationType;
import org.permitwatch.support.security.DivisionCode;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Loads every fact of one unit with one query per table (bounded by {@link #LIMIT}) and builds its history. */
@Component
class UnitHistoryQuery {

    /** Hard bound per section: a unit has a handful of records a year, this is decades of them. */
    static final int LIMIT = 500;

    private final DatabaseClient db;
    private final DivisionNames names;
    private final ReportingProperties properties;

    UnitHistoryQuery(DatabaseClient db, DivisionNames names, ReportingProperties properties) {
        this.db = db;
        this.names = names;
        this.properties = properties;
    }

    private record Header(String name, String city, String county, String industry, String category, String status) {
    }

    private record Finding(UUID id, UUID recordId, String type, OffsetDateTime inspectedAt) {
    }

    private record CaseRow(UUID id, String no, String type, String article, String origin, UUID findingId,
                           UUID recordId, OffsetDateTime openedAt, OffsetDateTime closedAt) {
    }

    private record RectRow(UUID id, UUID caseId, LocalDate orderedOn, LocalDate deadline, OffsetDateTime overdueAt,
                           OffsetDateTime completedAt, Boolean onTime) {
    }

    private record PenaltyRow(UUID caseId, PenaltyFact penalty) {
    }

    private record PenaltyFact(UUID decisionId, String kind, String rule, BigDecimal amount, Integer days,
                               OffsetDateTime decidedAt) {
    }

    /** Empty when nothing is known of the unit, or when it lies outside {@code scope} (both become 404). */
    Mono<UnitHistory> history(String permit, DivisionCode scope, LocalDate asOf) {
        Mono<List<Header>> header = list("""
                SELECT unit_name, city_code, county_code, key_industry, category, status FROM (
                    SELECT 0 AS source, unit_name, city_code, county_code, key_industry,
                           management_category AS category, status FROM rm_unit WHERE permit_number = :p
                    UNION ALL
                    (SELECT 1, unit_name, city_code, county_code, key_industry, NULL, NULL FROM rm_inspection
                     WHERE permit_number = :p ORDER BY inspected_at DESC, record_id LIMIT 1)
                    UNION ALL
                    (SELECT 2, unit_name, city_code, county_code, key_industry, NULL, NULL FROM rm_case
                     WHERE permit_number = :p ORDER BY case_id LIMIT 1)) known
                ORDER BY source""", permit,
                r -> new Header(r.get(0, String.class), r.get(1, String.class), r.get(2, String.class),
                        r.get(3, String.class), r.get(4, String.class), r.get(5, String.class)));
        return header.flatMap(headers -> {
            if (headers.isEmpty() || !scope.contains(headers.get(0).county())) {
                return Mono.empty();
            }
            Header h = headers.get(0);
            Mono<List<UnitHistory.Inspection>> inspections = list("""
                    SELECT record_id, version, inspected_at, compliant, non_compliant, exceedances FROM rm_inspection
                    WHERE permit_number = :p ORDER BY inspected_at DESC, record_id LIMIT %d""".formatted(LIMIT), permit,
                    r -> new UnitHistory.Inspection(r.get(0, UUID.class), r.get(1, Integer.class),
                            r.get(2, OffsetDateTime.class), r.get(3, Integer.class), r.get(4, Integer.class),
                            r.get(5, Integer.class), List.of()));
            Mono<List<Finding>> findings = list("""
                    SELECT finding_id, record_id, violation_type, inspected_at FROM rm_finding
                    WHERE permit_number = :p AND status = 'ACTIVE' ORDER BY inspected_at DESC, item_no LIMIT %d"""
                    .formatted(LIMIT), permit,
                    r -> new Finding(r.get(0, UUID.class), r.get(1, UUID.class), r.get(2, String.class),
                            r.get(3, OffsetDateTime.class)));
            Mono<List<CaseRow>> cases = list("""
                    SELECT case_id, case_no, violation_type, article, origin, finding_id, record_id, opened_at, closed_at
                    FROM rm_case WHERE permit_number = :p ORDER BY opened_at DESC NULLS LAST, case_id LIMIT %d"""
                    .formatted(LIMIT), permit,
                    r -> new CaseRow(r.get(0, UUID.class), r.get(1, String.class), r.get(2, String.class),
                            r.get(3, String.class), r.get(4, String.class), r.get(5, UUID.class), r.get(6, UUID.class),
                            r.get(7, OffsetDateTime.class), r.get(8, OffsetDateTime.class)));
            Mono<List<PenaltyRow>> penalties = list("""
                    SELECT case_id, decision_id, kind, no_penalty_rule, amount_yuan, days, decided_at FROM rm_penalty
                    WHERE permit_number = :p ORDER BY decided_at, decision_id LIMIT %d""".formatted(LIMIT), permit,
                    r -> new PenaltyRow(r.get(0, UUID.class), new PenaltyFact(r.get(1, UUID.class),
                            r.get(2, String.class), r.get(3, String.class), r.get(4, BigDecimal.class),
                            r.get(5, Integer.class), r.get(6, OffsetDateTime.class))));
            Mono<List<RectRow>> rects = list("""
                    SELECT rectification_id, case_id, ordered_on, deadline, overdue_at, completed_at, completed_on_time
                    FROM rm_rectification WHERE permit_number = :p ORDER BY ordered_on NULLS LAST, rectification_id
                    LIMIT %d""".formatted(LIMIT), permit,
                    r -> new RectRow(r.get(0, UUID.class), r.get(1, UUID.class), r.get(2, LocalDate.class),
                            r.get(3, LocalDate.class), r.get(4, OffsetDateTime.class), r.get(5, OffsetDateTime.class),
                            r.get(6, Boolean.class)));
            Mono<List<UnitHistory.Alert>> alerts = list("""
                    SELECT alert_id, rule, status, violation_type, raised_at, changed_at FROM rm_alert
                    WHERE permit_number = :p ORDER BY changed_at DESC, alert_id LIMIT %d""".formatted(LIMIT), permit,
                    r -> new UnitHistory.Alert(r.get(0, UUID.class), r.get(1, String.class), r.get(2, String.class),
                            r.get(3, String.class), r.get(4, OffsetDateTime.class), r.get(5, OffsetDateTime.class)));
            return Mono.zip(inspections, findings, cases, penalties, rects, alerts)
                    .map(t -> build(permit, h, asOf, t.getT1(), t.getT2(), t.getT3(), t.getT4(), t.getT5(), t.getT6()));
        });
    }

    private <T> Mono<List<T>> list(String sql, String permit, java.util.function.Function<Readable, T> mapper) {
        return db.sql(sql).bind("p", permit).map(mapper::apply).all().collectList();
    }

    private UnitHistory build(String permit, Header h, LocalDate asOf, List<UnitHistory.Inspection> inspections,
                              List<Finding> findings, List<CaseRow> cases, List<PenaltyRow> penalties,
                              List<RectRow> rects, List<UnitHistory.Alert> alerts) {
        ZoneId zone = properties.zone();
        Map<UUID, List<String>> typesByRecord = findings.stream().collect(Collectors.groupingBy(Finding::recordId,
                Collectors.mapping(f -> label(f.type()), Collectors.toList())));
        List<UnitHistory.Inspection> withTypes = inspections.stream()
                .map(i -> new UnitHistory.Inspection(i.recordId(), i.version(), i.inspectedAt(), i.compliant(),
                        i.nonCompliant(), i.exceedances(), typesByRecord.getOrDefault(i.recordId(), List.of())))
                .toList();
        Map<UUID, List<PenaltyFact>> penaltiesByCase = penalties.stream().collect(Collectors.groupingBy(
                PenaltyRow::caseId, Collectors.mapping(PenaltyRow::penalty, Collectors.toList())));
        Map<UUID, List<RectRow>> rectsByCase = rects.stream().collect(Collectors.groupingBy(RectRow::caseId));

        List<UnitHistory.Case> caseViews = new ArrayList<>();
        BigDecimal totalFine = BigDecimal.ZERO;
        for (CaseRow c : cases) {
            List<UnitHistory.Penalty> ps = penaltiesByCase.getOrDefault(c.id(), List.of()).stream()
                    .map(p -> new UnitHistory.Penalty(p.decisionId(), p.kind(), p.rule(), p.amount(), p.days(),
                            p.decidedAt())).toList();
            BigDecimal fine = ps.stream().map(UnitHistory.Penalty::amountYuan).reduce(BigDecimal.ZERO, BigDecimal::add);
            totalFine = totalFine.add(fine);
            List<UnitHistory.Rectification> rs = rectsByCase.getOrDefault(c.id(), List.of()).stream()
                    .map(r -> new UnitHistory.Rectification(r.id(), r.orderedOn(), r.deadline(),
                            r.completedAt() != null ? "COMPLETED" : r.overdueAt() != null ? "OVERDUE" : "ORDERED",
                            r.completedAt(), r.onTime())).toList();
            caseViews.add(new UnitHistory.Case(c.id(), c.no(), c.type(), label(c.type()), c.article(), c.origin(),
                    c.openedAt(), c.closedAt(), fine, ps, rs));
        }

        // Quarter strip, oldest first, ending with the quarter of asOf.
        LocalDate currentStart = quarterStart(asOf);
        List<UnitHistory.Quarter> quarters = new ArrayList<>();
        long inViolation = 0;
        for (int back = properties.historyQuarters() - 1; back >= 0; back--) {
            LocalDate from = currentStart.minusMonths(3L * back);
            LocalDate to = from.plusMonths(3).minusDays(1);
            Set<UUID> recordsInQuarter = new HashSet<>();
            long inspected = 0;
            for (UnitHistory.Inspection i : inspections) {
                if (within(i.inspectedAt(), from, to, zone)) {
                    inspected++;
                    recordsInQuarter.add(i.recordId());
                }
            }
            Set<UUID> findingsInQuarter = new HashSet<>();
            for (Finding f : findings) {
                if (within(f.inspectedAt(), from, to, zone)) {
                    findingsInQuarter.add(f.id());
                    recordsInQuarter.add(f.recordId());
                }
            }
            long violations = findingsInQuarter.size();
            String status;
            if (violations > 0) {
                LocalDate resolvedBy = to.isBefore(asOf) ? to : asOf;
                boolean unresolved = cases.stream()
                        .filter(c -> findingsInQuarter.contains(c.findingId()) || recordsInQuarter.contains(c.recordId()))
                        .flatMap(c -> rectsByCase.getOrDefault(c.id(), List.of()).stream())
                        .anyMatch(r -> r.completedAt() == null
                                || r.completedAt().atZoneSameInstant(zone).toLocalDate().isAfter(resolvedBy));
                status = unresolved ? "UNRESOLVED" : "VIOLATION";
                inViolation++;
            } else {
                status = inspected > 0 ? "INSPECTED_COMPLIANT" : "NOT_INSPECTED";
            }
            quarters.add(new UnitHistory.Quarter(from.getYear() + "Q" + ((from.getMonthValue() - 1) / 3 + 1), from, to,
                    status, inspected, violations));
        }
        long open = rects.stream().filter(r -> r.completedAt() == null).count();
        KeyIndustry industry = KeyIndustry.parse(h.industry());
        return new UnitHistory(permit, h.name(), h.city(), h.county(), names.nameOf(h.county()), industry.name(),
                industry.label(), h.category(), h.status(), asOf,
                new UnitHistory.Totals(inspections.size(), findings.size(), cases.size(), totalFine, open, inViolation),
                quarters, withTypes, caseViews.stream().sorted(Comparator.comparing(UnitHistory.Case::openedAt,
                        Comparator.nullsLast(Comparator.reverseOrder()))).toList(), alerts);
    }

    private static boolean within(OffsetDateTime t, LocalDate from, LocalDate to, ZoneId zone) {
        LocalDate d = t.atZoneSameInstant(zone).toLocalDate();
        return !d.isBefore(from) && !d.isAfter(to);
    }

    private static LocalDate quarterStart(LocalDate d) {
        return LocalDate.of(d.getYear(), ((d.getMonthValue() - 1) / 3) * 3 + 1, 1);
    }

    private static String label(String type) {
        return ViolationType.parse(type).map(ViolationType::label).orElse(type);
    }
}
