package org.permitwatch.identity.client;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.permitwatch.identity.config.IdentityProperties;
import org.permitwatch.identity.token.Scopes;
import org.permitwatch.identity.token.TokenClaims;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers (or updates, from the environment, on every start) the clients the contract names: permitwatch-console
 * and permitwatch-field (public, code + PKCE S256, rotating refresh tokens) and, only with IDENTITY_LOCAL_CLI_SECRET,
 * permitwatch-local-cli. Without the secret a local-cli registration left from an earlier start is removed.
 */
public class BuiltInClients {

    public static final String CONSOLE = "permitwatch-console";
    public static final String FIELD = "permitwatch-field";

    private final RegisteredClientRepository repository;
    private final ClientAccounts accounts;
    private final IdentityProperties properties;
    private final PasswordEncoder encoder;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final Clock clock;

    public BuiltInClients(
            RegisteredClientRepository repository,
            ClientAccounts accounts,
            IdentityProperties properties,
            PasswordEncoder encoder,
            org.springframework.jdbc.core.simple.JdbcClient jdbc,
            Clock clock) {
        this.repository = repository;
        this.accounts = accounts;
        this.properties = properties;
        this.encoder = encoder;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public void register() {
        save(publicClient(CONSOLE, "PermitWatch 控制台", properties.consoleRedirectUris()));
        save(publicClient(FIELD, "PermitWatch 现场执法", properties.fieldRedirectUris()));
        if (properties.localCliEnabled()) {
            save(localCli());
        } else {
            // Never in Kubernetes: a client that signs any role must not outlive the secret that enabled it.
            jdbc.sql("DELETE FROM oauth2_authorization WHERE registered_client_id IN"
                            + " (SELECT id FROM oauth2_registered_client WHERE client_id = :c)")
                    .param("c", TokenClaims.LOCAL_CLI)
                    .update();
            jdbc.sql("DELETE FROM oauth2_registered_client WHERE client_id = :c")
                    .param("c", TokenClaims.LOCAL_CLI)
                    .update();
            jdbc.sql("DELETE FROM client_account WHERE client_id = :c")
                    .param("c", TokenClaims.LOCAL_CLI)
                    .update();
        }
    }

    private RegisteredClient publicClient(String clientId, String name, List<String> redirectUris) {
        return RegisteredClient.withId(idOf(clientId))
                .clientId(clientId)
                .clientName(name)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(redirectUris))
                .postLogoutRedirectUris(uris -> uris.addAll(redirectUris))
                .scopes(s -> s.addAll(Set.of(OidcScopes.OPENID, OidcScopes.PROFILE, Scopes.PII_READ)))
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        // Our own first-party apps: no consent page.
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(properties.userAccessTokenTtl())
                        .refreshTokenTimeToLive(properties.refreshIdle())
                        .reuseRefreshTokens(false)
                        .authorizationCodeTimeToLive(Duration.ofMinutes(2))
                        .build())
                .build();
    }

    private RegisteredClient localCli() {
        Set<String> scopes = new LinkedHashSet<>(Scopes.SORTED_GRANTABLE);
        return RegisteredClient.withId(idOf(TokenClaims.LOCAL_CLI))
                .clientId(TokenClaims.LOCAL_CLI)
                .clientName("PermitWatch local CLI (./run.sh token)")
                .clientSecret(encoder.encode(properties.localCliSecret()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(s -> s.addAll(scopes))
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(properties.clientAccessTokenTtl())
                        .build())
                .build();
    }

    private void save(RegisteredClient client) {
        RegisteredClient existing = repository.findByClientId(client.getClientId());
        RegisteredClient toSave = existing == null
                ? client
                : RegisteredClient.from(client).id(existing.getId()).build();
        repository.save(toSave);
        accounts.insert(new ClientAccount(
                client.getClientId(),
                ClientAccount.BUILT_IN,
                null,
                null,
                true,
                clock.instant(),
                "system",
                clock.instant(),
                "system"));
    }

    /** A stable row id per built-in client, so replicas starting together write the same row. */
    private static String idOf(String clientId) {
        return UUID.nameUUIDFromBytes(("permitwatch:" + clientId).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }
}
