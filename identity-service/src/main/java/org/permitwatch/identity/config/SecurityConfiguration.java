package org.permitwatch.identity.config;

import org.permitwatch.identity.admin.AdminAuthorities;
import org.permitwatch.identity.admin.AdminSecurityProblems;
import org.permitwatch.identity.signin.PasswordStep;
import org.permitwatch.identity.signin.SignInFlow;
import org.permitwatch.identity.signin.SignInService;
import org.permitwatch.identity.token.PublicClientRefresh;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.context.support.WebApplicationContextUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three filter chains, all under the context path /auth: (1) the authorization server's endpoints, (2) the admin API
 * as a stateless resource server on the provider's own tokens, (3) the sign-in pages with a session.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /**
     * The actuator's own port (MANAGEMENT_SERVER_PORT: 127.0.0.1 locally, the monitoring namespace only in
     * Kubernetes) needs no token, as in the other services (platform-support's ManagementServer); without that port
     * the actuator sits behind the sign-in chain and nothing but /livez and /readyz is anonymous.
     */
    @Bean
    @Order(0)
    SecurityFilterChain managementServer(HttpSecurity http) throws Exception {
        http.securityMatcher(request -> WebServerApplicationContext.hasServerNamespace(
                        WebApplicationContextUtils.getWebApplicationContext(request.getServletContext()), "management"))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(
            HttpSecurity http,
            RegisteredClientRepository clients,
            OAuth2TokenGenerator<?> tokenGenerator,
            SecurityContextRepository contexts)
            throws Exception {
        OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
        RequestMatcher endpoints = server.getEndpointsMatcher();
        http.securityMatcher(endpoints)
                .with(
                        server,
                        s -> s.tokenGenerator(tokenGenerator)
                                .clientAuthentication(c -> c.authenticationConverter(PublicClientRefresh.converter())
                                        .authenticationProvider(PublicClientRefresh.provider(clients)))
                                .oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .securityContext(c -> c.securityContextRepository(contexts))
                // Browsers go to the sign-in page; API callers of userinfo get a 401.
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                .oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()))
                .csrf(csrf -> csrf.ignoringRequestMatchers(endpoints));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain adminApi(HttpSecurity http, JsonMapper json) throws Exception {
        AdminSecurityProblems problems = new AdminSecurityProblems(json);
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.jwtAuthenticationConverter(AdminAuthorities::convert))
                        .authenticationEntryPoint(problems.entryPoint())
                        .accessDeniedHandler(problems.accessDeniedHandler()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                // 401/403 as problem+json, what docs/api/identity-service.json promises
                .exceptionHandling(e -> e.authenticationEntryPoint(problems.entryPoint())
                        .accessDeniedHandler(problems.accessDeniedHandler()));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain signInPages(
            HttpSecurity http, SignInService signIn, SignInFlow flow, SecurityContextRepository contexts)
            throws Exception {
        http.authorizeHttpRequests(a -> a.requestMatchers(
                                "/login",
                                "/login/**",
                                "/css/**",
                                "/livez",
                                "/readyz",
                                "/error",
                                "/v3/api-docs",
                                "/v3/api-docs/**",
                                "/swagger-ui.html",
                                "/swagger-ui/**")
                        .permitAll()
                        .anyRequest()
                        .hasAuthority(SignInFlow.SIGNED_IN))
                .securityContext(c -> c.securityContextRepository(contexts))
                // Not a bean: a global provider bean would also sit in the parent manager, which ProviderManager asks
                // again after a failure — every wrong password would count twice.
                .authenticationProvider(new PasswordStep(signIn))
                .formLogin(form -> form.loginPage("/login").successHandler(flow).failureHandler(new SignInFailures()))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"));
        return http.build();
    }

    /** Maps the failure to the message the page shows (?error, ?locked, ?disabled). */
    static final class SignInFailures extends SimpleUrlAuthenticationFailureHandler {
        @Override
        public void onAuthenticationFailure(
                jakarta.servlet.http.HttpServletRequest request,
                jakarta.servlet.http.HttpServletResponse response,
                org.springframework.security.core.AuthenticationException exception)
                throws java.io.IOException {
            String target = exception instanceof org.springframework.security.authentication.LockedException
                    ? "/login?locked"
                    : exception instanceof org.springframework.security.authentication.DisabledException
                            ? "/login?disabled"
                            : "/login?error";
            getRedirectStrategy().sendRedirect(request, response, target);
        }
    }
}
