package org.permitwatch.gateway.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the apps the console module builds (ADR 0021, ADR 0025) on the gateway's own origin, so they reach
 * {@code /api} and {@code /auth} without CORS: the web console at {@code /console/} and the inspectors' field app
 * (a PWA) at {@code /field/}. These are not gateway routes: no token, no API area, no rate limit (SecurityConfig's
 * console and field chains add each app's Content-Security-Policy). How files are served: {@link StaticApp}.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleRoutes {

    static final StaticApp CONSOLE = StaticApp.of("console");
    static final StaticApp FIELD = StaticApp.of("field");

    /** What the console owns at the gateway. */
    public static final String[] PATHS = CONSOLE.paths();

    /** What the field app owns at the gateway. */
    public static final String[] FIELD_PATHS = FIELD.paths();

    @Bean
    RouterFunction<ServerResponse> consoleRouter() {
        return CONSOLE.router();
    }

    @Bean
    RouterFunction<ServerResponse> fieldRouter() {
        return FIELD.router();
    }
}
