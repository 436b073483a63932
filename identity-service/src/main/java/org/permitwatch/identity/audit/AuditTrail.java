package org.permitwatch.identity.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code audit_event} rows (等保2.0 security audit: who, when, what, outcome, from where). Uses the caller's
 * transaction when there is one, so an admin action and its audit row commit or roll back together.
 */
public class AuditTrail {

    public static final String SUCCESS = "SUCCESS";
    public static final String FAILURE = "FAILURE";
    public static final String SYSTEM = "system";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    public AuditTrail(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public void record(
            String actor,
            String actorDivision,
            String action,
            String target,
            String targetDivision,
            String outcome,
            String remoteAddress,
            Map<String, ?> detail) {
        jdbc.sql("INSERT INTO audit_event (at, actor, actor_division, action, target, target_division,"
                        + " outcome, remote_address, detail) VALUES (:at, :actor, :division, :action, :target,"
                        + " :targetDivision, :outcome, :remote, CAST(:detail AS jsonb))")
                .param("at", Timestamp.from(clock.instant()))
                .param("actor", actor)
                .param("division", actorDivision)
                .param("action", action)
                .param("target", target)
                .param("targetDivision", targetDivision)
                .param("outcome", outcome)
                .param("remote", remoteAddress)
                .param("detail", json.writeValueAsString(detail == null ? Map.of() : detail))
                .update();
    }

    /** An action of the provider itself (scheduled key rotation, demo-user seeding). */
    public void system(String action, String target, String note) {
        record(SYSTEM, null, action, target, null, SUCCESS, null, Map.of("note", note));
    }
}
