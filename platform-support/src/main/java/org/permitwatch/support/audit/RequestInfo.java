package org.permitwatch.support.audit;

import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.permitwatch.support.tracing.CurrentTrace;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Where a request came from and which trace it belongs to. Put into the Reactor context by
 * {@link RequestInfoWebFilter} so audit rows and outbox events can be written far from the HTTP layer.
 *
 * @param clientIp    the original client address (first hop of {@code X-Forwarded-For} set by the gateway)
 * @param userAgent   the {@code User-Agent} header, may be null
 * @param traceId     32 hex chars: from the incoming W3C {@code traceparent}, else freshly generated
 * @param traceparent a W3C traceparent to propagate on events
 */
public record RequestInfo(String clientIp, String userAgent, String traceId, String traceparent) {

    public static final String ATTRIBUTE = RequestInfo.class.getName();

    private static final Pattern TRACEPARENT =
            Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$");

    /** Outside any request: scheduled jobs and Kafka listeners get their own trace. */
    public static RequestInfo system() {
        String traceId = randomHex(16);
        return new RequestInfo(null, null, traceId, "00-" + traceId + "-" + randomHex(8) + "-01");
    }

    /** Reads the info from the context, or a fresh system info when there is none. */
    public static Mono<RequestInfo> current() {
        return Mono.deferContextual(ctx -> Mono.just(fromContext(ctx)));
    }

    /**
     * The request's info; else (a Kafka listener, a job under an observation) the observed trace, so what a consumer
     * writes to its outbox and audit log continues the producer's trace; else a fresh trace.
     */
    public static RequestInfo fromContext(ContextView ctx) {
        return ctx.<RequestInfo>getOrEmpty(RequestInfo.class)
                .or(() -> CurrentTrace.of(ctx)
                        .map(trace -> new RequestInfo(null, null, trace.traceId(), CurrentTrace.traceparent(trace))))
                .orElseGet(RequestInfo::system);
    }

    /** The info stored on the exchange, computing it when the filter has not run (e.g. early errors). */
    public static RequestInfo fromExchange(ServerWebExchange exchange) {
        RequestInfo info = exchange.getAttribute(ATTRIBUTE);
        if (info == null) {
            info = resolve(exchange);
            exchange.getAttributes().put(ATTRIBUTE, info);
        }
        return info;
    }

    static RequestInfo resolve(ServerWebExchange exchange) {
        var headers = exchange.getRequest().getHeaders();
        String clientIp = null;
        String forwarded = headers.getFirst("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            clientIp = forwarded.split(",")[0].trim();
        } else {
            // With forward-headers-strategy=framework the X-Forwarded-For header has already been consumed
            // into an *unresolved* remote address: getHostString() reads it without a DNS lookup.
            InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
            if (remote != null) {
                clientIp = remote.getHostString();
            }
        }
        String userAgent = headers.getFirst("User-Agent");
        if (userAgent != null && userAgent.length() > 512) {
            userAgent = userAgent.substring(0, 512);
        }
        // The server observation continued the caller's traceparent (or began a trace): its span is the one the
        // logs name, so events and problem bodies must name it too.
        var observed = CurrentTrace.of(exchange);
        if (observed.isPresent()) {
            return new RequestInfo(
                    clientIp, userAgent, observed.get().traceId(), CurrentTrace.traceparent(observed.get()));
        }
        // Tracing switched off: continue the caller's trace id ourselves.
        String incoming = headers.getFirst("traceparent");
        var matcher = incoming == null ? null : TRACEPARENT.matcher(incoming.trim());
        if (matcher != null && matcher.matches()) {
            String traceId = matcher.group(1);
            // Continue the caller's trace with a new span id of our own.
            return new RequestInfo(clientIp, userAgent, traceId, "00-" + traceId + "-" + randomHex(8) + "-01");
        }
        String traceId = randomHex(16);
        return new RequestInfo(clientIp, userAgent, traceId, "00-" + traceId + "-" + randomHex(8) + "-01");
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
