package org.permitwatch.identity.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.permitwatch.support.problem.ProblemCodes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 of the admin API's security chain as problem+json, the shape its document promises and the WebFlux
 * services' ProblemSecurityHandlers send: a missing or bad token and a token without the right never reach
 * {@link AdminProblems} (they are refused before any controller), and Spring Security's defaults answer with an empty
 * body.
 */
public final class AdminSecurityProblems {

    private final JsonMapper json;

    public AdminSecurityProblems(JsonMapper json) {
        this.json = json;
    }

    public AuthenticationEntryPoint entryPoint() {
        return (request, response, failure) -> {
            boolean tokenPresent = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
            response.setHeader(
                    HttpHeaders.WWW_AUTHENTICATE, tokenPresent ? "Bearer error=\"invalid_token\"" : "Bearer");
            write(
                    request,
                    response,
                    HttpStatus.UNAUTHORIZED,
                    ProblemCodes.UNAUTHORIZED,
                    tokenPresent ? "invalid bearer token" : "a bearer token is required");
        };
    }

    public AccessDeniedHandler accessDeniedHandler() {
        return (request, response, denied) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
            write(request, response, HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN, "not allowed");
        };
    }

    private void write(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        ProblemDetail problem = AdminProblems.detail(status, code, null, detail, List.of(), request);
        // the members as Spring MVC's converter writes a ProblemDetail: standard ones, then the properties, no nulls
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", problem.getInstance().toString());
        body.putAll(problem.getProperties());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
    }
}
