package org.permitwatch.support.audit;

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
            VALUES (:id, now(), :actor, :actorName, :roles, :division, :action, :resourceType,
                    :resourceId, CAST(:details AS jsonb), :clientIp, :userAgent, :traceId)
            """;

    private final DatabaseClient db;
    private final JsonMapper json;
    private final String systemName;

    public AuditLog(DatabaseClient db, JsonMapper json, String systemName) {
        this.db = db;
        this.json = json;
        this.systemName = systemName;
    }

    /** Records an action of the current caller; falls back to the system actor when there is none. */
    public Mono<Void> record(String action, String resourceType, String resourceId, Map<String, ?> details) {
        return CurrentCaller.find()
                .map(Actor::of)
                .defaultIfEmpty(Actor.system(systemName))
                .flatMap(actor -> insert(actor, action, resourceType, resourceId, details));
    }

    /** Records an action taken by the platform itself, even if a user request triggered the code path. */
    public Mono<Void> recordAsSystem(String action, String resourceType, String resourceId, Map<String, ?> details) {
        return insert(Actor.system(systemName), action, resourceType, resourceId, details);
    }

    private Mono<Void> insert(
            Actor actor, String action, String resourceType, String resourceId, Map<String, ?> details) {
        return RequestInfo.current().flatMap(info -> {
            var spec = db.sql(INSERT)
                    .bind("id", UUID.randomUUID())
                    .bind("actor", actor.subject())
                    .bind("roles", actor.roles())
                    .bind("action", action)
                    .bind("resourceType", resourceType)
                    .bind("details", json.writeValueAsString(details == null ? Map.of() : details))
                    .bind("traceId", info.traceId());
            spec = bindNullable(spec, "actorName", actor.name(), String.class);
            spec = bindNullable(spec, "division", actor.division(), String.class);
            spec = bindNullable(spec, "resourceId", resourceId, String.class);
            spec = bindNullable(spec, "clientIp", info.clientIp(), String.class);
            spec = bindNullable(spec, "userAgent", info.userAgent(), String.class);
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
