package org.permitwatch.permitsync.directory;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.permitwatch.events.vocabulary.KeyIndustry;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Read side of the directory. Every query takes the division LIKE pattern; nothing is filtered in memory. */
@Component
class DirectoryQueries {

    private final DatabaseClient db;
    private final UnitRows rows;

    DirectoryQueries(DatabaseClient db, UnitRows rows) {
        this.db = db;
        this.rows = rows;
    }

    /**
     * A page of the list with its total, in one statement: only the summary's columns (the full row carries the
     * outlets and obligations as jsonb, kilobytes per unit, which the list never shows — session 10), and the total
     * from {@link #countSql} joined to it, so a page costs one connection and one round trip rather than two (issue 21,
     * docs/benchmarks.md "Session 12: directory page"). A page beyond the last still answers one row: the total, with
     * the unit's columns null.
     *
     * <p>{@code after} (keyset paging, permit-number order only) starts the page behind that permit number instead of
     * skipping {@code OFFSET} rows: the primary-key walk starts at the position, so page 400 of a city costs what
     * page 0 does, where {@code OFFSET 8000} read the heap row of every unit before it (≈ 35 ms of PostgreSQL per page
     * against 0.5, docs/benchmarks.md "Session 13: directory page"). The total stays the whole filter's.
     *
     * @param orderBy an ORDER BY body from {@link org.permitwatch.support.web.ListSort} (whitelisted columns only)
     * @param after a permit number (the default order only) or null
     */
    Mono<PageResponse<DirectoryViews.UnitSummary>> page(
            UnitFilter filter, String orderBy, Paging paging, String after) {
        Where where = where(filter);
        String seek = after == null ? "" : " AND permit_no > :after";
        var spec = db.sql("SELECT t.total, p.* FROM (" + countSql(filter, where) + ") t LEFT JOIN LATERAL (SELECT "
                + UnitRows.SUMMARY_COLUMNS + " FROM directory_unit WHERE " + where.sql + seek + " ORDER BY " + orderBy
                + " LIMIT :limit OFFSET :offset) p ON true ORDER BY " + orderBy);
        for (var e : where.params.entrySet()) {
            spec = spec.bind(e.getKey(), e.getValue());
        }
        if (after != null) {
            spec = spec.bind("after", after);
        }
        return spec.bind("limit", paging.size())
                .bind("offset", after == null ? paging.offset() : 0L)
                .map(row -> new PageRow(
                        row.get("total", Long.class),
                        row.get("permit_no", String.class) == null ? null : UnitRows.summary(row)))
                .all()
                .collectList()
                .map(found -> paging.page(
                        found.stream()
                                .map(PageRow::unit)
                                .filter(java.util.Objects::nonNull)
                                .toList(),
                        found.isEmpty() ? 0 : found.get(0).total()));
    }

    private record PageRow(long total, DirectoryViews.UnitSummary unit) {}

    /**
     * The change feed: units of the division changed after {@code after}, oldest change first. Only changes older than
     * {@code settle} are served: a writer's transaction stamps {@code changed_at} with its start time and commits
     * later, so a position younger than the longest write transaction may still be filled in behind a reader.
     */
    Flux<DirectoryUnit> changes(String divisionLike, ChangeCursor after, Duration settle, int limit) {
        return db.sql("SELECT " + UnitRows.COLUMNS + " FROM directory_unit WHERE county_code LIKE :division"
                        + " AND changed_at <= now() - make_interval(secs => :settle)"
                        + " AND (changed_at, permit_no) > (:afterAt, :afterNo)"
                        + " ORDER BY changed_at, permit_no LIMIT :limit")
                .bind("division", divisionLike)
                .bind("settle", (double) settle.toSeconds())
                .bind("afterAt", OffsetDateTime.ofInstant(after.changedAt(), ZoneOffset.UTC))
                .bind("afterNo", after.permitNo())
                .bind("limit", limit)
                .map(rows::map)
                .all();
    }

    /**
     * The list's total (a one-row {@code total} column). Without an industry, source-type or text filter it is the sum
     * of the division's maintained counts ({@code directory_unit_count}, V7: exact, kept by triggers in the writer's
     * transaction) — a few dozen rows instead of a heap visit per unit of the division, which was most of PostgreSQL's
     * time per page (ADR 0053). The other filters narrow the units to a few and count them.
     */
    private static String countSql(UnitFilter filter, Where where) {
        boolean counted = filter.industryCode() == null && filter.sourceType() == null && filter.text() == null;
        return counted
                ? "SELECT coalesce(sum(units), 0)::bigint AS total FROM directory_unit_count WHERE " + where.sql
                : "SELECT count(*) AS total FROM directory_unit WHERE " + where.sql;
    }

    /** Empty when the permit does not exist or lies outside the division: callers cannot tell which. */
    Mono<DirectoryUnit> find(String permitNo, String divisionLike) {
        return db.sql("SELECT " + UnitRows.COLUMNS
                        + " FROM directory_unit WHERE permit_no = :no AND county_code LIKE :division")
                .bind("no", permitNo)
                .bind("division", divisionLike)
                .map(rows::map)
                .one();
    }

    /** The newest {@code limit} cases of a unit's violation history (decided first by date, undecided last). */
    Flux<DirectoryViews.Violation> violations(String permitNo, int limit) {
        return db.sql("""
                        SELECT case_id, case_no, violation_type, article, decision_kind, no_penalty_rule, amount_yuan,
                               decided_at, rectification_status, rectification_deadline, rectified_on_time, closed_at
                        FROM unit_violation WHERE permit_no = :no
                        ORDER BY decided_at DESC NULLS LAST, case_id LIMIT :limit""")
                .bind("no", permitNo)
                .bind("limit", limit)
                .map(r -> new DirectoryViews.Violation(
                        r.get("case_id", java.util.UUID.class),
                        r.get("case_no", String.class),
                        r.get("violation_type", String.class),
                        r.get("article", String.class),
                        r.get("decision_kind", String.class),
                        r.get("no_penalty_rule", String.class),
                        r.get("amount_yuan", java.math.BigDecimal.class),
                        r.get("decided_at", java.time.OffsetDateTime.class),
                        r.get("rectification_status", String.class),
                        r.get("rectification_deadline", java.time.LocalDate.class),
                        r.get("rectified_on_time", Boolean.class),
                        r.get("closed_at", java.time.OffsetDateTime.class)))
                .all();
    }

    Mono<Long> violationCount(String permitNo) {
        return db.sql("SELECT count(*) AS n FROM unit_violation WHERE permit_no = :no")
                .bind("no", permitNo)
                .map(r -> r.get("n", Long.class))
                .one();
    }

    /** Unit counts per city × plan-table industry × management category: the denominators of plan ratios. */
    Flux<StatsRow> stats(String divisionLike) {
        return db.sql("""
                        SELECT city_code, key_industry, management_category, count(*) AS units,
                               count(*) FILTER (WHERE without_permit) AS without_permit
                        FROM directory_unit WHERE county_code LIKE :division
                        GROUP BY city_code, key_industry, management_category
                        ORDER BY city_code, key_industry, management_category""")
                .bind("division", divisionLike)
                .map(r -> new StatsRow(
                        r.get("city_code", String.class),
                        KeyIndustry.valueOf(r.get("key_industry", String.class)),
                        ManagementCategory.valueOf(r.get("management_category", String.class)),
                        r.get("units", Long.class),
                        r.get("without_permit", Long.class)))
                .all();
    }

    record StatsRow(
            String cityCode,
            KeyIndustry keyIndustry,
            ManagementCategory managementCategory,
            long units,
            long withoutPermit) {}

    private record Where(String sql, Map<String, Object> params) {}

    private static Where where(UnitFilter f) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        clauses.add("county_code LIKE :division");
        params.put("division", f.divisionLike());
        if (f.industryCode() != null) {
            clauses.add("industry_code = :industry");
            params.put("industry", f.industryCode());
        }
        if (f.keyIndustry() != null) {
            clauses.add("key_industry = :keyIndustry");
            params.put("keyIndustry", f.keyIndustry().name());
        }
        if (f.category() != null) {
            clauses.add("management_category = :category");
            params.put("category", f.category().name());
        }
        if (f.status() != null) {
            clauses.add("status = :status");
            params.put("status", f.status().name());
        }
        if (f.sourceType() != null) {
            clauses.add("source_type = :sourceType");
            params.put("sourceType", f.sourceType().name());
        }
        if (f.text() != null) {
            clauses.add("(unit_name ILIKE :text ESCAPE '\\' OR permit_no ILIKE :text ESCAPE '\\')");
            params.put("text", "%" + escapeLike(f.text()) + "%");
        }
        return new Where(String.join(" AND ", clauses), params);
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
