package org.permitwatch.reporting.summary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);
    /** 行业类别 of a region's zero row: no industry had anything to report. */
    static final String NO_INDUSTRY = "—";

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

    /** Accumulates one region × industry cell group. */
    private static final class Acc {
        long inspections;
        final Map<String, Long> violations = new LinkedHashMap<>();
        long continuing;
        BigDecimal fineYuan = BigDecimal.ZERO;
        long due;
        long done;
        long overdue;
        long noPenalty;

        Acc() {
            for (ViolationType t : ViolationType.values()) {
                violations.put(t.name(), 0L);
            }
        }

        void add(Acc o) {
            inspections += o.inspections;
            o.violations.forEach((k, v) -> violations.merge(k, v, Long::sum));
            continuing += o.continuing;
            fineYuan = fineYuan.add(o.fineYuan);
            due += o.due;
            done += o.done;
            overdue += o.overdue;
            noPenalty += o.noPenalty;
        }
    }

    /** A region × industry cell group; {@code industry} null for the zero row of a region without activity. */
    private record Key(String region, KeyIndustry industry) {}

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::region)
            .thenComparing(Key::industry, Comparator.nullsFirst(Comparator.naturalOrder()));

    Mono<SummaryTable> table(DivisionCode division, LocalDate from, LocalDate to) {
        String region = division.level() == DivisionCode.Level.PROVINCE ? "city_code" : "county_code";
        OffsetDateTime start = clock.startOf(from);
        OffsetDateTime end = clock.startOf(to.plusDays(1));
        String scope = division.likePattern();
        Map<Key, Acc> cells = new TreeMap<>(ORDER);

        Mono<Void> inspections = rows("""
                SELECT %s AS region, key_industry, count(*) AS n FROM rm_inspection
                WHERE county_code LIKE :scope AND inspected_at >= :start AND inspected_at < :end
                GROUP BY 1, 2""".formatted(region), scope, start, end, from, to)
                .doOnNext(r -> {
                    acc(cells, r).inspections += (Long) r.get("n");
                })
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
                    ViolationType.parse((String) r.get("violation_type")).ifPresent(t -> {
                        Acc a = acc(cells, r);
                        a.violations.merge(t.name(), (Long) r.get("n"), Long::sum);
                        a.continuing += (Long) r.get("continuing");
                    });
                })
                .then();
        Mono<Void> fines = rows("""
                SELECT %s AS region, key_industry, sum(amount_yuan) AS yuan,
                       count(*) FILTER (WHERE kind = 'NO_PENALTY') AS no_penalty
                FROM rm_penalty
                WHERE county_code LIKE :scope AND decided_at >= :start AND decided_at < :end
                GROUP BY 1, 2""".formatted(region), scope, start, end, from, to)
                .doOnNext(r -> {
                    Acc a = acc(cells, r);
                    a.fineYuan = a.fineYuan.add((BigDecimal) r.get("yuan"));
                    a.noPenalty += (Long) r.get("no_penalty");
                })
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
                .doOnNext(r -> {
                    Acc a = acc(cells, r);
                    a.due += (Long) r.get("due");
                    a.done += (Long) r.get("done");
                    a.overdue += (Long) r.get("overdue");
                })
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

    private static Acc acc(Map<Key, Acc> cells, Map<String, Object> row) {
        return cells.computeIfAbsent(
                new Key((String) row.get("region"), KeyIndustry.parse((String) row.get("key_industry"))),
                k -> new Acc());
    }

    /** The regions a division's sheet lists whatever happened: its cities, its counties, or itself. */
    private List<String> regions(DivisionCode division) {
        return switch (division.level()) {
            case PROVINCE -> names.cityCodes(division.value());
            case CITY -> names.countyCodes(division.value());
            case COUNTY -> List.of(division.value());
        };
    }

    private SummaryTable assemble(DivisionCode division, LocalDate from, LocalDate to, Map<Key, Acc> cells) {
        for (String region : regions(division)) {
            boolean active = cells.keySet().stream().anyMatch(k -> k.region().equals(region));
            if (!active) {
                cells.put(new Key(region, null), new Acc());
            }
        }
        List<SummaryTable.Row> rows = new ArrayList<>();
        Acc total = new Acc();
        int no = 0;
        for (Map.Entry<Key, Acc> e : cells.entrySet()) {
            Key k = e.getKey();
            rows.add(row(
                    ++no,
                    k.region(),
                    names.nameOf(k.region()),
                    k.industry() == null ? null : k.industry().name(),
                    k.industry() == null ? NO_INDUSTRY : k.industry().label(),
                    e.getValue()));
            total.add(e.getValue());
        }
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
                rows,
                row(null, null, "合计", null, "", total));
    }

    private static SummaryTable.Row row(
            Integer no, String regionCode, String region, String industry, String industryLabel, Acc a) {
        long violationTotal =
                a.violations.values().stream().mapToLong(Long::longValue).sum();
        String status = a.due == 0 ? "无需整改" : "应整改" + a.due + "家，已完成" + a.done + "家";
        String complete = a.due == 0 ? "—" : a.done == a.due ? "是" : "否";
        List<String> remarks = new ArrayList<>();
        if (a.overdue > 0) {
            remarks.add("逾期未整改" + a.overdue + "家");
        }
        if (a.noPenalty > 0) {
            remarks.add("依法不予处罚" + a.noPenalty + "件");
        }
        if (a.continuing > 0) {
            remarks.add("持续违法" + a.continuing + "起（复查发现，未重复计入）");
        }
        return new SummaryTable.Row(
                no,
                regionCode,
                region,
                industry,
                industryLabel,
                a.inspections,
                new LinkedHashMap<>(a.violations),
                violationTotal,
                a.continuing,
                wanYuan(a.fineYuan),
                a.due,
                a.done,
                status,
                complete,
                a.overdue,
                String.join("；", remarks));
    }

    /** Yuan to 万元 with 4 decimals (1 yuan = 0.0001 万元, so rounding only ever drops fen). */
    static BigDecimal wanYuan(BigDecimal yuan) {
        return yuan.divide(TEN_THOUSAND, 4, RoundingMode.HALF_UP);
    }
}
