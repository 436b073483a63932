package org.permitwatch.reporting.summary;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.permitwatch.events.vocabulary.KeyIndustry;
import org.permitwatch.events.vocabulary.ViolationType;
import org.permitwatch.reporting.catalog.DivisionNames;
import org.permitwatch.reporting.catalog.ReportRequests;
import org.permitwatch.reporting.catalog.ReportingProperties;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.time.BureauClock;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Computes 附件1 with four aggregate queries over the raw facts (inspections, violations, fines, rectifications), each
 * grouped by region × industry, merged in memory. Region is the level below the division (province → cities,
 * city → counties, a county → itself); every region of the division is listed, zeros included, so one that reported
 * nothing is visible. What a violation is (on-site findings and remote-check cases, a continuing one not again) is
 * the view {@code rm_violation} (migration V10), the one place of that rule.
 */
@Component
class SummaryQuery {

    private final DatabaseClient db;
    private final DivisionNames names;
    private final ReportingProperties properties;
    private final BureauClock clock;

    SummaryQuery(DatabaseClient db, DivisionNames names, ReportingProperties properties, BureauClock clock) {
        this.db = db;
        this.names = names;
        this.properties = properties;
        this.clock = clock;
    }

    Mono<SummaryTable> table(DivisionCode division, LocalDate from, LocalDate to) {
        String region = division.level() == DivisionCode.Level.PROVINCE ? "city_code" : "county_code";
        OffsetDateTime start = clock.startOf(from);
        OffsetDateTime end = clock.startOf(to.plusDays(1));
        String scope = division.likePattern();
        SummaryCells cells = new SummaryCells();

        Mono<Void> inspections = rows("""
                SELECT %s AS region, key_industry, count(*) AS n FROM rm_inspection
                WHERE county_code LIKE :scope AND inspected_at >= :start AND inspected_at < :end
                GROUP BY 1, 2""".formatted(region), scope, start, end, from, to)
                .doOnNext(r -> cells.inspections(region(r), industry(r), (Long) r.get("n")))
                .then();
        Mono<Void> violations = rows("""
                SELECT %s AS region, key_industry, violation_type,
                       count(*) FILTER (WHERE continues_case_id IS NULL) AS n,
                       count(*) FILTER (WHERE continues_case_id IS NOT NULL) AS continuing
                FROM rm_violation
                WHERE county_code LIKE :scope AND found_at >= :start AND found_at < :end
                GROUP BY 1, 2, 3""".formatted(region), scope, start, end, from, to)
                .doOnNext(r -> {
                    // Codes outside the ten columns (none today) are not counted rather than misfiled.
                    ViolationType.parse((String) r.get("violation_type"))
                            .ifPresent(t -> cells.violations(
                                    region(r), industry(r), t, (Long) r.get("n"), (Long) r.get("continuing")));
                })
                .then();
        Mono<Void> fines = rows("""
                SELECT %s AS region, key_industry, sum(amount_yuan) AS yuan,
                       count(*) FILTER (WHERE kind = 'NO_PENALTY') AS no_penalty
                FROM rm_penalty
                WHERE county_code LIKE :scope AND decided_at >= :start AND decided_at < :end
                GROUP BY 1, 2""".formatted(region), scope, start, end, from, to)
                .doOnNext(r ->
                        cells.fines(region(r), industry(r), (BigDecimal) r.get("yuan"), (Long) r.get("no_penalty")))
                .then();
        // Per unit first: a unit counts as rectified only when every rectification ordered in the period is complete.
        Mono<Void> rectifications = rows("""
                SELECT region, key_industry, count(*) AS due, count(*) FILTER (WHERE done) AS done,
                       count(*) FILTER (WHERE overdue) AS overdue
                FROM (SELECT %s AS region, key_industry, permit_number,
                             bool_and(completed_at IS NOT NULL) AS done,
                             bool_or(overdue_at IS NOT NULL AND completed_at IS NULL) AS overdue
                      FROM rm_rectification
                      WHERE county_code LIKE :scope AND ordered_on >= :fromDate AND ordered_on <= :toDate
                      GROUP BY 1, 2, 3) u
                GROUP BY 1, 2""".formatted(region), scope, start, end, from, to)
                .doOnNext(r -> cells.rectifications(
                        region(r), industry(r), (Long) r.get("due"), (Long) r.get("done"), (Long) r.get("overdue")))
                .then();

        // Sequential on one connection at a time: the pool is small and the accumulator is not thread-safe.
        return inspections
                .then(violations)
                .then(fines)
                .then(rectifications)
                .then(Mono.fromSupplier(() -> assemble(division, from, to, cells)));
    }

    private Flux<Map<String, Object>> rows(
            String sql, String scope, OffsetDateTime start, OffsetDateTime end, LocalDate from, LocalDate to) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql).bind("scope", scope);
        if (sql.contains(":start")) {
            spec = spec.bind("start", start).bind("end", end);
        }
        if (sql.contains(":fromDate")) {
            spec = spec.bind("fromDate", from).bind("toDate", to);
        }
        return spec.fetch().all();
    }

    private static String region(Map<String, Object> row) {
        return (String) row.get("region");
    }

    private static KeyIndustry industry(Map<String, Object> row) {
        return KeyIndustry.parse((String) row.get("key_industry"));
    }

    /** The regions a division's sheet lists whatever happened: its cities, its counties, or itself. */
    private List<String> regions(DivisionCode division) {
        return switch (division.level()) {
            case PROVINCE -> names.cityCodes(division.value());
            case CITY -> names.countyCodes(division.value());
            case COUNTY -> List.of(division.value());
        };
    }

    private SummaryTable assemble(DivisionCode division, LocalDate from, LocalDate to, SummaryCells cells) {
        SummaryCells.Rows rows = cells.rows(regions(division), names::nameOf);
        List<SummaryTable.Column> columns = new ArrayList<>();
        for (ViolationType t : ViolationType.values()) {
            columns.add(new SummaryTable.Column(t.name(), t.label()));
        }
        return new SummaryTable(
                properties.summaryTitle(),
                division.value(),
                names.nameOf(division.value()),
                from,
                to,
                ReportRequests.chinesePeriod(from, to),
                clock.today(), // 填报日期: the bureau's day — 23:30 UTC is already the next morning in Beijing
                SummaryTable.COUNTING_UNIT,
                columns,
                rows.rows(),
                rows.total());
    }
}
