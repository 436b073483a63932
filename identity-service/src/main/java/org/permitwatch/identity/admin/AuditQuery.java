package org.permitwatch.identity.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.permitwatch.identity.audit.AuditTrail;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Reads {@code audit_event} for administrators: their own division's events (actor's or target's), newest first. */
public class AuditQuery {

    public record View(
            long id,
            Instant at,
            String actor,
            String actorDivision,
            String action,
            String target,
            String targetDivision,

            @Schema(allowableValues = {AuditTrail.SUCCESS, AuditTrail.FAILURE})
            String outcome,

            String remoteAddress,

            @Schema(
                    description = "what the action changed or why it failed (an open object: its members"
                            + " depend on the action, e.g. note, role, reason)",
                    type = "object",
                    additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
            Map<String, Object> detail) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public AuditQuery(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public PageResponse<View> list(
            AdminCaller caller,
            String actor,
            String action,
            String target,
            String outcome,
            OffsetDateTime from,
            OffsetDateTime to,
            Paging paging) {
        if (!DivisionRules.mayReadAudit(caller)) {
            throw ApiException.forbidden(ProblemCodes.FORBIDDEN, caller.role() + " does not read the audit log");
        }
        StringBuilder where = new StringBuilder(" WHERE (actor_division LIKE :scope OR target_division LIKE :scope)");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("scope", caller.division().likePattern());
        if (actor != null && !actor.isBlank()) {
            where.append(" AND actor = :actor");
            params.put("actor", actor);
        }
        if (action != null && !action.isBlank()) {
            where.append(" AND action = :action");
            params.put("action", action);
        }
        if (target != null && !target.isBlank()) {
            where.append(" AND target = :target");
            params.put("target", target);
        }
        if (outcome != null && !outcome.isBlank()) {
            if (!outcome.equals("SUCCESS") && !outcome.equals("FAILURE")) {
                throw ApiException.invalidField("outcome", "SUCCESS or FAILURE", outcome);
            }
            where.append(" AND outcome = :outcome");
            params.put("outcome", outcome);
        }
        if (from != null) {
            where.append(" AND at >= :from");
            params.put("from", Timestamp.from(from.toInstant()));
        }
        if (to != null) {
            where.append(" AND at < :to");
            params.put("to", Timestamp.from(to.toInstant()));
        }
        long total = jdbc.sql("SELECT count(*) FROM audit_event" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<View> items = jdbc.sql("SELECT id, at, actor, actor_division, action, target, target_division, outcome,"
                        + " remote_address, detail::text AS detail FROM audit_event" + where
                        + " ORDER BY at DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", paging.size())
                .param("offset", paging.offset())
                .query((rs, i) -> new View(
                        rs.getLong("id"),
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"),
                        rs.getString("actor_division"),
                        rs.getString("action"),
                        rs.getString("target"),
                        rs.getString("target_division"),
                        rs.getString("outcome"),
                        rs.getString("remote_address"),
                        detail(rs.getString("detail"))))
                .list();
        return paging.page(items, total);
    }

    /** The jsonb column as an object: a typed open object in the document, not Jackson's JsonNode (ADR 0020). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> detail(String text) {
        return text == null ? Map.of() : json.readValue(text, Map.class);
    }
}
