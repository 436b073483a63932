package org.permitwatch.monitoring.query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.permitwatch.events.vocabulary.KeyIndustry;
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

    /**
     * The point of that outlet whose series is read, inside the division: the one named ({@code mn}: 400 naming it when
     * it is not a point of the outlet), else the one whose data arrived most recently (an outlet with a replaced unit
     * or a second analyser has several; the newest is the one a reader expects), else the first registered.
     */
    Mono<String> pointOf(String permitNo, String outletCode, String mn, Caller caller) {
        Mono<String> any = db.sql("""
                        SELECT p.mn FROM monitoring_point p
                        LEFT JOIN (SELECT mn, max(received_at) AS last FROM latest_value GROUP BY mn) l ON l.mn = p.mn
                        WHERE p.permit_no = :permitNo AND p.outlet_code = :outletCode AND p.division_code LIKE :scope
                        ORDER BY l.last DESC NULLS LAST, p.created_at, p.mn LIMIT 1
                        """)
                .bind("permitNo", permitNo)
                .bind("outletCode", outletCode)
                .bind("scope", caller.division().likePattern())
                .map(r -> r.get(0, String.class))
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(
                        "point-not-found", "no monitoring point on outlet " + outletCode + " of " + permitNo)));
        if (mn == null || mn.isBlank()) {
            return any;
        }
        // The outlet must have a point in the division at all (404 as without mn), and this MN must be one of them.
        return any.then(db.sql("""
                        SELECT mn FROM monitoring_point
                        WHERE permit_no = :permitNo AND outlet_code = :outletCode AND division_code LIKE :scope
                          AND mn = :mn
                        """)
                .bind("permitNo", permitNo)
                .bind("outletCode", outletCode)
                .bind("scope", caller.division().likePattern())
                .bind("mn", mn)
                .map(r -> r.get(0, String.class))
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.invalidField(
                        "mn", "is not a monitoring point of outlet " + outletCode + " of " + permitNo, mn))));
    }

    Mono<Views.Series> series(
            String permitNo,
            String outletCode,
            String pollutant,
            OffsetDateTime from,
            OffsetDateTime to,
            String mn,
            Caller caller) {
        if (!to.isAfter(from)) {
            throw ApiException.invalidField("to", "must be after from", to);
        }
        Resolution resolution = Resolution.forRange(Duration.between(from, to))
                .orElseThrow(() -> ApiException.invalidField("to", "the range may span at most 10 years", to));
        return pointOf(permitNo, outletCode, mn, caller)
                .flatMap(point -> db.sql("SELECT data_time, avg, min, max, flag FROM "
                                + resolution.table()
                                + " WHERE mn = :mn AND pollutant = :pollutant AND data_time >= :from AND data_time < :to"
                                + " ORDER BY data_time LIMIT " + Resolution.MAX_POINTS)
                        .bind("mn", point)
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
                        .map(points -> new Views.Series(
                                point, permitNo, outletCode, pollutant, resolution, from, to, points)));
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

    /**
     * Required outlets and pollutants come from the view required_monitoring (V3), the rule PointStore's unmonitored
     * list reads too. 联网率 counts outlets; 传输有效率 counts hours per pollutant that must be monitored automatically:
     * the pollutants the permit's table names at the outlet (method 自动), or — for a permit whose snapshot predates
     * that table (pollutant NULL in the view) — the pollutants registered on the outlet's points. Each (pollutant,
     * hour) counts once per outlet, whichever of its points (a replaced unit, a second analyser) sent it.
     */
    private static String coverageSql(CoverageGrouping by) {
        return """
            WITH required AS (
                SELECT %s AS group_key, permit_no, outlet_code, pollutant
                FROM required_monitoring WHERE county_code LIKE :scope),
            outlets AS (
                SELECT DISTINCT group_key, permit_no, outlet_code FROM required),
            counted AS (
                SELECT permit_no, outlet_code, pollutant FROM required WHERE pollutant IS NOT NULL
                UNION
                SELECT r.permit_no, r.outlet_code, unnest(p.pollutants)
                FROM required r JOIN monitoring_point p
                  ON p.permit_no = r.permit_no AND p.outlet_code = r.outlet_code
                WHERE r.pollutant IS NULL),
            per_outlet AS (
                SELECT o.group_key,
                       EXISTS (SELECT 1 FROM monitoring_point p
                               WHERE p.permit_no = o.permit_no AND p.outlet_code = o.outlet_code) AS has_point,
                       EXISTS (SELECT 1 FROM monitoring_point p JOIN hourly_value h ON h.mn = p.mn
                               WHERE p.permit_no = o.permit_no AND p.outlet_code = o.outlet_code
                                 AND h.data_time >= :start AND h.data_time < :end) AS online,
                       (SELECT count(*) FROM counted c
                        WHERE c.permit_no = o.permit_no AND c.outlet_code = o.outlet_code) AS pollutants,
                       (SELECT count(DISTINCT (h.pollutant, h.data_time))
                        FROM monitoring_point p JOIN hourly_value h ON h.mn = p.mn
                          JOIN counted c ON c.permit_no = p.permit_no AND c.outlet_code = p.outlet_code
                                        AND c.pollutant = h.pollutant
                        WHERE p.permit_no = o.permit_no AND p.outlet_code = o.outlet_code AND h.flag = 'N'
                          AND h.data_time >= :start AND h.data_time < :end) AS valid
                FROM outlets o)
            SELECT group_key, count(*) AS required, count(*) FILTER (WHERE online) AS online,
                   sum(CASE WHEN has_point THEN 24 * pollutants ELSE 0 END)::bigint AS expected,
                   sum(valid)::bigint AS valid
            FROM per_outlet GROUP BY group_key ORDER BY %s
            """.formatted(by.column, by.orderBy);
    }

    Flux<Views.Coverage> coverage(LocalDate day, CoverageGrouping by, Caller caller) {
        return db.sql(coverageSql(by))
                .bind("scope", caller.division().likePattern())
                .bind("start", clock.startOf(day))
                .bind("end", clock.startOf(day.plusDays(1)))
                .map(r -> {
                    long required = r.get("required", Long.class);
                    long online = r.get("online", Long.class);
                    long expected = r.get("expected", Long.class);
                    long valid = r.get("valid", Long.class);
                    String key = r.get("group_key", String.class);
                    boolean industry = by == CoverageGrouping.INDUSTRY;
                    return new Views.Coverage(
                            industry ? null : key,
                            required,
                            online,
                            rate(online, required),
                            expected,
                            valid,
                            rate(valid, expected),
                            industry ? key : null,
                            industry ? KeyIndustry.parse(key).label() : null);
                })
                .all();
    }

    static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
