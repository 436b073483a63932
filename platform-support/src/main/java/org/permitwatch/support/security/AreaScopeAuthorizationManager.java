package org.permitwatch.support.security;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

/**
 * "Signed in, and the token's area scopes (if any) cover this request" for a service's API ({@link AreaScopes}). An
 * anonymous request is denied here, which the security chain answers with 401; an area-limited token outside its
 * areas gets 403.
 */
final class AreaScopeAuthorizationManager implements ReactiveAuthorizationManager<AuthorizationContext> {

    private final ApiArea area;

    AreaScopeAuthorizationManager(ApiArea area) {
        this.area = area;
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        boolean safe =
                AreaScopes.isSafe(context.getExchange().getRequest().getMethod().name());
        return authentication
                .filter(Authentication::isAuthenticated)
                .map(auth -> (AuthorizationResult) new AuthorizationDecision(auth instanceof CallerAuthentication caller
                        && AreaScopes.permits(caller.caller().scopes(), area, safe)))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }
}
