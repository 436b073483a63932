package org.permitwatch.support.tracing;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * No Micrometer observations of Spring Security's own steps (ADR 0047), in the gateway and in every service.
 *
 * <p>Why: with an {@code ObservationRegistry} present, Spring Security (7) wraps its authentication manager and each
 * authorization manager in observations: per request one for the bearer token's authentication and one per
 * authorization decision (the exchange rule, and each {@code @PreAuthorize} method), each a timer, a long-task timer
 * and, sampled, a span. (Its filter-chain observations are already off by default in Spring Security 7; this turns them
 * off explicitly too.) They are spans nobody reads: the request's own server span, the gateway's client span and the
 * service's writes already make the trace of issue 21, and 401/403 answers are counted by {@code
 * http.server.requests} with their status. Nothing about the checks changes; only their timing stops being recorded.
 * {@code permitwatch.tracing.security-observations=true} brings Spring Security's defaults back (e.g. to investigate
 * a slow
 * authorization); a service that declares its own {@link SecurityObservationSettings} wins.
 */
@AutoConfiguration
@ConditionalOnClass(SecurityObservationSettings.class)
public class SecurityObservationsAutoConfiguration {

    public static final String PROPERTY = "permitwatch.tracing.security-observations";

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = PROPERTY, havingValue = false, matchIfMissing = true)
    SecurityObservationSettings permitWatchSecurityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
