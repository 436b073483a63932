package org.permitwatch.inspection.remote;

import io.r2dbc.spi.Readable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finished runs a caller may see: runs that covered the caller's division (the nightly run, the province's run for
 * a city user) and runs inside it (a city's run for the province), never a sibling city's.
 */
@Component
class RunHistory {

    private static final String WHERE = """
             WHERE scope_prefix = '' OR scope_prefix LIKE :callerLike OR :callerPrefix LIKE scope_prefix || '%'
            """;
    private static final TypeReference<Map<String, Map<String, Integer>>> PER_RULE = new TypeReference<>() {};

    private final DatabaseClient db;
    private final JsonMapper json;

    RunHistory(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Flux<RunView> list(String callerPrefix, long offset, int limit) {
        return db.sql("""
                        SELECT id, trigger, scope_division, rules_version, as_of, raised, updated, resolved,
                               per_rule::text AS per_rule, requested_by, started_at, finished_at
                        FROM remote_check_run""" + WHERE + " ORDER BY started_at DESC, id LIMIT :limit OFFSET :offset")
                .bind("callerLike", callerPrefix + "%")
                .bind("callerPrefix", callerPrefix)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(this::map)
                .all();
    }

    Mono<Long> count(String callerPrefix) {
        return db.sql("SELECT count(*) AS n FROM remote_check_run" + WHERE)
                .bind("callerLike", callerPrefix + "%")
                .bind("callerPrefix", callerPrefix)
                .map(r -> r.get("n", Long.class))
                .one();
    }

    private RunView map(Readable r) {
        return new RunView(
                r.get("id", UUID.class),
                r.get("trigger", String.class),
                r.get("scope_division", String.class),
                r.get("rules_version", String.class),
                r.get("as_of", LocalDate.class),
                r.get("raised", Integer.class),
                r.get("updated", Integer.class),
                r.get("resolved", Integer.class),
                json.readValue(r.get("per_rule", String.class), PER_RULE),
                r.get("requested_by", String.class),
                r.get("started_at", OffsetDateTime.class),
                r.get("finished_at", OffsetDateTime.class));
    }
}
