package org.permitwatch.support.problem;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Renders exceptions raised by annotated controllers as problem+json. Errors that never reach a controller
 * (unknown routes, filters, functional endpoints) are handled by {@link ProblemWebExceptionHandler}.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemAdvice {

    private final ProblemFactory problems;

    public ProblemAdvice(ProblemFactory problems) {
        this.problems = problems;
    }

    @ExceptionHandler(Throwable.class)
    public ResponseEntity<Problem> handle(Throwable error, ServerWebExchange exchange) {
        // Access-denied from method security must stay 403, not become a 500.
        Throwable mapped = SecurityProblems.translate(error);
        Problem problem = problems.from(mapped, exchange);
        ResponseEntity.BodyBuilder builder =
                ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (mapped instanceof MethodNotAllowedException notAllowed) {
            builder.header(
                    HttpHeaders.ALLOW,
                    notAllowed.getSupportedMethods().stream()
                            .map(Object::toString)
                            .reduce((a, b) -> a + ", " + b)
                            .orElse(""));
        }
        return builder.body(problem);
    }
}
