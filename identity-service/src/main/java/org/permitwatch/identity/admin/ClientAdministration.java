package org.permitwatch.identity.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.permitwatch.identity.audit.AuditTrail;
import org.permitwatch.identity.client.ClientAccount;
import org.permitwatch.identity.client.ClientAccounts;
import org.permitwatch.identity.config.IdentityProperties;
import org.permitwatch.identity.token.Scopes;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.ApiArea;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.transaction.annotation.Transactional;

/**
 * City systems: confidential clients (client_secret_basic, client_credentials only), each bound to one division (its
 * token's role is the division's level) and at least one API-area scope. The secret is returned once and stored only
 * as an Argon2id hash.
 */
public class ClientAdministration {

    /** Request body of {@code POST /api/v1/clients}. */
    public record Create(
            @Pattern(regexp = "[a-z0-9][a-z0-9-]{2,62}", message = "3–63 lower-case letters, digits or '-'")
            String clientId,

            @NotBlank @Size(max = 100) String name,

            @NotBlank @Pattern(regexp = "\\d{6}", message = "a 6-digit division code")
            String division,

            @NotEmpty List<@NotBlank String> scopes) {}

    /** A client as listed; {@code clientSecret} only in the answer that created or rotated it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(
            String clientId,
            String name,
            Role role,
            String division,
            List<String> scopes,
            boolean enabled,
            Instant createdAt,
            String createdBy,
            Instant updatedAt,
            String updatedBy,
            String clientSecret) {}

    private final RegisteredClientRepository repository;
    private final ClientAccounts accounts;
    private final PasswordEncoder encoder;
    private final IdentityProperties properties;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ClientAdministration(
            RegisteredClientRepository repository,
            ClientAccounts accounts,
            PasswordEncoder encoder,
            IdentityProperties properties,
            AuditTrail audit,
            JdbcClient jdbc,
            Clock clock) {
        this.repository = repository;
        this.accounts = accounts;
        this.encoder = encoder;
        this.properties = properties;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public PageResponse<View> list(AdminCaller caller, Paging paging) {
        requireClientAdmin(caller);
        List<View> items = accounts.systemsIn(caller.division(), paging.size(), paging.offset()).stream()
                .map(a -> view(a, repository.findByClientId(a.clientId()), null))
                .toList();
        return paging.page(items, accounts.countSystemsIn(caller.division()));
    }

    @Transactional
    public View create(AdminCaller caller, Create request, String remote) {
        requireClientAdmin(caller);
        if (!DivisionCode.isValid(request.division())) {
            throw ApiException.invalidField("division", "must be 6 digits with a non-zero province part", null);
        }
        DivisionCode division = DivisionCode.of(request.division());
        Set<String> scopes = new TreeSet<>();
        for (int i = 0; i < request.scopes().size(); i++) {
            String scope = request.scopes().get(i).trim();
            if (!Scopes.GRANTABLE.contains(scope)) {
                throw ApiException.invalidField(
                        "scopes[" + i + "]", "not a grantable scope; one of " + Scopes.SORTED_GRANTABLE, scope);
            }
            scopes.add(scope);
        }
        // pii:read alone would leave the token without an area scope, and such a token is limited by its role only:
        // a system's client must always be bound to API areas (ADR 0018).
        if (scopes.stream().noneMatch(ApiArea::isAreaScope)) {
            throw ApiException.invalidField("scopes", "at least one API-area scope, e.g. directory:read", null);
        }
        if (!DivisionRules.mayManageClient(caller, division)) {
            throw new ApiException(
                    HttpStatus.FORBIDDEN,
                    "outside-division",
                    null,
                    caller.role() + " at " + caller.division() + " cannot register a client at " + division,
                    List.of(FieldProblem.of("division", "outside what the caller may manage")));
        }
        String clientId = request.clientId() != null
                ? request.clientId()
                : "sys-" + division.value() + "-" + UUID.randomUUID().toString().substring(0, 8);
        if (repository.findByClientId(clientId) != null) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "client-id-taken",
                    null,
                    "a client with this id exists",
                    List.of(FieldProblem.of("clientId", "already taken")));
        }
        String secret = newSecret();
        Instant now = clock.instant();
        RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientName(request.name().trim())
                .clientIdIssuedAt(now)
                .clientSecret(encoder.encode(secret))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(s -> s.addAll(scopes))
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(properties.clientAccessTokenTtl())
                        .build())
                .build();
        repository.save(client);
        ClientAccount account = new ClientAccount(
                clientId,
                ClientAccount.SYSTEM,
                DivisionRules.clientRole(division),
                division,
                true,
                now,
                caller.actor(),
                now,
                caller.actor());
        accounts.insert(account);
        audit(caller, "client.create", account, remote, Map.of("scopes", List.copyOf(scopes)));
        return view(account, client, secret);
    }

    @Transactional
    public View rotateSecret(AdminCaller caller, String clientId, String remote) {
        ClientAccount account = reachable(caller, clientId);
        RegisteredClient client = repository.findByClientId(clientId);
        String secret = newSecret();
        repository.save(RegisteredClient.from(client)
                .clientSecret(encoder.encode(secret))
                .clientSecretExpiresAt(account.enabled() ? null : client.getClientSecretExpiresAt())
                .build());
        audit(caller, "client.rotate-secret", account, remote, Map.of());
        return view(account, repository.findByClientId(clientId), secret);
    }

    @Transactional
    public View disable(AdminCaller caller, String clientId, String remote) {
        ClientAccount account = reachable(caller, clientId);
        RegisteredClient client = repository.findByClientId(clientId);
        Instant now = clock.instant();
        // An expired secret is how SAS refuses a client (invalid_client); client_account.enabled is checked again
        // when a token is signed.
        repository.save(RegisteredClient.from(client).clientSecretExpiresAt(now).build());
        accounts.setEnabled(clientId, false, now, caller.actor());
        jdbc.sql("DELETE FROM oauth2_authorization WHERE registered_client_id = :id")
                .param("id", client.getId())
                .update();
        audit(caller, "client.disable", account, remote, Map.of());
        return view(accounts.find(clientId).orElseThrow(), repository.findByClientId(clientId), null);
    }

    private ClientAccount reachable(AdminCaller caller, String clientId) {
        requireClientAdmin(caller);
        return accounts.find(clientId)
                .filter(a -> ClientAccount.SYSTEM.equals(a.kind()))
                .filter(a -> DivisionRules.mayManageClient(caller, a.division()))
                .orElseThrow(() -> ApiException.notFound(ProblemCodes.NOT_FOUND, "no such client in your division"));
    }

    private static void requireClientAdmin(AdminCaller caller) {
        if (!DivisionRules.mayManageClients(caller)) {
            throw ApiException.forbidden(ProblemCodes.FORBIDDEN, caller.role() + " manages no clients");
        }
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static View view(ClientAccount account, RegisteredClient client, String secret) {
        return new View(
                account.clientId(),
                client == null ? null : client.getClientName(),
                account.role(),
                account.division() == null ? null : account.division().value(),
                client == null
                        ? List.of()
                        : client.getScopes().stream().sorted().toList(),
                account.enabled(),
                account.createdAt(),
                account.createdBy(),
                account.updatedAt(),
                account.updatedBy(),
                secret);
    }

    private void audit(AdminCaller caller, String action, ClientAccount target, String remote, Map<String, ?> detail) {
        audit.record(
                caller.actor(),
                caller.division().value(),
                action,
                target.clientId(),
                target.division().value(),
                AuditTrail.SUCCESS,
                remote,
                detail);
    }
}
