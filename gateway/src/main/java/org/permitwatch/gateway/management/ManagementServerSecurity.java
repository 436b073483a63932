package org.permitwatch.gateway.management;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

/**
 * The actuator on its own port ({@code MANAGEMENT_SERVER_PORT}): that port is reachable only by operators and the
 * metrics scraper (bound to 127.0.0.1 locally; in a cluster only the monitoring namespace may connect, by
 * NetworkPolicy), so it needs no token. The management server shares the application's web filters, so without
 * this chain the API chain would demand a PROVINCE token from Prometheus. On the API port nothing changes: there
 * is no actuator there once the port is separate, only /livez and /readyz.
 */
@Configuration(proxyBeanMethods = false)
class ManagementServerSecurity {

    static final String MANAGEMENT_NAMESPACE = "management";

    /** True for requests served by the management child context's own web server. */
    static final ServerWebExchangeMatcher ON_MANAGEMENT_SERVER = exchange ->
            WebServerApplicationContext.hasServerNamespace(exchange.getApplicationContext(), MANAGEMENT_NAMESPACE)
                    ? ServerWebExchangeMatcher.MatchResult.match()
                    : ServerWebExchangeMatcher.MatchResult.notMatch();

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain managementServerChain(ServerHttpSecurity http) {
        return http.securityMatcher(ON_MANAGEMENT_SERVER)
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .build();
    }
}
