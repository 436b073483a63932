package org.permitwatch.inspection.remote;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.events.vocabulary.ViolationType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Read side of alerts; every query takes the caller's division LIKE pattern (rows outside it do not exist). */
@Component
class AlertQueries {

    /** Optional filters; null = any. */
    record Filter(RemoteRule rule, AlertStatus status, String cityCode, String countyCode, AlertSource source) {

        Filter(RemoteRule rule, AlertStatus status, String cityCode, String countyCode) {
            this(rule, status, cityCode, countyCode, null);
        }
    }

    private static final String SELECT = """
            SELECT id, rule, rule_version, status, permit_number, unit_name, province_code, city_code, county_code,
                   industry_code, key_industry, violation_type, article, evidence::text AS evidence, raised_at,
                   updated_at, resolved_at, review_decision, review_reason, reviewed_by, reviewed_at, task_id, case_id,
                   source, mn, outlet_code, pollutant_code, period_start, period_end, worst_value, limit_value,
                   value_unit, standard, source_status, source_resolved_at
            FROM remote_alert
            """;
    private static final String WHERE = """
             WHERE county_code LIKE :division
               AND (CAST(:rule AS text) IS NULL OR rule = CAST(:rule AS text))
               AND (CAST(:status AS text) IS NULL OR status = CAST(:status AS text))
               AND (CAST(:city AS text) IS NULL OR city_code = CAST(:city AS text))
               AND (CAST(:county AS text) IS NULL OR county_code = CAST(:county AS text))
               AND (CAST(:source AS text) IS NULL OR source = CAST(:source AS text))
            """;

    private final DatabaseClient db;
    private final JsonMapper json;

    AlertQueries(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Flux<AlertView> list(String divisionLike, Filter filter, String orderBy, long offset, int limit) {
        return bind(
                        db.sql(SELECT + WHERE + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset"),
                        divisionLike,
                        filter)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(this::map)
                .all();
    }

    Mono<Long> count(String divisionLike, Filter filter) {
        return bind(db.sql("SELECT count(*) AS n FROM remote_alert" + WHERE), divisionLike, filter)
                .map(r -> r.get("n", Long.class))
                .one();
    }

    /** Empty when unknown or outside the division. */
    Mono<AlertView> find(UUID id, String divisionLike) {
        return bind(db.sql(SELECT + WHERE + " AND id = :id"), divisionLike, new Filter(null, null, null, null))
                .bind("id", id)
                .map(this::map)
                .one();
    }

    private static DatabaseClient.GenericExecuteSpec bind(
            DatabaseClient.GenericExecuteSpec spec, String divisionLike, Filter f) {
        spec = spec.bind("division", divisionLike);
        spec = f.rule() == null
                ? spec.bindNull("rule", String.class)
                : spec.bind("rule", f.rule().name());
        spec = f.status() == null
                ? spec.bindNull("status", String.class)
                : spec.bind("status", f.status().name());
        spec = f.cityCode() == null ? spec.bindNull("city", String.class) : spec.bind("city", f.cityCode());
        spec = f.source() == null
                ? spec.bindNull("source", String.class)
                : spec.bind("source", f.source().name());
        return f.countyCode() == null ? spec.bindNull("county", String.class) : spec.bind("county", f.countyCode());
    }

    @SuppressWarnings("unchecked")
    private AlertView map(Readable r) {
        String violationType = r.get("violation_type", String.class);
        String decision = r.get("review_decision", String.class);
        AlertView.Review review = decision == null
                ? null
                : new AlertView.Review(
                        decision,
                        r.get("review_reason", String.class),
                        r.get("reviewed_by", String.class),
                        r.get("reviewed_at", OffsetDateTime.class));
        AlertSource source = AlertSource.valueOf(r.get("source", String.class));
        AlertView.Monitoring monitoring = source != AlertSource.MONITORING
                ? null
                : new AlertView.Monitoring(
                        r.get("mn", String.class),
                        r.get("outlet_code", String.class),
                        r.get("pollutant_code", String.class),
                        r.get("period_start", OffsetDateTime.class),
                        r.get("period_end", OffsetDateTime.class),
                        r.get("worst_value", Double.class),
                        r.get("limit_value", Double.class),
                        r.get("value_unit", String.class),
                        r.get("standard", String.class),
                        r.get("source_status", String.class),
                        r.get("source_resolved_at", OffsetDateTime.class));
        return new AlertView(
                r.get("id", UUID.class),
                r.get("rule", String.class),
                source,
                r.get("rule_version", String.class),
                AlertStatus.valueOf(r.get("status", String.class)),
                r.get("permit_number", String.class),
                r.get("unit_name", String.class),
                r.get("province_code", String.class),
                r.get("city_code", String.class),
                r.get("county_code", String.class),
                r.get("industry_code", String.class),
                r.get("key_industry", String.class),
                violationType,
                label(violationType),
                r.get("article", String.class),
                json.readValue(r.get("evidence", String.class), Map.class),
                r.get("raised_at", OffsetDateTime.class),
                r.get("updated_at", OffsetDateTime.class),
                r.get("resolved_at", OffsetDateTime.class),
                review,
                r.get("task_id", UUID.class),
                r.get("case_id", UUID.class),
                monitoring);
    }

    private static String label(String violationType) {
        try {
            return ViolationType.valueOf(violationType).label();
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
