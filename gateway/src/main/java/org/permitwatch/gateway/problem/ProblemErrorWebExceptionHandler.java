package org.permitwatch.gateway.problem;

import java.util.List;
import java.util.Map;
import org.permitwatch.gateway.correlation.Correlation;
import org.permitwatch.support.problem.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Replaces Boot's JSON error handler at the edge: an unknown route (404), a wrong method (405) or anything that
 * escapes a filter becomes problem+json. Details are fixed texts per status: exception messages and Java type
 * names stay in the log (with the trace id), never in the body.
 */
@Order(-2) // ahead of Boot's DefaultErrorWebExceptionHandler (-1)
class ProblemErrorWebExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorWebExceptionHandler.class);

    private final ProblemResponses problems;

    ProblemErrorWebExceptionHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        exchange.getResponse().getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        String path = exchange.getRequest().getPath().value();
        if (error instanceof ServerExchangeRejectedException) {
            // The firewall validates query parameters lazily, when something first reads them: same answer as its
            // up-front rejections (EdgeProblemsConfiguration#firewallRejectionAsProblem), not a 500.
            return problems.write(
                    exchange,
                    HttpStatus.BAD_REQUEST,
                    EdgeProblemsConfiguration.REJECTED,
                    "Request rejected",
                    EdgeProblemsConfiguration.REJECTED_DETAIL,
                    path,
                    Map.of());
        }
        if (error instanceof ApiException refused && refused.status().is4xxClientError()) {
            // platform-support's input guard runs at the gateway too (query parameters and path segments): its
            // refusal names the field, as the services' answers do; the rejected value is never echoed.
            List<Map<String, String>> errors = refused.errors().stream()
                    .map(e -> Map.of("field", e.field(), "message", e.message()))
                    .toList();
            return problems.write(
                    exchange,
                    refused.status(),
                    refused.code(),
                    refused.title(),
                    refused.getMessage(),
                    path,
                    errors.isEmpty() ? Map.of() : Map.of("errors", errors));
        }
        if (error instanceof ResponseStatusException statusError
                && statusError.getStatusCode().is4xxClientError()) {
            if (statusError instanceof MethodNotAllowedException notAllowed) {
                exchange.getResponse().getHeaders().setAllow(notAllowed.getSupportedMethods());
            }
            EdgeProblem problem =
                    EdgeProblem.forClientError(statusError.getStatusCode().value());
            return problems.write(
                    exchange, problem.status(), problem.code(), problem.title(), problem.detail(), path, Map.of());
        }
        log.error("Unhandled error at the gateway on {} (traceId {})", path, Correlation.traceId(exchange), error);
        return problems.write(
                exchange,
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                "Internal error",
                "The gateway could not handle this request; quote the traceId when reporting it",
                path,
                Map.of());
    }
}
