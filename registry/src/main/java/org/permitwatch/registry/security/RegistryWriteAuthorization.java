package org.permitwatch.registry.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.util.UriUtils;

/**
 * Who may do what under {@code /eureka/**}:
 * <ul>
 * <li>reads (GET, HEAD: the registry, the dashboard's resources) — any authenticated client but the metrics
 * scraper, which may read nothing here;</li>
 * <li>writes to {@code /eureka/[v2/]apps/{APP}/**} (register, renew, status override, delete, metadata) — the
 * client of that application, or a registry peer;</li>
 * <li>any other write ({@code /eureka/peerreplication/batch}, {@code /eureka/asg/**}, …) — a registry peer only.</li>
 * </ul>
 * Eureka upper-cases the application in the path and also serves it under {@code /eureka/v2/}, so both are matched
 * the same way here: {@code /eureka/v2/apps/reporting-service} is REPORTING-SERVICE.
 */
final class RegistryWriteAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

    private static final Pattern APP_PATH = Pattern.compile("^/eureka/(?:v2/)?apps/([^/]+)(?:/.*)?$");

    private final SecurityEventLog events;

    RegistryWriteAuthorization(SecurityEventLog events) {
        this.events = events;
    }

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        Authentication auth = authentication.get();
        HttpServletRequest request = context.getRequest();
        if (auth == null
                || !auth.isAuthenticated()
                || auth instanceof AnonymousAuthenticationToken
                || !(auth.getPrincipal() instanceof RegistryPrincipal principal)) {
            // 401 through the entry point; only writes are worth a log line (reads are browsers and probes).
            if (!isRead(request)) {
                events.once(
                        "anonymous-write",
                        "registry: refused an anonymous {} {} from {}",
                        request.getMethod(),
                        SecurityEventLog.printable(path(request)),
                        request.getRemoteAddr());
            }
            return new AuthorizationDecision(false);
        }
        RegistryClient client = principal.client();
        if (client.access() == RegistryAccess.METRICS) {
            events.once(
                    "scraper-registry:" + client.name(),
                    "registry: the scraper '{}' may not {} {}",
                    client.name(),
                    request.getMethod(),
                    SecurityEventLog.printable(path(request)));
            return new AuthorizationDecision(false);
        }
        if (isRead(request)) {
            return new AuthorizationDecision(true);
        }
        String targetApp = targetApp(request);
        boolean granted = targetApp == null ? client.access() == RegistryAccess.PEER : client.mayWrite(targetApp);
        if (!granted) {
            events.once(
                    "forbidden-write:" + client.name(),
                    "registry: client '{}' may not {} {}",
                    client.name(),
                    request.getMethod(),
                    SecurityEventLog.printable(path(request)));
        }
        return new AuthorizationDecision(granted);
    }

    private static boolean isRead(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    /** The upper-case application a write targets, or null when the path names none. */
    static String targetApp(HttpServletRequest request) {
        Matcher matcher = APP_PATH.matcher(path(request));
        return matcher.matches() ? matcher.group(1).toUpperCase(Locale.ROOT) : null;
    }

    /**
     * The decoded path as Jersey sees it. Spring Security's firewall has already refused encoded slashes, "..",
     * ";" and "//", so decoding cannot move the request to another resource.
     */
    static String path(HttpServletRequest request) {
        String uri = request.getRequestURI().substring(request.getContextPath().length());
        return UriUtils.decode(uri, StandardCharsets.UTF_8);
    }
}
