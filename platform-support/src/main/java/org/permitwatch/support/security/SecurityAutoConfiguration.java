package org.permitwatch.support.security;

import java.util.ArrayList;
import java.util.List;
import org.permitwatch.support.problem.ProblemAutoConfiguration;
import org.permitwatch.support.problem.ProblemFactory;
import org.permitwatch.support.problem.ProblemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default security of a PermitWatch service: stateless JWT resource server, our claims turned into a
 * {@link Caller}, 401/403 as problem+json. A service replaces the chain by declaring its own
 * {@link SecurityWebFilterChain}; {@code permitwatch.security.enabled=false} removes all of it.
 */
@AutoConfiguration(
        after = ProblemAutoConfiguration.class,
        before = {ReactiveOAuth2ResourceServerAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "permitwatch.security.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PermitWatchSecurityProperties.class)
@EnableWebFluxSecurity
@EnableReactiveMethodSecurity
public class SecurityAutoConfiguration {

    /**
     * Paths every service exposes without a token: probes and API docs. Not metrics: {@code /actuator/prometheus}
     * and {@code /actuator/metrics} are served without a token only on the management port
     * ({@link ManagementServer#REQUESTS}), which only the scraper can reach.
     */
    public static final List<String> ALWAYS_PUBLIC = List.of(
            "/livez",
            "/readyz",
            "/actuator/health",
            "/actuator/health/**",
            "/actuator/info",
            "/v3/api-docs",
            "/v3/api-docs/**",
            "/swagger-ui.html",
            "/swagger-ui/**",
            "/webjars/**");

    @Bean
    @ConditionalOnMissingBean
    CallerJwtConverter callerJwtConverter() {
        return new CallerJwtConverter();
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemSecurityHandlers problemSecurityHandlers(
            ObjectProvider<ProblemFactory> problems,
            ObjectProvider<ProblemWriter> writer,
            ObjectProvider<JsonMapper> jsonMapper) {
        return new ProblemSecurityHandlers(
                problems.getIfAvailable(ProblemFactory::new),
                writer.getIfAvailable(() -> new ProblemWriter(
                        jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()))));
    }

    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    SecurityWebFilterChain permitWatchSecurityWebFilterChain(
            ServerHttpSecurity http,
            PermitWatchSecurityProperties properties,
            CallerJwtConverter converter,
            ProblemSecurityHandlers handlers) {
        List<String> publicPaths = new ArrayList<>(ALWAYS_PUBLIC);
        publicPaths.addAll(properties.publicPaths());
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(ex -> ex.matchers(ManagementServer.REQUESTS)
                        .permitAll()
                        .pathMatchers(publicPaths.toArray(String[]::new))
                        .permitAll()
                        .anyExchange()
                        .access(new AreaScopeAuthorizationManager(properties.area())))
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(handlers.entryPoint())
                        .accessDeniedHandler(handlers.accessDeniedHandler()))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(handlers.entryPoint())
                        .accessDeniedHandler(handlers.accessDeniedHandler()))
                .build();
    }
}
