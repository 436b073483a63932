package org.permitwatch.support.problem;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Replaces Boot's whitelabel/JSON error handler: anything that escapes the controllers (unknown route, 405
 * from routing, errors in filters) becomes problem+json too.
 */
public class ProblemWebExceptionHandler implements ErrorWebExceptionHandler {

    private final ProblemFactory problems;
    private final ProblemWriter writer;

    public ProblemWebExceptionHandler(ProblemFactory problems, ProblemWriter writer) {
        this.problems = problems;
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        Throwable mapped = SecurityProblems.translate(error);
        if (mapped instanceof MethodNotAllowedException notAllowed) {
            exchange.getResponse().getHeaders().setAllow(notAllowed.getSupportedMethods());
        }
        exchange.getResponse().getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        return writer.write(exchange, problems.from(mapped, exchange));
    }
}
