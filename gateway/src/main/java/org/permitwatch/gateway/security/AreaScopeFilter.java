package org.permitwatch.gateway.security;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.util.Locale;
import org.permitwatch.gateway.problem.ProblemResponses;
import org.permitwatch.support.security.ApiArea;
import org.permitwatch.support.security.AreaScopes;
import org.permitwatch.support.security.CallerAuthentication;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The area-scope rule (platform-support {@link AreaScopes}, ADR 0018) at the edge, per route: a city system's
 * token limited to {@code directory:read} never reaches inspection-service. It runs after routing because only
 * the matched route knows its area: each route declares it as metadata {@code api-area} (an area's key, or
 * {@code none} for routes outside every area such as the API documents and the identity provider, which
 * decides for itself). A route without the metadata refuses every area-limited token: failing closed beats
 * guessing. The service checks the same rule again for calls that do not come through here.
 */
@Component
class AreaScopeFilter implements GlobalFilter, Ordered {

    static final String AREA_METADATA = "api-area";
    static final String NO_AREA = "none";

    private final ProblemResponses problems;

    AreaScopeFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return chain.filter(exchange);
        }
        Object declared = route.getMetadata().get(AREA_METADATA);
        if (NO_AREA.equals(declared)) {
            return chain.filter(exchange);
        }
        ApiArea area =
                declared == null ? null : ApiArea.valueOf(declared.toString().toUpperCase(Locale.ROOT));
        boolean safe = AreaScopes.isSafe(exchange.getRequest().getMethod().name());
        return exchange.getPrincipal()
                .filter(CallerAuthentication.class::isInstance)
                .map(principal -> AreaScopes.permits(
                        ((CallerAuthentication) principal).caller().scopes(), area, safe))
                // Anonymous requests reach a route only where the security chain lets them (public paths).
                .defaultIfEmpty(true)
                .flatMap(permitted -> permitted
                        ? chain.filter(exchange)
                        : problems.write(
                                exchange,
                                HttpStatus.FORBIDDEN,
                                "forbidden",
                                "Access denied",
                                "The token's scopes do not cover this API area"));
    }

    /** Before the route's own filters (circuit breaker, rate limit answers come earlier as web filters). */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
