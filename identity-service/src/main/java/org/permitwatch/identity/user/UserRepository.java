package org.permitwatch.identity.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.security.Role;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code user_account} and {@code password_history} over JDBC. */
public class UserRepository {

    /** The column list and row mapper, for queries built elsewhere (the admin list). */
    public static final String COLUMNS =
            "id, username, display_name, role, division, inspector_id, phone, email, pii_read,"
                    + " password_hash, password_changed_at, must_change_password, totp_secret, totp_required, enabled,"
                    + " failed_attempts, locked_until, last_login_at, created_at, created_by, updated_at, updated_by, version";

    public static final RowMapper<UserAccount> MAPPER = UserRepository::map;

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_account WHERE lower(username) = lower(:u)")
                .param("u", username)
                .query(MAPPER)
                .optional();
    }

    /** Users of a role inside a division (its own code or below), for the first-administrator check. */
    public long countByRoleWithin(Role role, DivisionCode division) {
        return jdbc.sql("SELECT count(*) FROM user_account WHERE role = :role AND division LIKE :prefix")
                .param("role", role.name())
                .param("prefix", division.likePattern())
                .query(Long.class)
                .single();
    }

    public Optional<UserAccount> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_account WHERE id = :id")
                .param("id", id)
                .query(MAPPER)
                .optional();
    }

    /** Locks the row for an update in the caller's transaction (lockout counting must not lose increments). */
    public Optional<UserAccount> findByUsernameForUpdate(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_account WHERE lower(username) = lower(:u) FOR UPDATE")
                .param("u", username)
                .query(MAPPER)
                .optional();
    }

    public Optional<UserAccount> findByIdForUpdate(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_account WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(MAPPER)
                .optional();
    }

    public void insert(UserAccount u) {
        jdbc.sql("INSERT INTO user_account (" + COLUMNS + ") VALUES (:id, :username, :displayName, :role, :division,"
                        + " :inspectorId, :phone, :email, :piiRead, :passwordHash, :passwordChangedAt,"
                        + " :mustChangePassword, :totpSecret, :totpRequired, :enabled, 0, NULL, NULL, :createdAt,"
                        + " :createdBy, :createdAt, :createdBy, 0)")
                .param("id", u.id())
                .param("username", u.username())
                .param("displayName", u.displayName())
                .param("role", u.role().name())
                .param("division", u.division().value())
                .param("inspectorId", u.inspectorId())
                .param("phone", u.phone())
                .param("email", u.email())
                .param("piiRead", u.piiRead())
                .param("passwordHash", u.passwordHash())
                .param("passwordChangedAt", ts(u.passwordChangedAt()))
                .param("mustChangePassword", u.mustChangePassword())
                .param("totpSecret", u.totpSecretSealed())
                .param("totpRequired", u.totpRequired())
                .param("enabled", u.enabled())
                .param("createdAt", ts(u.createdAt()))
                .param("createdBy", u.createdBy())
                .update();
        addHistory(u.id(), u.passwordHash(), u.passwordChangedAt());
    }

    public void recordFailure(UUID id, int failedAttempts, Instant lockedUntil) {
        jdbc.sql("UPDATE user_account SET failed_attempts = :f, locked_until = :l WHERE id = :id")
                .param("f", failedAttempts)
                .param("l", ts(lockedUntil))
                .param("id", id)
                .update();
    }

    public void recordSignIn(UUID id, Instant at) {
        jdbc.sql("UPDATE user_account SET failed_attempts = 0, locked_until = NULL, last_login_at = :at WHERE id = :id")
                .param("at", ts(at))
                .param("id", id)
                .update();
    }

    public void setTotpSecret(UUID id, byte[] sealed, Instant at, String by) {
        jdbc.sql("UPDATE user_account SET totp_secret = :s, totp_last_step = NULL, updated_at = :at, updated_by = :by,"
                        + " version = version + 1 WHERE id = :id")
                .param("s", sealed)
                .param("at", ts(at))
                .param("by", by)
                .param("id", id)
                .update();
    }

    /** The last accepted TOTP time step (replay protection); null before the first. */
    public Long totpLastStep(UUID id) {
        List<Long> steps = jdbc.sql("SELECT totp_last_step FROM user_account WHERE id = :id")
                .param("id", id)
                .query((rs, i) -> rs.getObject("totp_last_step", Long.class))
                .list();
        return steps.isEmpty() ? null : steps.get(0);
    }

    public void setTotpLastStep(UUID id, long step) {
        jdbc.sql("UPDATE user_account SET totp_last_step = :s WHERE id = :id")
                .param("s", step)
                .param("id", id)
                .update();
    }

    public void setPassword(UUID id, String hash, boolean mustChange, Instant at, String by) {
        jdbc.sql("UPDATE user_account SET password_hash = :h, password_changed_at = :at, must_change_password = :m,"
                        + " updated_at = :at, updated_by = :by, version = version + 1 WHERE id = :id")
                .param("h", hash)
                .param("m", mustChange)
                .param("at", ts(at))
                .param("by", by)
                .param("id", id)
                .update();
        addHistory(id, hash, at);
    }

    /** The hashes of the last {@code n} passwords, newest first (the current one included). */
    public List<String> recentPasswordHashes(UUID id, int n) {
        return jdbc.sql("SELECT password_hash FROM password_history WHERE user_id = :id ORDER BY changed_at DESC"
                        + " LIMIT :n")
                .param("id", id)
                .param("n", n)
                .query(String.class)
                .list();
    }

    private void addHistory(UUID id, String hash, Instant at) {
        jdbc.sql("INSERT INTO password_history (user_id, password_hash, changed_at) VALUES (:id, :h, :at)")
                .param("id", id)
                .param("h", hash)
                .param("at", ts(at))
                .update();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        return new UserAccount(
                rs.getObject("id", UUID.class),
                rs.getString("username"),
                rs.getString("display_name"),
                Role.valueOf(rs.getString("role")),
                DivisionCode.of(rs.getString("division")),
                rs.getString("inspector_id"),
                rs.getString("phone"),
                rs.getString("email"),
                rs.getBoolean("pii_read"),
                rs.getString("password_hash"),
                instant(rs.getTimestamp("password_changed_at")),
                rs.getBoolean("must_change_password"),
                rs.getBytes("totp_secret"),
                rs.getBoolean("totp_required"),
                rs.getBoolean("enabled"),
                rs.getInt("failed_attempts"),
                instant(rs.getTimestamp("locked_until")),
                instant(rs.getTimestamp("last_login_at")),
                instant(rs.getTimestamp("created_at")),
                rs.getString("created_by"),
                instant(rs.getTimestamp("updated_at")),
                rs.getString("updated_by"),
                rs.getLong("version"));
    }
}
