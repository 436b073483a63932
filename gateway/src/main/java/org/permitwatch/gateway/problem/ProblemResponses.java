package org.permitwatch.gateway.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import org.permitwatch.gateway.correlation.Correlation;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RFC 9457 problem+json bodies in the platform shape (ADR 0001): type
 * {@code urn:permitwatch:problem:<code>}, title, status, detail, instance, code, traceId.
 * The gateway's own errors (401, 403, fallbacks) go through here so they look like the services' errors.
 */
@Component
public class ProblemResponses {

    private final JsonMapper json;

    public ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String title, String detail) {
        return write(
                exchange,
                status,
                code,
                title,
                detail,
                exchange.getRequest().getPath().value(),
                Map.of());
    }

    public Mono<Void> write(
            ServerWebExchange exchange,
            HttpStatus status,
            String code,
            String title,
            String detail,
            String instance,
            Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:permitwatch:problem:" + code);
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", instance);
        body.put("code", code);
        body.put("traceId", Correlation.traceId(exchange));
        body.putAll(extra);
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        DataBuffer buffer = response.bufferFactory().wrap(json.writeValueAsBytes(body));
        return response.writeWith(Mono.just(buffer));
    }
}
