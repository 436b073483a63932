package org.permitwatch.gateway.console;

import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Serves the built web console (module {@code console}, ADR 0021) at {@code /console/} on the gateway's own origin,
 * so the console reaches {@code /api} and {@code /auth} without CORS. These are not gateway routes: no token, no
 * API area, no rate limit (SecurityConfig's console chain adds the Content-Security-Policy).
 *
 * <p>A path whose last segment has a dot is a file: served when the console has it, else 404 (a missing script must
 * fail loudly, not come back as HTML). Every other path is a client-side route (a deep link such as
 * {@code /console/directory/91140100...}) and gets index.html, where vue-router takes over.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleRoutes {

    /** What the console owns at the gateway. */
    public static final String[] PATHS = {"/console", "/console/**"};

    private static final String LOCATION = "META-INF/resources/console/";
    private static final String PREFIX = "/console/";
    // Letters, digits, dot, dash, underscore per segment, and never a ".." segment: nothing outside LOCATION.
    private static final Pattern SAFE_FILE =
            Pattern.compile("(?!.*(^|/)\\.\\.(/|$))[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    // Vite names every asset after its content hash: it can be kept for a year; index.html must be revalidated.
    private static final CacheControl HASHED =
            CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();
    private static final CacheControl REVALIDATE = CacheControl.noCache();

    @Bean
    RouterFunction<ServerResponse> consoleRouter() {
        Resource index = new ClassPathResource(LOCATION + "index.html");
        return RouterFunctions.route()
                .GET(
                        "/console",
                        request -> ServerResponse.permanentRedirect(request.uriBuilder()
                                        .replacePath(PREFIX)
                                        .replaceQuery(null)
                                        .build())
                                .build())
                .GET(PREFIX + "**", RequestPredicates.all(), request -> isFile(request) ? file(request) : page(index))
                .build();
    }

    private static boolean isFile(ServerRequest request) {
        String path = request.path();
        return path.substring(path.lastIndexOf('/') + 1).contains(".");
    }

    private static Mono<ServerResponse> page(Resource index) {
        if (!index.exists()) {
            // The gateway was built without the console module's output: say so instead of an empty page.
            return Mono.error(
                    new ResponseStatusException(HttpStatus.NOT_FOUND, "The console is not built into this gateway"));
        }
        return ServerResponse.ok()
                .contentType(MediaType.TEXT_HTML)
                .cacheControl(REVALIDATE)
                .bodyValue(index);
    }

    private static Mono<ServerResponse> file(ServerRequest request) {
        String relative = request.path().substring(PREFIX.length());
        if (!SAFE_FILE.matcher(relative).matches()) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No such console file"));
        }
        Resource resource = new ClassPathResource(LOCATION + relative);
        if (!resource.isReadable()) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No such console file"));
        }
        return ServerResponse.ok()
                .contentType(MediaTypeFactory.getMediaType(resource).orElse(MediaType.APPLICATION_OCTET_STREAM))
                .cacheControl(relative.startsWith("assets/") ? HASHED : REVALIDATE)
                .bodyValue(resource);
    }
}
