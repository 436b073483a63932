package org.permitwatch.gateway.correlation;

import java.util.UUID;
import org.permitwatch.support.tracing.CurrentTrace;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Makes sure every request carries a W3C {@code traceparent} and an {@code X-Request-Id} before security
 * runs, so 401s already name a trace id, and the routed request hands both to the service unchanged.
 * Both are echoed on the response for support calls.
 */
@Component
public class CorrelationWebFilter implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        // Ahead of Spring Security's chain (-100), so its error responses can use the trace id.
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        // With tracing on (ADR 0043) the server observation has already continued the caller's trace or begun one:
        // name that trace, or the gateway's logs, its problem bodies and the routed request would disagree.
        var observed = CurrentTrace.of(exchange);
        String traceparent = observed.map(CurrentTrace::traceparent)
                .orElseGet(() -> request.getHeaders().getFirst(Correlation.TRACEPARENT));
        String traceId = Correlation.traceIdOf(traceparent);
        if (traceId == null) {
            traceparent = Correlation.newTraceparent();
            traceId = Correlation.traceIdOf(traceparent);
        }
        String requestId = request.getHeaders().getFirst(Correlation.REQUEST_ID);
        if (!Correlation.isAcceptableRequestId(requestId)) {
            requestId = UUID.randomUUID().toString();
        }
        String finalTraceparent = traceparent;
        String finalRequestId = requestId;
        ServerHttpRequest mutated = request.mutate()
                .headers(headers -> {
                    headers.set(Correlation.TRACEPARENT, finalTraceparent);
                    headers.set(Correlation.REQUEST_ID, finalRequestId);
                })
                .build();
        exchange.getAttributes().put(Correlation.TRACE_ID_ATTRIBUTE, traceId);
        exchange.getResponse().getHeaders().set(Correlation.TRACEPARENT, finalTraceparent);
        exchange.getResponse().getHeaders().set(Correlation.REQUEST_ID, finalRequestId);
        return chain.filter(exchange.mutate().request(mutated).build());
    }
}
