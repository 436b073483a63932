package org.permitwatch.inspection.finding;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.inspection.record.RecordScope;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Read side of findings; every query carries the caller's scope as SQL. */
@Component
class FindingQueries {

    private final DatabaseClient db;

    FindingQueries(DatabaseClient db) {
        this.db = db;
    }

    Flux<FindingRows.Row> list(RecordScope scope, FindingFilter filter, long offset, int limit) {
        Where w = where(scope, filter);
        var spec = db.sql("SELECT " + FindingRows.COLUMNS + " FROM finding f WHERE " + w.sql
                + " ORDER BY f.inspected_at DESC, f.id LIMIT :limit OFFSET :offset");
        return bind(scope.bind(spec), w)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(FindingRows::row)
                .all();
    }

    Mono<Long> count(RecordScope scope, FindingFilter filter) {
        Where w = where(scope, filter);
        var spec = db.sql("SELECT count(*) AS n FROM finding f WHERE " + w.sql);
        return bind(scope.bind(spec), w).map(r -> r.get("n", Long.class)).one();
    }

    Mono<FindingRows.Row> find(UUID id, RecordScope scope) {
        var spec = db.sql(
                "SELECT " + FindingRows.COLUMNS + " FROM finding f WHERE f.id = :id AND " + scope.condition("f"));
        return scope.bind(spec.bind("id", id)).map(FindingRows::row).one();
    }

    private record Where(String sql, Map<String, Object> params) {}

    private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, Where w) {
        for (var e : w.params.entrySet()) {
            spec = spec.bind(e.getKey(), e.getValue());
        }
        return spec;
    }

    private static Where where(RecordScope scope, FindingFilter f) {
        StringBuilder sql = new StringBuilder(scope.condition("f"));
        Map<String, Object> params = new LinkedHashMap<>();
        if (f.permitNumber() != null) {
            sql.append(" AND f.permit_number = :permit");
            params.put("permit", f.permitNumber());
        }
        if (f.violationType() != null) {
            sql.append(" AND f.violation_type = :violation");
            params.put("violation", f.violationType());
        }
        if (f.status() != null) {
            sql.append(" AND f.status = :status");
            params.put("status", f.status());
        }
        if (f.from() != null) {
            sql.append(" AND f.inspected_at >= :from");
            params.put("from", f.from());
        }
        if (f.to() != null) {
            sql.append(" AND f.inspected_at < :to");
            params.put("to", f.to());
        }
        return new Where(sql.toString(), params);
    }
}
