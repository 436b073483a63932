package org.permitwatch.identity.client;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.security.Role;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code client_account} over JDBC. */
public class ClientAccounts {

    static final RowMapper<ClientAccount> MAPPER = (rs, i) -> new ClientAccount(
            rs.getString("client_id"),
            rs.getString("kind"),
            rs.getString("role") == null ? null : Role.valueOf(rs.getString("role")),
            rs.getString("division") == null ? null : DivisionCode.of(rs.getString("division")),
            rs.getBoolean("enabled"),
            rs.getTimestamp("created_at").toInstant(),
            rs.getString("created_by"),
            rs.getTimestamp("updated_at").toInstant(),
            rs.getString("updated_by"));

    private final JdbcClient jdbc;

    public ClientAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ClientAccount> find(String clientId) {
        return jdbc.sql("SELECT * FROM client_account WHERE client_id = :id")
                .param("id", clientId)
                .query(MAPPER)
                .optional();
    }

    public void insert(ClientAccount a) {
        jdbc.sql("INSERT INTO client_account (client_id, kind, role, division, enabled, created_at, created_by,"
                        + " updated_at, updated_by) VALUES (:id, :kind, :role, :division, :enabled, :at, :by, :at, :by)"
                        + " ON CONFLICT (client_id) DO NOTHING")
                .param("id", a.clientId())
                .param("kind", a.kind())
                .param("role", a.role() == null ? null : a.role().name())
                .param("division", a.division() == null ? null : a.division().value())
                .param("enabled", a.enabled())
                .param("at", Timestamp.from(a.createdAt()))
                .param("by", a.createdBy())
                .update();
    }

    public void setEnabled(String clientId, boolean enabled, Instant at, String by) {
        jdbc.sql("UPDATE client_account SET enabled = :e, updated_at = :at, updated_by = :by WHERE client_id = :id")
                .param("e", enabled)
                .param("at", Timestamp.from(at))
                .param("by", by)
                .param("id", clientId)
                .update();
    }

    /** System clients inside a division prefix, newest first. */
    public List<ClientAccount> systemsIn(DivisionCode scope, int limit, long offset) {
        return jdbc.sql("SELECT * FROM client_account WHERE kind = 'SYSTEM' AND division LIKE :p"
                        + " ORDER BY created_at DESC, client_id LIMIT :limit OFFSET :offset")
                .param("p", scope.likePattern())
                .param("limit", limit)
                .param("offset", offset)
                .query(MAPPER)
                .list();
    }

    public long countSystemsIn(DivisionCode scope) {
        return jdbc.sql("SELECT count(*) FROM client_account WHERE kind = 'SYSTEM' AND division LIKE :p")
                .param("p", scope.likePattern())
                .query(Long.class)
                .single();
    }
}
