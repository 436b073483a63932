package org.permitwatch.monitoring.point;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.tx.WholeTransactions;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Monitoring points in {@code monitoring_point}, always read within the caller's division (the permit's county), with
 * the directory's outlet joined in so that a point on an outlet the permit does not have is visible as such.
 */
@Component
class PointStore {

    /** Outlet-not-on-permit and unpermitted pollutants are computed against the projection at read time. */
    private static final String SELECT = """
            SELECT p.id, p.mn, p.permit_no, u.unit_name, p.outlet_code, o.value->>'outletName' AS outlet_name,
                   o.value IS NOT NULL AS on_permit, p.pollutants,
                   ARRAY(SELECT x FROM unnest(p.pollutants) x
                         WHERE o.value IS NULL OR NOT EXISTS (
                               SELECT 1 FROM jsonb_array_elements(o.value->'pollutants') l
                               WHERE l->>'pollutantCode' = x)) AS unpermitted,
                   p.division_code, p.source, p.created_at
            FROM monitoring_point p
            LEFT JOIN directory_unit u ON u.permit_no = p.permit_no
            LEFT JOIN LATERAL (SELECT e AS value FROM jsonb_array_elements(u.outlets) e
                               WHERE e->>'outletCode' = p.outlet_code LIMIT 1) o ON true
            """;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final AuditLog audit;

    PointStore(DatabaseClient db, ReactiveTransactionManager transactions, AuditLog audit) {
        this.db = db;
        this.tx = WholeTransactions.create(transactions);
        this.audit = audit;
    }

    /** The permit's county when it is in the directory and inside the caller's division, else 400 naming permitNo. */
    Mono<String> permitDivision(String permitNo, Caller caller) {
        return db.sql("SELECT county_code FROM directory_unit WHERE permit_no = :permitNo")
                .bind("permitNo", permitNo)
                .map(r -> r.get(0, String.class))
                .one()
                .filter(caller::canSee)
                .switchIfEmpty(Mono.error(() -> ApiException.invalidField(
                        "permitNo", "no permit of that number in the directory of your division", permitNo)));
    }

    /** Registers the point and its audit row in one transaction; 409 when the MN is taken. */
    Mono<UUID> create(PointForm form, String division, Caller caller) {
        UUID id = UUID.randomUUID();
        Mono<UUID> insert = db.sql("""
                        INSERT INTO monitoring_point (id, mn, password, permit_no, outlet_code, pollutants,
                                                      division_code, source, created_by)
                        VALUES (:id, :mn, :password, :permitNo, :outletCode, :pollutants, :division, 'API', :by)
                        ON CONFLICT (mn) DO NOTHING
                        """)
                .bind("id", id)
                .bind("mn", form.mn())
                .bind("password", form.password())
                .bind("permitNo", form.permitNo())
                .bind("outletCode", form.outletCode())
                .bind("pollutants", form.pollutants().toArray(String[]::new))
                .bind("division", division)
                .bind("by", caller.subject())
                .fetch()
                .rowsUpdated()
                .flatMap(n -> n == 0
                        ? Mono.error(ApiException.conflict("mn-taken", "a point with MN " + form.mn() + " exists"))
                        : audit.record(
                                        "monitoring.point.registered",
                                        "monitoring_point",
                                        form.mn(),
                                        Map.of(
                                                "permitNo", form.permitNo(),
                                                "outletCode", form.outletCode(),
                                                "pollutants", form.pollutants()))
                                .thenReturn(id));
        return tx.transactional(insert);
    }

    Mono<PointView> find(String mn, Caller caller) {
        return db.sql(SELECT + " WHERE p.mn = :mn AND p.division_code LIKE :scope")
                .bind("mn", mn)
                .bind("scope", caller.division().likePattern())
                .map(PointStore::view)
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("point-not-found", "no point " + mn)));
    }

    /**
     * @param permitNo       only this permit's points, when given
     * @param outletOnPermit only points whose outlet is (true) or is not (false) on the permit, when given
     */
    Flux<PointView> list(Caller caller, String permitNo, Boolean outletOnPermit, long offset, int limit) {
        return db.sql(SELECT + where(permitNo, outletOnPermit) + " ORDER BY p.permit_no, p.outlet_code, p.mn"
                        + " LIMIT :limit OFFSET :offset")
                .bindValues(params(caller, permitNo, outletOnPermit, Map.of("limit", limit, "offset", offset)))
                .map(PointStore::view)
                .all();
    }

    Mono<Long> count(Caller caller, String permitNo, Boolean outletOnPermit) {
        return db.sql("SELECT count(*) FROM (" + SELECT + where(permitNo, outletOnPermit) + ") q")
                .bindValues(params(caller, permitNo, outletOnPermit, Map.of()))
                .map(r -> r.get(0, Long.class))
                .one();
    }

    private static String where(String permitNo, Boolean outletOnPermit) {
        return " WHERE p.division_code LIKE :scope"
                + (permitNo == null ? "" : " AND p.permit_no = :permitNo")
                + (outletOnPermit == null ? "" : " AND (o.value IS NOT NULL) = :onPermit");
    }

    private static Map<String, Object> params(
            Caller caller, String permitNo, Boolean onPermit, Map<String, Object> more) {
        var params = new java.util.HashMap<String, Object>(more);
        params.put("scope", caller.division().likePattern());
        if (permitNo != null) {
            params.put("permitNo", permitNo);
        }
        if (onPermit != null) {
            params.put("onPermit", onPermit);
        }
        return params;
    }

    /** Required outlets ({@link UnmonitoredOutlet}) of the caller's division with no point registered on them. */
    Flux<UnmonitoredOutlet> unmonitored(Caller caller, long offset, int limit) {
        return db.sql(UNMONITORED + " ORDER BY county_code, permit_no, outlet_code LIMIT :limit OFFSET :offset")
                .bind("scope", caller.division().likePattern())
                .bind("limit", limit)
                .bind("offset", offset)
                .map(r -> new UnmonitoredOutlet(
                        r.get("permit_no", String.class),
                        r.get("unit_name", String.class),
                        r.get("county_code", String.class),
                        r.get("outlet_code", String.class),
                        r.get("outlet_name", String.class)))
                .all();
    }

    Mono<Long> countUnmonitored(Caller caller) {
        return db.sql("SELECT count(*) FROM (" + UNMONITORED + ") q")
                .bind("scope", caller.division().likePattern())
                .map(r -> r.get(0, Long.class))
                .one();
    }

    /** Required outlets: the view required_monitoring (V3) holds the rule, per outlet and pollutant. */
    private static final String UNMONITORED = """
            SELECT DISTINCT u.permit_no, u.unit_name, u.county_code, u.outlet_code, u.outlet_name
            FROM required_monitoring u
            WHERE u.county_code LIKE :scope
              AND NOT EXISTS (SELECT 1 FROM monitoring_point p
                              WHERE p.permit_no = u.permit_no AND p.outlet_code = u.outlet_code)
            """;

    private static PointView view(Readable r) {
        return new PointView(
                r.get("id", UUID.class),
                r.get("mn", String.class),
                r.get("permit_no", String.class),
                r.get("unit_name", String.class),
                r.get("outlet_code", String.class),
                r.get("outlet_name", String.class),
                Boolean.TRUE.equals(r.get("on_permit", Boolean.class)),
                Arrays.asList(r.get("pollutants", String[].class)),
                Arrays.asList(r.get("unpermitted", String[].class)),
                r.get("division_code", String.class),
                r.get("source", String.class),
                r.get("created_at", OffsetDateTime.class));
    }
}
