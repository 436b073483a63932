package org.permitwatch.registry.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The registry refuses anonymous writes (issue 11: anyone could register a REPORTING-SERVICE instance at their own
 * address and receive users' requests, bearer tokens included). Every call except health and info needs the HTTP
 * basic credentials of a known client; what a client may write is decided by {@link RegistryWriteAuthorization}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegistrySecurityProperties.class)
class RegistrySecurityConfig {

    @Bean
    RegistryClients registryClients(RegistrySecurityProperties properties) {
        return new RegistryClients(properties);
    }

    @Bean
    SecurityEventLog securityEventLog() {
        return new SecurityEventLog();
    }

    @Bean
    AuthenticationManager registryAuthenticationManager(RegistryClients clients, SecurityEventLog events) {
        ProviderManager manager = new ProviderManager(new RegistryAuthenticationProvider(clients, events));
        manager.setEraseCredentialsAfterAuthentication(true);
        return manager;
    }

    @Bean
    SecurityFilterChain registrySecurity(
            HttpSecurity http, AuthenticationManager registryAuthenticationManager, SecurityEventLog events)
            throws Exception {
        return http.authenticationManager(registryAuthenticationManager)
                .authorizeHttpRequests(requests -> requests
                        // Probes carry no credentials. Metrics are not for anonymous callers (issue 11): the
                        // scraper logs in as the "metrics" client, which may read nothing else.
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error")
                        .permitAll()
                        .requestMatchers("/actuator/prometheus")
                        .authenticated()
                        .requestMatchers("/eureka/**")
                        .access(new RegistryWriteAuthorization(events))
                        // The dashboard (/, /lastn) and anything else: any known client but the scraper.
                        .anyRequest()
                        .hasAnyAuthority(
                                authority(RegistryAccess.APP),
                                authority(RegistryAccess.READ),
                                authority(RegistryAccess.PEER)))
                .httpBasic(basic -> basic.realmName(ProblemResponses.REALM)
                        .authenticationEntryPoint(ProblemResponses.unauthorized()))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(ProblemResponses.unauthorized())
                        .accessDeniedHandler(ProblemResponses.forbidden()))
                // Machine clients with basic credentials on every call: no session, no CSRF token to fetch.
                // The dashboard is read-only, so CSRF protection has nothing to protect under /eureka/**.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/eureka/**"))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .build();
    }

    /** The authority {@link RegistryAuthenticationProvider} grants a client of this access. */
    static String authority(RegistryAccess access) {
        return "REGISTRY_" + access;
    }
}
