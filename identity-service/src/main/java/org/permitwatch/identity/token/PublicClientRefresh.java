package org.permitwatch.identity.token;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Lets the public clients (console, phone app) refresh and revoke their tokens with their client id alone. SAS
 * authenticates a public client only for a code exchange with a PKCE verifier and gives it no refresh token; the
 * contract asks for refresh tokens with rotation for these clients (RFC 9700 §4.14.2 allows that for public clients
 * when refresh tokens rotate, which they do: reuse-refresh-tokens is off). Never used for a code exchange: that path
 * stays with SAS's PKCE check.
 */
public final class PublicClientRefresh {

    /** Marks tokens produced by this converter; a request parameter of that name is dropped. */
    static final String MARKER = PublicClientRefresh.class.getName();

    private PublicClientRefresh() {}

    public static AuthenticationConverter converter() {
        return (HttpServletRequest request) -> {
            if (request.getHeader(HttpHeaders.AUTHORIZATION) != null
                    || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
                    || request.getParameter(PkceParameterNames.CODE_VERIFIER) != null) {
                return null;
            }
            String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
            String grantType = request.getParameter(OAuth2ParameterNames.GRANT_TYPE);
            boolean refresh = AuthorizationGrantType.REFRESH_TOKEN.getValue().equals(grantType);
            boolean revoke = grantType == null && request.getRequestURI().endsWith("/oauth2/revoke");
            if (clientId == null || clientId.isBlank() || !(refresh || revoke)) {
                return null;
            }
            if (request.getParameterValues(OAuth2ParameterNames.CLIENT_ID).length != 1) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
            }
            Map<String, Object> parameters = new HashMap<>();
            request.getParameterMap().forEach((name, values) -> {
                if (!name.equals(OAuth2ParameterNames.CLIENT_ID) && !name.equals(MARKER)) {
                    parameters.put(name, values.length == 1 ? values[0] : values);
                }
            });
            parameters.put(MARKER, Boolean.TRUE);
            return new OAuth2ClientAuthenticationToken(clientId, ClientAuthenticationMethod.NONE, null, parameters);
        };
    }

    public static AuthenticationProvider provider(RegisteredClientRepository clients) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                OAuth2ClientAuthenticationToken token = (OAuth2ClientAuthenticationToken) authentication;
                if (!ClientAuthenticationMethod.NONE.equals(token.getClientAuthenticationMethod())
                        || !Boolean.TRUE.equals(token.getAdditionalParameters().get(MARKER))) {
                    return null;
                }
                Object grant = token.getAdditionalParameters().get(OAuth2ParameterNames.GRANT_TYPE);
                if (AuthorizationGrantType.AUTHORIZATION_CODE.getValue().equals(grant)) {
                    return null;
                }
                RegisteredClient client =
                        clients.findByClientId(token.getPrincipal().toString());
                if (client == null
                        || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
                    throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
                }
                return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }
}
