package org.permitwatch.identity.token;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.permitwatch.identity.client.ClientAccount;
import org.permitwatch.identity.client.ClientAccounts;
import org.permitwatch.identity.config.IdentityProperties;
import org.permitwatch.identity.user.UserAccount;
import org.permitwatch.identity.user.UserRepository;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Adds the contract's claims to every token: {@code aud}, {@code roles}, {@code division}, {@code name},
 * {@code scope}, {@code client_id}, and {@code sub} = the user's id (an inspector's directory id) or the client id.
 * Also the last gate before a token is signed: a refresh for a user who is disabled, locked or gone, and a token for
 * a disabled client, end in {@code invalid_grant}.
 */
public class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    public static final String LOCAL_CLI = "permitwatch-local-cli";

    private final UserRepository users;
    private final ClientAccounts clients;
    private final IdentityProperties properties;
    private final Clock clock;

    public TokenClaims(UserRepository users, ClientAccounts clients, IdentityProperties properties, Clock clock) {
        this.users = users;
        this.clients = clients;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        AuthorizationGrantType grant = context.getAuthorizationGrantType();
        String clientId = context.getRegisteredClient().getClientId();
        JwtClaimsSet.Builder claims = context.getClaims();
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean idToken =
                OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!accessToken && !idToken) {
            return;
        }
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(grant)) {
            clientCredentials(context, clientId, claims);
            return;
        }
        UserAccount user = activeUser(context.getPrincipal());
        claims.subject(user.subject());
        claims.claim("roles", list(user.role().name()));
        claims.claim("division", user.division().value());
        claims.claim("name", user.displayName());
        claims.claim("preferred_username", user.username());
        if (accessToken) {
            claims.audience(new ArrayList<>(properties.audiences()));
            claims.claim("client_id", clientId);
            Set<String> scopes = new TreeSet<>(context.getAuthorizedScopes());
            // pii:read is a right of the person, not of the app: only a user holding it gets it.
            if (!user.piiRead()) {
                scopes.remove(Scopes.PII_READ);
            }
            claims.claim("scope", new ArrayList<>(scopes));
        }
    }

    private void clientCredentials(JwtEncodingContext context, String clientId, JwtClaimsSet.Builder claims) {
        ClientAccount account = clients.find(clientId)
                .filter(ClientAccount::enabled)
                .orElseThrow(() -> invalidGrant("the client is disabled"));
        claims.audience(new ArrayList<>(properties.audiences()));
        claims.claim("client_id", clientId);
        Set<String> scopes = new TreeSet<>(context.getAuthorizedScopes());
        if (LOCAL_CLI.equals(clientId)) {
            localCli(context, claims, scopes);
            return;
        }
        // A city system always carries its area scopes: no scope asked = all the client holds.
        if (scopes.isEmpty()) {
            scopes.addAll(context.getRegisteredClient().getScopes());
        }
        claims.subject(clientId);
        claims.claim("roles", list(account.role().name()));
        claims.claim("division", account.division().value());
        claims.claim("name", context.getRegisteredClient().getClientName());
        claims.claim("scope", new ArrayList<>(scopes));
    }

    private void localCli(JwtEncodingContext context, JwtClaimsSet.Builder claims, Set<String> scopes) {
        Authentication grant = context.getAuthorizationGrant();
        Map<String, Object> parameters = grant instanceof OAuth2ClientCredentialsAuthenticationToken token
                ? token.getAdditionalParameters()
                : Map.of();
        LocalCliRequest request;
        try {
            request = LocalCliRequest.parse(parameters, properties.localCliMaxTtl());
        } catch (IllegalArgumentException e) {
            throw new OAuth2AuthenticationException(
                    new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, e.getMessage(), null));
        }
        Instant issuedAt = context.getClaims().build().getIssuedAt();
        claims.subject(request.subject());
        claims.claim("roles", list(request.role().name()));
        claims.claim("division", request.division().value());
        claims.claim("name", request.name());
        claims.expiresAt(issuedAt.plus(request.ttl()));
        if (scopes.isEmpty()) {
            // Without an area scope a token is governed by its roles alone, like a user's.
            claims.claims(c -> c.remove("scope"));
        } else {
            claims.claim("scope", new ArrayList<>(scopes));
        }
    }

    /**
     * Claim values are stored with the authorization (SAS's JSON with an allow-list of types): a mutable ArrayList is
     * on it, List.of's internal classes are not.
     */
    private static List<String> list(String value) {
        List<String> list = new ArrayList<>();
        list.add(value);
        return list;
    }

    private UserAccount activeUser(Authentication principal) {
        String username = principal == null ? null : principal.getName();
        UserAccount user =
                username == null ? null : users.findByUsername(username).orElse(null);
        if (user == null) {
            throw invalidGrant("the user no longer exists");
        }
        if (!user.enabled()) {
            throw invalidGrant("the user is disabled");
        }
        if (user.lockedAt(clock.instant())) {
            throw invalidGrant("the user is locked");
        }
        return user;
    }

    private static OAuth2AuthenticationException invalidGrant(String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, description, null));
    }
}
