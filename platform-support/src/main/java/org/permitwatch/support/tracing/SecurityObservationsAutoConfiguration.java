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
 * <p>Why: with an {@code ObservationRegistry} present, Spring Security wraps its web filter chain, its authentication
 * manager and its authorization managers in observations: per request two filter-chain observations plus one for the
 * token's authentication and one per authorization decision, each a timer, a long-task timer and (sampled) a span
 * with the chain's filter names as events. Profiled under load (docs/benchmarks.md, session 11) that was a visible
 * share of every request's CPU, for spans nobody reads: the request's own server span, the gateway's client span and
 * the service's writes already make the trace of issue 21, and 401/403 answers are counted by
 * {@code http.server.requests} with their status. Nothing about the checks changes; only their timing stops being
 * recorded. {@code permitwatch.tracing.security-observations=true} brings them back (e.g. to investigate a slow
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
