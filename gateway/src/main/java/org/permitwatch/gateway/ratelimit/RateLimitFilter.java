package org.permitwatch.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Map;
import org.permitwatch.gateway.GatewaySettings;
import org.permitwatch.gateway.problem.ProblemResponses;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Per-client request budget on routed calls: the token's subject for signed-in users, the caller's address
 * for the public API and the identity provider's {@code /auth/**} (the gateway reads no token there, so every
 * sign-in attempt of one address draws on one bucket, token or not). Over budget: 429 problem+json with
 * Retry-After; the service never sees the call.
 */
@Component
class RateLimitFilter implements GlobalFilter, Ordered {

    private final TokenBuckets buckets;
    private final boolean enabled;
    private final ProblemResponses problems;
    private final ClientAddress clientAddress;

    // The same setting that decides whether the gateway passes X-Forwarded-* on to the services.
    RateLimitFilter(
            GatewaySettings settings,
            ProblemResponses problems,
            @Value("${spring.cloud.gateway.server.webflux.trusted-proxies:" + ClientAddress.TRUST_NONE + "}")
                    String trustedProxies) {
        this.clientAddress = new ClientAddress(trustedProxies);
        GatewaySettings.RateLimit limit = settings.rateLimit();
        this.enabled = limit.enabled();
        this.buckets = new TokenBuckets(limit.burst(), limit.refillPerSecond(), System::nanoTime);
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        // Before the route filters (circuit breaker, load balancer): a rejected call costs nothing downstream.
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!enabled) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .map(Principal::getName)
                .map(subject -> "sub:" + subject)
                .defaultIfEmpty("addr:" + address(exchange))
                .flatMap(client -> {
                    long retryAfter = buckets.tryAcquire(client);
                    if (retryAfter == 0) {
                        return chain.filter(exchange);
                    }
                    exchange.getResponse().getHeaders().set("Retry-After", Long.toString(retryAfter));
                    return problems.write(
                            exchange,
                            HttpStatus.TOO_MANY_REQUESTS,
                            "rate-limited",
                            "Too many requests",
                            "This client sent more requests than its budget; retry after " + retryAfter + " s",
                            exchange.getRequest().getPath().value(),
                            Map.of());
                });
    }

    private String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String peer = remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
        return clientAddress.of(peer, exchange.getRequest().getHeaders().getFirst("X-Forwarded-For"));
    }
}
