package org.permitwatch.identity.admin;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/**
 * The OpenAPI description of the admin API (/auth/v3/api-docs; contract of record docs/api/identity-service.json).
 * Only the description is here: the server, the paths' /auth prefix, the OAuth2 schemes (authorization code with PKCE,
 * client credentials), the problem+json answers, paging and operationIds come from platform-support's openapi rules,
 * the same as every other service's document (ADR 0020).
 */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "identity-service",
                        version = "1.0.0",
                        description =
                                "Users, city-system clients, signing keys and the audit log of the platform's OIDC"
                                        + " provider (docs/identity.md). Its own OAuth2/OIDC endpoints are described by"
                                        + " /auth/.well-known/openid-configuration. Tokens that carry an API-area scope"
                                        + " (city systems) cannot administer identities. Problems are RFC 9457"
                                        + " (application/problem+json) with `code` and `errors[]`."))
public final class AdminApi {

    private AdminApi() {}
}
