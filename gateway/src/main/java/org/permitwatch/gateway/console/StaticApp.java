package org.permitwatch.gateway.console;

import java.time.Duration;
import java.util.regex.Pattern;
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
 * One single-page app built by the console module (the console at {@code /console/}, the field app at
 * {@code /field/}), served from the jar's {@code META-INF/resources/<name>/}.
 *
 * <p>A path whose last segment has a dot is a file: served when the app has it, else 404 (a missing script must fail
 * loudly, not come back as HTML). Every other path is a client-side route (a deep link such as
 * {@code /console/directory/91140100...}) and gets index.html, where vue-router takes over.
 *
 * <p>Caching: Vite names everything under {@code assets/} after its content hash, so it is kept for a year; every
 * other file (index.html, the service worker, the manifest, icons) must be revalidated. A service worker script in
 * particular must never be served from an HTTP cache for long, or a broken worker would stick to the phones; its
 * scope is the app's own prefix ({@code Service-Worker-Allowed}), so it can never take over the API or the console.
 *
 * @param prefix   the URL prefix with both slashes, e.g. {@code /field/}
 * @param location the class path folder with a trailing slash
 */
record StaticApp(String name, String prefix, String location) {

    /** The service worker script an app may have (the field app's, ADR 0025). */
    static final String SERVICE_WORKER = "sw.js";

    static final MediaType WEB_MANIFEST = MediaType.parseMediaType("application/manifest+json");

    // Letters, digits, dot, dash, underscore per segment, and never a ".." segment: nothing outside the location.
    private static final Pattern SAFE_FILE =
            Pattern.compile("(?!.*(^|/)\\.\\.(/|$))[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final CacheControl HASHED =
            CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();
    private static final CacheControl REVALIDATE = CacheControl.noCache();

    static StaticApp of(String name) {
        return new StaticApp(name, "/" + name + "/", "META-INF/resources/" + name + "/");
    }

    /** The paths the app owns at the gateway (its security chain matches these). */
    String[] paths() {
        return new String[] {"/" + name, prefix + "**"};
    }

    RouterFunction<ServerResponse> router() {
        Resource index = new ClassPathResource(location + "index.html");
        return RouterFunctions.route()
                .GET(
                        "/" + name,
                        request -> ServerResponse.permanentRedirect(request.uriBuilder()
                                        .replacePath(prefix)
                                        .replaceQuery(null)
                                        .build())
                                .build())
                .GET(prefix + "**", RequestPredicates.all(), request -> isFile(request) ? file(request) : page(index))
                .build();
    }

    private static boolean isFile(ServerRequest request) {
        String path = request.path();
        return path.substring(path.lastIndexOf('/') + 1).contains(".");
    }

    private Mono<ServerResponse> page(Resource index) {
        if (!index.exists()) {
            // The gateway was built without the console module's output: say so instead of an empty page.
            return Mono.error(new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "The " + name + " app is not built into this gateway"));
        }
        return ServerResponse.ok()
                .contentType(MediaType.TEXT_HTML)
                .cacheControl(REVALIDATE)
                .bodyValue(index);
    }

    private Mono<ServerResponse> file(ServerRequest request) {
        String relative = request.path().substring(prefix.length());
        if (!SAFE_FILE.matcher(relative).matches()) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No such " + name + " file"));
        }
        Resource resource = new ClassPathResource(location + relative);
        if (!resource.isReadable()) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No such " + name + " file"));
        }
        ServerResponse.BodyBuilder response = ServerResponse.ok()
                .contentType(contentType(relative, resource))
                .cacheControl(relative.startsWith("assets/") ? HASHED : REVALIDATE);
        if (relative.equals(SERVICE_WORKER)) {
            response.header("Service-Worker-Allowed", prefix);
        }
        return response.bodyValue(resource);
    }

    private static MediaType contentType(String relative, Resource resource) {
        if (relative.endsWith(".webmanifest")) {
            // Not in the JDK's or Spring's media type table; browsers accept the manifest only as this (or JSON).
            return WEB_MANIFEST;
        }
        return MediaTypeFactory.getMediaType(resource).orElse(MediaType.APPLICATION_OCTET_STREAM);
    }
}
