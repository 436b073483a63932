package org.permitwatch.support.security;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

/**
 * Requests served by the actuator's own web server ({@code management.server.port}, MANAGEMENT_SERVER_PORT). That
 * port is bound to 127.0.0.1 locally and open only to the monitoring namespace in Kubernetes, so it needs no
 * token; the management server shares the application's web filters, hence this matcher in the API chain.
 */
public final class ManagementServer {

    public static final ServerWebExchangeMatcher REQUESTS =
            exchange -> WebServerApplicationContext.hasServerNamespace(exchange.getApplicationContext(), "management")
                    ? ServerWebExchangeMatcher.MatchResult.match()
                    : ServerWebExchangeMatcher.MatchResult.notMatch();

    private ManagementServer() {}
}
