package org.permitwatch.gateway.security;

import java.util.List;
import org.permitwatch.gateway.GatewaySettings;
import org.permitwatch.gateway.console.ConsoleRoutes;
import org.permitwatch.gateway.problem.ProblemResponses;
import org.permitwatch.support.security.CallerJwtConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.HttpStatusServerEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Edge security: every API call needs a valid RS256 token; the token is relayed unchanged and each service checks
 * it again and applies division scope. The decoder is platform-support's (TokenDecoderAutoConfiguration: key from
 * {@code public-key-location} or {@code jwk-set-uri}, the token policy of ADR 0004) and the claims are read by the
 * services' own {@link CallerJwtConverter}, so the gateway refuses exactly the tokens a service would refuse. The
 * gateway only decides "signed in or not", except for operational actuator endpoints, which are for the province
 * administrators.
 *
 * <p>The identity provider's paths ({@code /auth/**}, issue 15) are the exception: the provider authenticates
 * them itself (its sign-in session, client secrets, its own tokens on the admin API), so the gateway neither
 * requires nor even reads a bearer token there. Reading it would let an expired token block a sign-out or a
 * revocation the provider must see, and it would move the caller from the per-address rate-limit bucket (the
 * brute-force guard for the login form) into a per-subject one.
 *
 * <p>The web console's static files ({@code /console/**}, ADR 0021) are the other one: public like any web page
 * (the console signs its user in itself and sends the token with each API call), served under a strict
 * Content-Security-Policy; the field app's ({@code /field/**}, ADR 0025) likewise, under its own policy.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfig {

    static final String[] OPEN_PATHS = {
        "/api/v1/public/**",
        "/livez",
        "/readyz",
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/info",
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/swagger-ui.html",
        "/swagger-ui/**",
        "/webjars/**",
    };

    /** The identity provider's own paths: routed as they are, no token processing, rate limited per address. */
    static final String[] IDENTITY_PATHS = {"/auth", "/auth/**"};

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain identityProviderFilterChain(ServerHttpSecurity http) {
        // CSRF is the provider's business (its forms carry its own token); the gateway adds no session or cookie.
        return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers(IDENTITY_PATHS))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .cors(cors -> {})
                // Not Spring's default no-referrer: under it a browser sends "Origin: null" with the sign-in form's
                // POST, which the CORS check refuses (403 cors-rejected) — found by the console's browser test;
                // same-origin still sends nothing (no code or state in a Referer) to another site.
                .headers(headers -> headers.referrerPolicy(
                        referrer -> referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.SAME_ORIGIN)))
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .build();
    }

    /**
     * The console's policy: its own scripts and styles only (no inline script, no eval), API and token calls to this
     * origin only (connect-src 'self': the gateway is the one origin), never framed (clickjacking on the sign-in
     * flow). data: images only because Element Plus' stylesheet draws a few icons as data: SVGs.
     */
    public static final String CONSOLE_CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

    /**
     * The field app's policy (ADR 0025): the console's, plus what an installable offline app needs — its web manifest
     * (manifest-src), its service worker (worker-src, script from this origin only) and blob: images (the preview of
     * a photo just taken, held in IndexedDB until it is sent).
     */
    public static final String FIELD_CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; "
            + "manifest-src 'self'; worker-src 'self'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    SecurityWebFilterChain consoleFilterChain(ServerHttpSecurity http) {
        return staticAppChain(http, ConsoleRoutes.PATHS, CONSOLE_CONTENT_SECURITY_POLICY);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 2)
    SecurityWebFilterChain fieldFilterChain(ServerHttpSecurity http) {
        return staticAppChain(http, ConsoleRoutes.FIELD_PATHS, FIELD_CONTENT_SECURITY_POLICY);
    }

    private static SecurityWebFilterChain staticAppChain(ServerHttpSecurity http, String[] paths, String policy) {
        return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers(paths))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                        .referrerPolicy(referrer ->
                                referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.SAME_ORIGIN))
                        // StaticApp sets its own: immutable for hashed assets, revalidate for index.html and the rest.
                        .cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable))
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .build();
    }

    /** The evidence store's path (ADR 0031): presigned S3 URLs, routed to the S3 API server unchanged. */
    static final String[] EVIDENCE_STORE_PATHS = {"/evidence-store/**"};

    /**
     * Answers from the evidence store never run as a page of this origin, whatever a file contains: no resource may
     * load, scripts are sandboxed; with nosniff and the store's forced {@code attachment}, an uploaded HTML or SVG
     * file cannot become active content here.
     */
    public static final String EVIDENCE_CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox; frame-ancestors 'none'";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 3)
    SecurityWebFilterChain evidenceStoreFilterChain(ServerHttpSecurity http) {
        // The presigned URL is the credential (the store verifies it): no bearer token is read, CSRF does not apply
        // (no cookie), only the methods of a presigned download or upload pass.
        return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers(EVIDENCE_STORE_PATHS))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .headers(headers -> headers.contentSecurityPolicy(
                                csp -> csp.policyDirectives(EVIDENCE_CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer ->
                                referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.GET, EVIDENCE_STORE_PATHS)
                        .permitAll()
                        .pathMatchers(HttpMethod.HEAD, EVIDENCE_STORE_PATHS)
                        .permitAll()
                        .pathMatchers(HttpMethod.PUT, EVIDENCE_STORE_PATHS)
                        .permitAll()
                        .anyExchange()
                        .denyAll())
                // nobody signs in here, so a refused method is 403, not a 401 asking for credentials
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(new HttpStatusServerEntryPoint(HttpStatus.FORBIDDEN)))
                .build();
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ProblemResponses problems) {
        ServerAuthenticationEntryPoint unauthorized = (exchange, error) -> problems.write(
                exchange,
                HttpStatus.UNAUTHORIZED,
                "unauthorized",
                "Authentication required",
                "A valid bearer token is required" + reason(error.getMessage()));
        ServerAccessDeniedHandler forbidden = (exchange, error) -> problems.write(
                exchange,
                HttpStatus.FORBIDDEN,
                "forbidden",
                "Access denied",
                "The token does not grant access to this resource");
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .cors(cors -> {})
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.OPTIONS, "/**")
                        .permitAll()
                        .pathMatchers(OPEN_PATHS)
                        .permitAll()
                        .pathMatchers("/actuator/**")
                        .hasRole("PROVINCE")
                        .anyExchange()
                        .authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new CallerJwtConverter()))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .build();
    }

    private static String reason(String message) {
        // Spring's and the token policy's messages say what was wrong with the token (expired, bad signature, no
        // subject) without echoing it or any claim value.
        return message == null || message.isBlank() ? "" : ": " + message;
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(GatewaySettings settings) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(settings.cors().allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of(
                "Authorization",
                "Content-Type",
                "Accept",
                "Accept-Language",
                "Idempotency-Key",
                "If-Match",
                "If-None-Match",
                "X-Request-Id",
                "traceparent",
                "tracestate"));
        cors.setExposedHeaders(
                List.of("Location", "traceparent", "X-Request-Id", "ETag", "Retry-After", "Content-Disposition"));
        // Bearer tokens travel in a header, not cookies: no credentials mode needed.
        cors.setAllowCredentials(false);
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
