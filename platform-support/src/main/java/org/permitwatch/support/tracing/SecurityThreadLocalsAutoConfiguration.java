package org.permitwatch.support.tracing;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.context.SecurityContextHolderThreadLocalAccessor;

/**
 * Reactive services do not restore Spring Security's ThreadLocals on every Reactor signal (issue 21, docs/benchmarks.md
 * "Session 14").
 *
 * <p>Why: with {@code spring.reactor.context-propagation=auto} (ADR 0043: the trace follows a request across thread
 * hops into every log line), Reactor restores every registered {@link ThreadLocalAccessor} from the Reactor Context on
 * every signal under a {@code contextWrite}, and clears the ones the Context lacks. Spring Security registers three
 * (the imperative {@code SecurityContextHolder}, the reactive holder, the {@code ServerWebExchange}); restoring them
 * allocates a fresh empty {@code SecurityContext} and map entries per signal. In a WebFlux service nothing reads them:
 * the caller comes from the Reactor Context ({@code ReactiveSecurityContextHolder}, {@code CurrentCaller}), and
 * Spring Security's WebFlux filters never look at the ThreadLocal. The observation accessor (the trace) stays.
 * Servlet applications (identity-service's sign-in pages) keep theirs. {@code
 * permitwatch.tracing.security-thread-locals=true} keeps Spring Security's accessors (for code that would read {@code
 * SecurityContextHolder} inside a reactive chain).
 *
 * <p>The registry is the JVM-wide {@link ContextRegistry#getInstance()}: the removal holds for every context in the
 * JVM, as the registration did.
 */
@AutoConfiguration
@ConditionalOnClass({ContextRegistry.class, SecurityContextHolderThreadLocalAccessor.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty(
        name = SecurityThreadLocalsAutoConfiguration.PROPERTY,
        havingValue = false,
        matchIfMissing = true)
public class SecurityThreadLocalsAutoConfiguration {

    public static final String PROPERTY = "permitwatch.tracing.security-thread-locals";

    @Bean
    RemovedThreadLocalAccessors permitWatchRemovedSecurityThreadLocals() {
        return RemovedThreadLocalAccessors.springSecurityFrom(ContextRegistry.getInstance());
    }

    /** The keys of the accessors taken out of the registry (for the actuator's beans and for tests). */
    public record RemovedThreadLocalAccessors(List<Object> keys) {

        static final String SPRING_SECURITY = "org.springframework.security.";

        public RemovedThreadLocalAccessors {
            keys = List.copyOf(keys);
        }

        /** Removes every accessor Spring Security registered; returns their keys. */
        public static RemovedThreadLocalAccessors springSecurityFrom(ContextRegistry registry) {
            List<Object> keys = registry.getThreadLocalAccessors().stream()
                    .filter(accessor -> accessor.getClass().getName().startsWith(SPRING_SECURITY))
                    .map(ThreadLocalAccessor::key)
                    .toList();
            keys.forEach(registry::removeThreadLocalAccessor);
            return new RemovedThreadLocalAccessors(keys);
        }
    }
}
