package org.permitwatch.reporting.dispatch;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.permitwatch.reporting.catalog.DivisionNames;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.time.BureauClock;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Dispatch figures with one aggregate query per fact table, grouped by region (city, or the county for a county
 * caller) or by month of the period (the console's 工作台 progress), merged in memory.
 */
@Component
class DispatchQuery {

    private final DatabaseClient db;
    private final DivisionNames names;

    private final BureauClock clock;

    DispatchQuery(DatabaseClient db, DivisionNames names, BureauClock clock) {
        this.clock = clock;
        this.db = db;
        this.names = names;
    }

    /** What a row of the figures stands for. */
    enum By {
        /** one row per city (province caller), or the caller's own city or county */
        REGION,
        /** one row per month of the period (yyyy-MM in the bureau's zone) over the caller's whole division */
        MONTH
    }

    /**
     * @param months            the task periods (yyyy-MM) the report covers
     * @param submissionPeriods the submission periods it covers (e.g. 2027-06, or 2027 and its months)
     */
    Mono<DispatchReport> report(
            DivisionCode division,
            String period,
            LocalDate from,
            LocalDate to,
            List<String> months,
            List<String> submissionPeriods) {
        boolean county = division.level() == DivisionCode.Level.COUNTY;
        List<String> regions = switch (division.level()) {
            case PROVINCE -> names.cityCodes(division.value());
            case CITY, COUNTY -> List.of(division.value());
        };
        return figures(division, By.REGION, from, to, months, submissionPeriods, new DispatchCells(regions, !county))
                .map(rows -> new DispatchReport(
                        period, from, to, division.value(), names.nameOf(division.value()), rows.rows(), rows.total()));
    }

    /** The period's figures for the caller's division month by month: one row per month, keyed yyyy-MM. */
    Mono<DispatchCells.Rows> byMonth(DivisionCode division, LocalDate from, LocalDate to, List<String> months) {
        return figures(division, By.MONTH, from, to, months, List.of(), new DispatchCells(months, false));
    }

    private Mono<DispatchCells.Rows> figures(
            DivisionCode division,
            By by,
            LocalDate from,
            LocalDate to,
            List<String> months,
            List<String> submissionPeriods,
            DispatchCells acc) {
        boolean county = division.level() == DivisionCode.Level.COUNTY;
        String region = county ? "county_code" : "city_code";
        // The row key of each fact: its region column, or the month of its own date in the bureau's zone (a ZoneId's
        // id is letters, digits and / _ + -: safe to inline, and the same text in every query keeps plans cached).
        java.util.function.UnaryOperator<String> keyOf = timeColumn -> by == By.REGION
                ? region
                : "to_char(" + timeColumn + " AT TIME ZONE '" + clock.zone().getId() + "', 'YYYY-MM')";
        String scope = division.likePattern();
        OffsetDateTime start = clock.startOf(from);
        OffsetDateTime end = clock.startOf(to.plusDays(1));
        String[] monthArray = months.toArray(String[]::new);

        Mono<Void> tasks = db.sql("""
                        SELECT %s AS region, count(*) AS planned,
                               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM rm_inspection i WHERE i.task_id = t.task_id)) AS done
                        FROM rm_task t WHERE t.county_code LIKE :scope AND t.period_month = ANY(:months)
                        GROUP BY 1""".formatted(by == By.REGION ? region : "t.period_month"))
                .bind("scope", scope)
                .bind("months", monthArray)
                .fetch()
                .all()
                .doOnNext(r -> {
                    DispatchCells.Acc a = of(acc, r);
                    a.planned += (Long) r.get("planned");
                    a.done += (Long) r.get("done");
                })
                .then();
        Mono<Void> inspections = count(
                "rm_inspection",
                "inspected_at",
                "",
                keyOf.apply("inspected_at"),
                scope,
                start,
                end,
                acc,
                (a, n) -> a.inspections += n);
        Mono<Void> findings = count(
                "rm_finding",
                "inspected_at",
                "AND status = 'ACTIVE'",
                keyOf.apply("inspected_at"),
                scope,
                start,
                end,
                acc,
                (a, n) -> a.findings += n);
        Mono<Void> cases = count(
                "rm_case", "opened_at", "", keyOf.apply("opened_at"), scope, start, end, acc, (a, n) -> a.cases += n);
        Mono<Void> completed = count(
                "rm_rectification",
                "completed_at",
                "",
                keyOf.apply("completed_at"),
                scope,
                start,
                end,
                acc,
                (a, n) -> a.completed += n);
        Mono<Void> overdue = count(
                "rm_rectification",
                "overdue_at",
                "",
                keyOf.apply("overdue_at"),
                scope,
                start,
                end,
                acc,
                (a, n) -> a.overdue += n);
        // ordered_on is already the bureau's calendar day
        Mono<Void> ordered = db.sql("""
                        SELECT %s AS region, count(*) AS n FROM rm_rectification
                        WHERE county_code LIKE :scope AND ordered_on >= :from AND ordered_on <= :to GROUP BY 1""".formatted(by == By.REGION ? region : "to_char(ordered_on, 'YYYY-MM')"))
                .bind("scope", scope)
                .bind("from", from)
                .bind("to", to)
                .fetch()
                .all()
                .doOnNext(r -> of(acc, r).ordered += (Long) r.get("n"))
                .then();
        Mono<Void> fines = db.sql("""
                        SELECT %s AS region, sum(amount_yuan) AS yuan FROM rm_penalty
                        WHERE county_code LIKE :scope AND decided_at >= :start AND decided_at < :end GROUP BY 1""".formatted(keyOf.apply("decided_at")))
                .bind("scope", scope)
                .bind("start", start)
                .bind("end", end)
                .fetch()
                .all()
                .doOnNext(r -> {
                    DispatchCells.Acc a = of(acc, r);
                    a.fineYuan = a.fineYuan.add((BigDecimal) r.get("yuan"));
                })
                .then();
        // Submissions are a city's duty: an obligation counts as due for every city once any city submitted for it.
        Mono<Void> submissions = county || by == By.MONTH
                ? Mono.empty()
                : db.sql("""
                        WITH due AS (SELECT DISTINCT obligation_id, period FROM rm_submission
                                     WHERE period = ANY(:periods))
                        SELECT c.city AS region,
                               count(s.submission_key) FILTER (WHERE s.status = 'ON_TIME') AS on_time,
                               count(s.submission_key) FILTER (WHERE s.status <> 'ON_TIME') AS late,
                               count(*) FILTER (WHERE s.submission_key IS NULL) AS missing
                        FROM due d CROSS JOIN unnest(CAST(:cities AS text[])) AS c(city)
                        LEFT JOIN rm_submission s ON s.obligation_id = d.obligation_id AND s.period = d.period
                                                 AND s.city_code = c.city
                        GROUP BY c.city""")
                        .bind("periods", submissionPeriods.toArray(String[]::new))
                        .bind("cities", acc.expected().toArray(String[]::new))
                        .fetch()
                        .all()
                        .doOnNext(r -> {
                            DispatchCells.Acc a = of(acc, r);
                            a.onTime = (Long) r.get("on_time");
                            a.late = (Long) r.get("late");
                            a.missing = (Long) r.get("missing");
                        })
                        .then();

        return tasks.then(inspections)
                .then(findings)
                .then(cases)
                .then(completed)
                .then(overdue)
                .then(ordered)
                .then(fines)
                .then(submissions)
                .then(Mono.fromSupplier(() -> acc.rows(by == By.REGION ? names::nameOf : month -> month)));
    }

    private Mono<Void> count(
            String table,
            String column,
            String extra,
            String key,
            String scope,
            OffsetDateTime start,
            OffsetDateTime end,
            DispatchCells acc,
            java.util.function.ObjLongConsumer<DispatchCells.Acc> add) {
        return db.sql("SELECT " + key + " AS region, count(*) AS n FROM " + table
                        + " WHERE county_code LIKE :scope AND " + column + " >= :start AND " + column + " < :end "
                        + extra + " GROUP BY 1")
                .bind("scope", scope)
                .bind("start", start)
                .bind("end", end)
                .fetch()
                .all()
                .doOnNext(r -> add.accept(of(acc, r), (Long) r.get("n")))
                .then();
    }

    private static DispatchCells.Acc of(DispatchCells acc, Map<String, Object> row) {
        return acc.of((String) row.get("region"));
    }
}
