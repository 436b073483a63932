package org.permitwatch.identity.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.permitwatch.identity.audit.AuditTrail;
import org.permitwatch.identity.user.Passwords;
import org.permitwatch.identity.user.UserAccount;
import org.permitwatch.identity.user.UserRepository;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.security.RoleLevels;
import org.permitwatch.support.web.ListSort;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * The users endpoints' work: each change and its audit row in one transaction; a user outside the caller's division is
 * not found, one inside it of a role the caller may not manage is forbidden (DivisionRules).
 */
public class UserAdministration {

    private final UserRepository users;
    private final Passwords passwords;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    public UserAdministration(
            UserRepository users, Passwords passwords, AuditTrail audit, JdbcClient jdbc, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public PageResponse<UserView> list(
            AdminCaller caller, String q, Role role, String division, Boolean enabled, String sort, Paging paging) {
        // before any query: a bad sort is the caller's mistake whatever else the request says
        String orderBy = ListSort.orderBy(sort, UserSort.class, UserSort.DEFAULT_ORDER, UserSort.TIE_BREAKER);
        Set<Role> roles = DivisionRules.manageableRoles(caller.role());
        if (roles.isEmpty()) {
            throw ApiException.forbidden(ProblemCodes.FORBIDDEN, caller.role() + " manages no users");
        }
        StringBuilder where = new StringBuilder(" WHERE role IN (:roles) AND division LIKE :scope");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("roles", roles.stream().map(Enum::name).toList());
        params.put("scope", caller.division().likePattern());
        if (q != null && !q.isBlank()) {
            where.append(" AND (lower(username) LIKE :q OR lower(display_name) LIKE :q)");
            params.put(
                    "q",
                    "%"
                            + q.trim()
                                    .toLowerCase(java.util.Locale.ROOT)
                                    .replace("%", "")
                                    .replace("_", "") + "%");
        }
        if (role != null) {
            where.append(" AND role = :role");
            params.put("role", role.name());
        }
        if (division != null && !division.isBlank()) {
            if (!DivisionCode.isValid(division)) {
                throw ApiException.invalidField("division", "a 6-digit division code", division);
            }
            where.append(" AND division LIKE :division");
            params.put("division", DivisionCode.of(division).likePattern());
        }
        if (enabled != null) {
            where.append(" AND enabled = :enabled");
            params.put("enabled", enabled);
        }
        long total = jdbc.sql("SELECT count(*) FROM user_account" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<UserView> items = jdbc
                .sql("SELECT " + UserRepository.COLUMNS + " FROM user_account" + where + " ORDER BY " + orderBy
                        + " LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", paging.size())
                .param("offset", paging.offset())
                .query(UserRepository.MAPPER)
                .list()
                .stream()
                .map(UserView::of)
                .toList();
        return paging.page(items, total);
    }

    @Transactional(readOnly = true)
    public UserView get(AdminCaller caller, UUID id) {
        return UserView.of(reachable(caller, id, false));
    }

    @Transactional
    public UserView create(AdminCaller caller, UserRequests.Create request, String remote) {
        List<FieldProblem> problems = new ArrayList<>();
        DivisionCode division = DivisionCode.isValid(request.division()) ? DivisionCode.of(request.division()) : null;
        if (division == null) {
            problems.add(FieldProblem.of("division", "must be 6 digits with a non-zero province part"));
        } else if (!RoleLevels.fits(request.role(), division)) {
            problems.add(FieldProblem.of(
                    "role",
                    request.role() + " cannot be held at a "
                            + division.level().name().toLowerCase(java.util.Locale.ROOT) + "-level division"));
        }
        boolean inspector = request.role() == Role.INSPECTOR;
        boolean hasInspectorId =
                request.inspectorId() != null && !request.inspectorId().isBlank();
        if (inspector && !hasInspectorId) {
            problems.add(FieldProblem.of("inspectorId", "required for an INSPECTOR (the inspector-directory id)"));
        } else if (!inspector && hasInspectorId) {
            problems.add(FieldProblem.of("inspectorId", "only an INSPECTOR has an inspector-directory id"));
        }
        for (String p : passwords.problems(request.password(), request.username(), null)) {
            problems.add(FieldProblem.of("password", p));
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(ProblemCodes.VALIDATION_FAILED, "request validation failed", problems);
        }
        if (!DivisionRules.mayManageUser(caller, request.role(), division)) {
            throw new ApiException(
                    HttpStatus.FORBIDDEN,
                    "outside-division",
                    null,
                    caller.role() + " at " + caller.division() + " cannot create a " + request.role() + " user at "
                            + division,
                    List.of(FieldProblem.of(
                            DivisionRules.manageableRoles(caller.role()).contains(request.role()) ? "division" : "role",
                            "outside what the caller may manage")));
        }
        if (users.findByUsername(request.username()).isPresent()) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "username-taken",
                    null,
                    "a user with this username exists",
                    List.of(FieldProblem.of("username", "already taken")));
        }
        Instant now = clock.instant();
        UserAccount user = UserAccount.created(
                UUID.randomUUID(),
                request.username(),
                request.displayName().trim(),
                request.role(),
                division,
                hasInspectorId ? request.inspectorId().trim() : null,
                request.phone(),
                request.email(),
                Boolean.TRUE.equals(request.piiRead()),
                passwords.hash(request.password()),
                // The administrator chose it: the user replaces it at the first sign-in, unless told otherwise.
                !Boolean.FALSE.equals(request.mustChangePassword()),
                null,
                Boolean.TRUE.equals(request.totpRequired()),
                now,
                caller.actor());
        users.insert(user);
        audit(
                caller,
                "user.create",
                user,
                remote,
                Map.of("role", user.role().name(), "mustChangePassword", user.mustChangePassword()));
        return UserView.of(users.findById(user.id()).orElseThrow());
    }

    @Transactional
    public UserView update(AdminCaller caller, UUID id, UserRequests.Update request, String remote) {
        UserAccount user = reachable(caller, id, true);
        if (request.version() != null && request.version() != user.version()) {
            throw new org.springframework.dao.OptimisticLockingFailureException("stale version");
        }
        Map<String, Object> changed = new LinkedHashMap<>();
        if (request.displayName() != null) {
            changed.put("displayName", request.displayName());
        }
        if (request.phone() != null) {
            changed.put("phone", request.phone());
        }
        if (request.email() != null) {
            changed.put("email", request.email());
        }
        if (request.piiRead() != null) {
            changed.put("piiRead", request.piiRead());
        }
        if (request.totpRequired() != null) {
            changed.put("totpRequired", request.totpRequired());
        }
        jdbc.sql("UPDATE user_account SET display_name = coalesce(:displayName, display_name),"
                        + " phone = coalesce(:phone, phone), email = coalesce(:email, email),"
                        + " pii_read = coalesce(:piiRead, pii_read), totp_required = coalesce(:totpRequired,"
                        + " totp_required), updated_at = :at, updated_by = :by, version = version + 1 WHERE id = :id")
                .param("displayName", request.displayName())
                .param("phone", request.phone())
                .param("email", request.email())
                .param("piiRead", request.piiRead())
                .param("totpRequired", request.totpRequired())
                .param("at", java.sql.Timestamp.from(clock.instant()))
                .param("by", caller.actor())
                .param("id", id)
                .update();
        // Field names only: the audit log is not a copy of personal data.
        audit(caller, "user.update", user, remote, Map.of("fields", List.copyOf(changed.keySet())));
        return UserView.of(users.findById(id).orElseThrow());
    }

    @Transactional
    public UserView disable(AdminCaller caller, UUID id, String remote) {
        UserAccount user = reachable(caller, id, true);
        if (user.subject().equals(caller.subject())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "self-disable", null, "nobody disables themself", List.of());
        }
        setEnabled(caller, user, false);
        // Disabling revokes: no refresh token, code or sign-in session of the user survives.
        int revoked = jdbc.sql("DELETE FROM oauth2_authorization WHERE principal_name = :u")
                .param("u", user.username())
                .update();
        jdbc.sql("DELETE FROM spring_session WHERE principal_name = :u")
                .param("u", user.username())
                .update();
        audit(caller, "user.disable", user, remote, Map.of("revokedAuthorizations", revoked));
        return UserView.of(users.findById(id).orElseThrow());
    }

    @Transactional
    public UserView enable(AdminCaller caller, UUID id, String remote) {
        UserAccount user = reachable(caller, id, true);
        setEnabled(caller, user, true);
        audit(caller, "user.enable", user, remote, Map.of());
        return UserView.of(users.findById(id).orElseThrow());
    }

    @Transactional
    public UserView unlock(AdminCaller caller, UUID id, String remote) {
        UserAccount user = reachable(caller, id, true);
        jdbc.sql("UPDATE user_account SET failed_attempts = 0, locked_until = NULL, updated_at = :at,"
                        + " updated_by = :by, version = version + 1 WHERE id = :id")
                .param("at", java.sql.Timestamp.from(clock.instant()))
                .param("by", caller.actor())
                .param("id", id)
                .update();
        audit(caller, "user.unlock", user, remote, Map.of());
        return UserView.of(users.findById(id).orElseThrow());
    }

    @Transactional
    public UserView resetPassword(AdminCaller caller, UUID id, String password, String remote) {
        UserAccount user = reachable(caller, id, true);
        List<FieldProblem> problems = passwords.problems(password, user.username(), user).stream()
                .map(p -> FieldProblem.of("password", p))
                .toList();
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(ProblemCodes.VALIDATION_FAILED, "request validation failed", problems);
        }
        passwords.change(user, password, true, caller.actor());
        audit(caller, "user.reset-password", user, remote, Map.of());
        return UserView.of(users.findById(id).orElseThrow());
    }

    @Transactional
    public UserView resetTotp(AdminCaller caller, UUID id, String remote) {
        UserAccount user = reachable(caller, id, true);
        users.setTotpSecret(user.id(), null, clock.instant(), caller.actor());
        audit(caller, "user.reset-totp", user, remote, Map.of());
        return UserView.of(users.findById(id).orElseThrow());
    }

    private void setEnabled(AdminCaller caller, UserAccount user, boolean enabled) {
        jdbc.sql("UPDATE user_account SET enabled = :e, updated_at = :at, updated_by = :by, version = version + 1"
                        + " WHERE id = :id")
                .param("e", enabled)
                .param("at", java.sql.Timestamp.from(clock.instant()))
                .param("by", caller.actor())
                .param("id", user.id())
                .update();
    }

    /** The user if the caller may see (and, with {@code forUpdate}, lock) it; 404 outside, 403 for a role above. */
    private UserAccount reachable(AdminCaller caller, UUID id, boolean forUpdate) {
        UserAccount user = (forUpdate ? users.findByIdForUpdate(id) : users.findById(id))
                .filter(u -> DivisionRules.inside(caller, u.division()))
                .orElseThrow(() -> ApiException.notFound(ProblemCodes.NOT_FOUND, "no such user in your division"));
        if (!DivisionRules.mayManageUser(caller, user.role(), user.division())) {
            throw ApiException.forbidden(
                    "outside-division", caller.role() + " does not manage " + user.role() + " users");
        }
        return user;
    }

    private void audit(AdminCaller caller, String action, UserAccount target, String remote, Map<String, ?> detail) {
        audit.record(
                caller.actor(),
                caller.division().value(),
                action,
                target.username(),
                target.division().value(),
                AuditTrail.SUCCESS,
                remote,
                detail);
    }
}
