package org.permitwatch.support.security;

import java.util.List;
import org.permitwatch.support.audit.RequestInfo;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.problem.ProblemFactory;
import org.permitwatch.support.problem.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** 401 and 403 as problem+json, with the {@code WWW-Authenticate} header RFC 6750 asks for. */
public class ProblemSecurityHandlers {

    private final ProblemFactory problems;
    private final ProblemWriter writer;

    public ProblemSecurityHandlers(ProblemFactory problems, ProblemWriter writer) {
        this.problems = problems;
        this.writer = writer;
    }

    public ServerAuthenticationEntryPoint entryPoint() {
        return this::unauthorized;
    }

    public ServerAccessDeniedHandler accessDeniedHandler() {
        return (exchange, denied) -> {
            exchange.getResponse()
                    .getHeaders()
                    .set(
                            HttpHeaders.WWW_AUTHENTICATE,
                            "Bearer error=\"insufficient_scope\", error_description=\"the token does not allow this\"");
            return write(exchange, HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN, "you are not allowed to do this");
        };
    }

    private Mono<Void> unauthorized(ServerWebExchange exchange, AuthenticationException failure) {
        boolean tokenPresent = failure instanceof InvalidBearerTokenException
                || exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION) != null;
        String detail;
        if (failure instanceof InvalidBearerTokenException invalid) {
            // Messages from our converter and from the decoder describe the token, not the server: safe to show.
            detail = "invalid bearer token: " + invalid.getMessage();
        } else if (tokenPresent) {
            detail = "invalid bearer token";
        } else {
            detail = "a bearer token is required";
        }
        String challenge = tokenPresent
                ? "Bearer error=\"invalid_token\", error_description=\"" + detail.replace("\"", "'") + "\""
                : "Bearer";
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return write(exchange, HttpStatus.UNAUTHORIZED, ProblemCodes.UNAUTHORIZED, detail);
    }

    private Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String detail) {
        String traceId = RequestInfo.fromExchange(exchange).traceId();
        return writer.write(
                exchange,
                problems.of(
                        status, code, detail, exchange.getRequest().getPath().value(), traceId, List.of()));
    }
}
