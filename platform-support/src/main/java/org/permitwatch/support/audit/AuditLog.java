package org.permitwatch.support.audit;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.security.Role;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code audit_log} rows through the application's {@link DatabaseClient}, so a row joins whatever
 * reactive transaction is open: call it inside the same {@code TransactionalOperator}/{@code @Transactional}
 * as the write it records, and the audit row commits or rolls back with it.
 */
public class AuditLog {

    /** Actor recorded when no user is behind the action (scheduled jobs, event consumers). */
    public static final String SYSTEM_ACTOR = "system";

    private static final String INSERT = """
            INSERT INTO audit_log (id, occurred_at, actor, actor_name, roles, division, action, resource_type,
                                   resource_id, details, client_ip, user_agent, trace_id)
            VALUES """;

    /** One row's values; the actor's and the request's are bound once for all rows of a statement. */
    private static final String ROW = """
            (:id%1$d, now(), :actor, :actorName, :roles, :division, :action%1$d, :resourceType%1$d, :resourceId%1$d,
             CAST(:details%1$d AS jsonb), :clientIp, :userAgent, :traceId)""";

    /** The statements for one to four rows, built once: the driver caches a prepared statement per text. */
    private static final String[] INSERTS = new String[4];

    static {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < INSERTS.length; i++) {
            rows.append(i == 0 ? "" : ",\n").append(ROW.formatted(i));
            INSERTS[i] = INSERT + rows;
        }
    }

    private final DatabaseClient db;
    private final JsonMapper json;
    private final String systemName;

    public AuditLog(DatabaseClient db, JsonMapper json, String systemName) {
        this.db = db;
        this.json = json;
        this.systemName = systemName;
    }

    /** An action to record: what was done to which resource, with details for the reader of the log. */
    public record Entry(String action, String resourceType, String resourceId, Map<String, ?> details) {}

    /** Records an action of the current caller; falls back to the system actor when there is none. */
    public Mono<Void> record(String action, String resourceType, String resourceId, Map<String, ?> details) {
        return recordAll(List.of(new Entry(action, resourceType, resourceId, details)));
    }

    /**
     * Records several actions of the current caller in one statement (one round trip: issue 21's submission writes
     * two or three rows), in the order given.
     */
    public Mono<Void> recordAll(List<Entry> entries) {
        return CurrentCaller.find()
                .map(Actor::of)
                .defaultIfEmpty(Actor.system(systemName))
                .flatMap(actor -> insert(actor, entries));
    }

    /** Records an action taken by the platform itself, even if a user request triggered the code path. */
    public Mono<Void> recordAsSystem(String action, String resourceType, String resourceId, Map<String, ?> details) {
        return insert(Actor.system(systemName), List.of(new Entry(action, resourceType, resourceId, details)));
    }

    private Mono<Void> insert(Actor actor, List<Entry> entries) {
        if (entries.isEmpty()) {
            return Mono.empty();
        }
        if (entries.size() > INSERTS.length) {
            return insert(actor, entries.subList(0, INSERTS.length))
                    .then(insert(actor, entries.subList(INSERTS.length, entries.size())));
        }
        return RequestInfo.current().flatMap(info -> {
            var spec = db.sql(INSERTS[entries.size() - 1])
                    .bind("actor", actor.subject())
                    .bind("roles", actor.roles())
                    .bind("traceId", info.traceId());
            spec = bindNullable(spec, "actorName", actor.name(), String.class);
            spec = bindNullable(spec, "division", actor.division(), String.class);
            spec = bindNullable(spec, "clientIp", info.clientIp(), String.class);
            spec = bindNullable(spec, "userAgent", info.userAgent(), String.class);
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                spec = spec.bind("id" + i, UUID.randomUUID())
                        .bind("action" + i, e.action())
                        .bind("resourceType" + i, e.resourceType())
                        .bind("details" + i, json.writeValueAsString(e.details() == null ? Map.of() : e.details()));
                spec = bindNullable(spec, "resourceId" + i, e.resourceId(), String.class);
            }
            return spec.then();
        });
    }

    private static DatabaseClient.GenericExecuteSpec bindNullable(
            DatabaseClient.GenericExecuteSpec spec, String name, Object value, Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    private record Actor(String subject, String name, String[] roles, String division) {

        static Actor of(Caller caller) {
            String[] roles =
                    new TreeSet<>(caller.roles().stream().map(Role::name).toList()).toArray(String[]::new);
            return new Actor(
                    caller.subject(), caller.name(), roles, caller.division().value());
        }

        static Actor system(String name) {
            return new Actor(SYSTEM_ACTOR, name, new String[0], null);
        }
    }
}
