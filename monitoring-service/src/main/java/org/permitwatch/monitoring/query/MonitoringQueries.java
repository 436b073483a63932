package org.permitwatch.monitoring.query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.time.BureauClock;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads the series, the latest values and the coverage, always within the caller's division. */
@Component
class MonitoringQueries {

    private final DatabaseClient db;
    private final BureauClock clock;

    MonitoringQueries(DatabaseClient db, BureauClock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The point measuring that outlet (the first registered, should there be several), inside the division. */
    Mono<String> pointOf(String permitNo, String outletCode, Caller caller) {
        return db.sql("""
                        SELECT mn FROM monitoring_point
                        WHERE permit_no = :permitNo AND outlet_code = :outletCode AND division_code LIKE :scope
                        ORDER BY created_at, mn LIMIT 1
                        """)
                .bind("permitNo", permitNo)
                .bind("outletCode", outletCode)
                .bind("scope", caller.division().likePattern())
                .map(r -> r.get(0, String.class))
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(
                        "point-not-found", "no monitoring point on outlet " + outletCode + " of " + permitNo)));
    }

    Mono<Views.Series> series(
            String permitNo,
            String outletCode,
            String pollutant,
            OffsetDateTime from,
            OffsetDateTime to,
            Caller caller) {
        if (!to.isAfter(from)) {
            throw ApiException.invalidField("to", "must be after from", to);
        }
        Resolution resolution = Resolution.forRange(Duration.between(from, to))
                .orElseThrow(() -> ApiException.invalidField("to", "the range may span at most 10 years", to));
        return pointOf(permitNo, outletCode, caller)
                .flatMap(mn -> db.sql("SELECT data_time, avg, min, max, flag FROM "
                                + resolution.table()
                                + " WHERE mn = :mn AND pollutant = :pollutant AND data_time >= :from AND data_time < :to"
                                + " ORDER BY data_time LIMIT " + Resolution.MAX_POINTS)
                        .bind("mn", mn)
                        .bind("pollutant", pollutant)
                        .bind("from", from)
                        .bind("to", to)
                        .map(r -> new Views.SeriesPoint(
                                r.get("data_time", OffsetDateTime.class)
                                        .atZoneSameInstant(clock.zone())
                                        .toOffsetDateTime(),
                                r.get("avg", BigDecimal.class),
                                r.get("min", BigDecimal.class),
                                r.get("max", BigDecimal.class),
                                r.get("flag", String.class)))
                        .all()
                        .collectList()
                        .map(points ->
                                new Views.Series(mn, permitNo, outletCode, pollutant, resolution, from, to, points)));
    }

    /** The newest value per point and pollutant of a unit; 404 when the permit is not in the caller's division. */
    Flux<Views.LatestValue> latest(String permitNo, Caller caller) {
        Mono<String> visible = db.sql("SELECT county_code FROM directory_unit WHERE permit_no = :permitNo")
                .bind("permitNo", permitNo)
                .map(r -> r.get(0, String.class))
                .one()
                .filter(caller::canSee)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("unit-not-found", "no unit " + permitNo)));
        return visible.thenMany(db.sql("""
                        SELECT l.mn, p.outlet_code, l.pollutant, l.cn, l.data_time, l.value, l.flag, l.received_at
                        FROM latest_value l JOIN monitoring_point p ON p.mn = l.mn
                        WHERE p.permit_no = :permitNo AND p.division_code LIKE :scope
                        ORDER BY p.outlet_code, l.mn, l.pollutant
                        """)
                .bind("permitNo", permitNo)
                .bind("scope", caller.division().likePattern())
                .map(r -> new Views.LatestValue(
                        r.get("mn", String.class),
                        r.get("outlet_code", String.class),
                        r.get("pollutant", String.class),
                        r.get("cn", String.class),
                        r.get("data_time", OffsetDateTime.class)
                                .atZoneSameInstant(clock.zone())
                                .toOffsetDateTime(),
                        r.get("value", BigDecimal.class),
                        r.get("flag", String.class),
                        r.get("received_at", OffsetDateTime.class)))
                .all());
    }

    /** The rule for required outlets is the one of PointStore's unmonitored list (主要排放口, KEY, VALID). */
    private static final String COVERAGE = """
            WITH required AS (
                SELECT u.county_code, u.permit_no, o->>'outletCode' AS outlet_code
                FROM directory_unit u CROSS JOIN LATERAL jsonb_array_elements(u.outlets) o
                WHERE u.county_code LIKE :scope
                  AND u.management_category = 'KEY' AND u.status = 'VALID' AND o->>'outletType' = '主要排放口'),
            points AS (
                SELECT r.county_code, r.permit_no, r.outlet_code, p.mn, p.pollutants
                FROM required r JOIN monitoring_point p
                  ON p.permit_no = r.permit_no AND p.outlet_code = r.outlet_code),
            per_point AS (
                SELECT pt.county_code, pt.permit_no, pt.outlet_code,
                       24 * cardinality(pt.pollutants) AS expected,
                       (SELECT count(*) FROM hourly_value h
                        WHERE h.mn = pt.mn AND h.pollutant = ANY (pt.pollutants) AND h.flag = 'N'
                          AND h.data_time >= :start AND h.data_time < :end) AS valid,
                       EXISTS (SELECT 1 FROM hourly_value h
                               WHERE h.mn = pt.mn AND h.data_time >= :start AND h.data_time < :end) AS online
                FROM points pt),
            per_outlet AS (
                SELECT r.county_code, r.permit_no, r.outlet_code,
                       coalesce(bool_or(pp.online), false) AS online,
                       coalesce(sum(pp.expected), 0) AS expected, coalesce(sum(pp.valid), 0) AS valid
                FROM required r LEFT JOIN per_point pp
                  ON pp.permit_no = r.permit_no AND pp.outlet_code = r.outlet_code
                GROUP BY r.county_code, r.permit_no, r.outlet_code)
            SELECT county_code, count(*) AS required, count(*) FILTER (WHERE online) AS online,
                   sum(expected)::bigint AS expected, sum(valid)::bigint AS valid
            FROM per_outlet GROUP BY county_code ORDER BY county_code
            """;

    Flux<Views.Coverage> coverage(LocalDate day, Caller caller) {
        return db.sql(COVERAGE)
                .bind("scope", caller.division().likePattern())
                .bind("start", clock.startOf(day))
                .bind("end", clock.startOf(day.plusDays(1)))
                .map(r -> {
                    long required = r.get("required", Long.class);
                    long online = r.get("online", Long.class);
                    long expected = r.get("expected", Long.class);
                    long valid = r.get("valid", Long.class);
                    return new Views.Coverage(
                            r.get("county_code", String.class),
                            required,
                            online,
                            rate(online, required),
                            expected,
                            valid,
                            rate(valid, expected));
                })
                .all();
    }

    static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
