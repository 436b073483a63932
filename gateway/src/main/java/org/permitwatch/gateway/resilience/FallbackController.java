package org.permitwatch.gateway.resilience;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.permitwatch.gateway.GatewaySettings;
import org.permitwatch.gateway.problem.ProblemResponses;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Target of the routes' {@code forward:/fallback/<service>}: the service is down, slow or its breaker is
 * open. Always 503 problem+json naming the service; never a 200 with an error inside.
 */
@RestController
class FallbackController {

    private final ProblemResponses problems;
    private final GatewaySettings settings;

    FallbackController(ProblemResponses problems, GatewaySettings settings) {
        this.problems = problems;
        this.settings = settings;
    }

    @RequestMapping("/fallback/{service}")
    Mono<Void> fallback(@PathVariable String service, ServerWebExchange exchange) {
        if (!settings.knows(service)) {
            return problems.write(
                    exchange,
                    HttpStatus.NOT_FOUND,
                    "not-found",
                    "Not found",
                    "No such route",
                    exchange.getRequest().getPath().value(),
                    Map.of());
        }
        Throwable cause = exchange.getAttribute(CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        exchange.getResponse().getHeaders().set("Retry-After", "5");
        return problems.write(
                exchange,
                HttpStatus.SERVICE_UNAVAILABLE,
                "service-unavailable",
                "Service unavailable",
                service + " " + reason(cause, service) + "; try again shortly",
                originalPath(exchange),
                Map.of("service", service));
    }

    private String reason(Throwable cause, String service) {
        if (cause instanceof TimeoutException) {
            return "did not answer within " + settings.timeoutOf(service).toMillis() + " ms";
        }
        if (cause instanceof CallNotPermittedException) {
            return "is failing repeatedly and is being given time to recover";
        }
        if (cause instanceof NotFoundException) {
            return "has no running instance";
        }
        return "is not reachable";
    }

    private static String originalPath(ServerWebExchange exchange) {
        Set<URI> originals = exchange.getAttribute(GATEWAY_ORIGINAL_REQUEST_URL_ATTR);
        if (originals != null && !originals.isEmpty()) {
            return originals.iterator().next().getRawPath();
        }
        return exchange.getRequest().getPath().value();
    }
}
