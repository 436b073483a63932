package org.permitwatch.registry.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** RFC 9457 bodies for 401 and 403, as everywhere else in PermitWatch; they never echo the request. */
final class ProblemResponses {

    static final String REALM = "PermitWatch registry";

    private ProblemResponses() {}

    static AuthenticationEntryPoint unauthorized() {
        return (request, response, exception) -> {
            // Eureka clients (and browsers for the dashboard) answer the challenge with basic credentials.
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            write(
                    response,
                    HttpServletResponse.SC_UNAUTHORIZED,
                    "Unauthorized",
                    "UNAUTHENTICATED",
                    "The registry needs the credentials of a registry client (HTTP basic).");
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, exception) -> write(
                response,
                HttpServletResponse.SC_FORBIDDEN,
                "Forbidden",
                "FORBIDDEN",
                "This registry client may not change this application.");
    }

    private static void write(HttpServletResponse response, int status, String title, String code, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"code\":\""
                        + code + "\",\"detail\":\"" + detail + "\"}");
    }
}
