package org.permitwatch.support.audit;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Runs before security so that even a 401 carries the trace id; exposes {@link RequestInfo} both as an
 * exchange attribute and in the Reactor context, and echoes the trace id in {@code X-Trace-Id}.
 */
public class RequestInfoWebFilter implements WebFilter, Ordered {

    public static final String TRACE_ID_HEADER = "X-Trace-Id";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        RequestInfo info = RequestInfo.fromExchange(exchange);
        exchange.getResponse().getHeaders().set(TRACE_ID_HEADER, info.traceId());
        return chain.filter(exchange).contextWrite(ctx -> ctx.put(RequestInfo.class, info));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
