package org.permitwatch.identity.admin;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.OAuthFlow;
import io.swagger.v3.oas.annotations.security.OAuthFlows;
import io.swagger.v3.oas.annotations.security.OAuthScope;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;

/**
 * The OpenAPI description of the admin API (/auth/v3/api-docs): bearer tokens of this provider, obtained with the
 * authorization-code flow (PKCE) of permitwatch-console, or client credentials of the local CLI.
 */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "PermitWatch identity-service admin API",
                        version = "v1",
                        description =
                                "Users, city-system clients, signing keys and the audit log of the platform's OIDC"
                                        + " provider. Problems are RFC 9457 (application/problem+json) with `code` and `errors[]`."),
        servers = @Server(url = "/auth"),
        security = @SecurityRequirement(name = AdminApi.SCHEME))
@SecurityScheme(
        name = AdminApi.SCHEME,
        type = SecuritySchemeType.OAUTH2,
        description = "Access token (JWT, RS256) of this provider; the platform's token policy applies. Tokens"
                + " that carry an API-area scope (city systems) cannot administer identities.",
        flows =
                @OAuthFlows(
                        authorizationCode =
                                @OAuthFlow(
                                        authorizationUrl = "/auth/oauth2/authorize",
                                        tokenUrl = "/auth/oauth2/token",
                                        refreshUrl = "/auth/oauth2/token",
                                        scopes = {
                                            @OAuthScope(name = "openid", description = "OpenID Connect sign-in"),
                                            @OAuthScope(name = "profile", description = "name and username")
                                        }),
                        clientCredentials = @OAuthFlow(tokenUrl = "/auth/oauth2/token")))
public final class AdminApi {

    public static final String SCHEME = "permitwatch-identity";

    private AdminApi() {}
}
