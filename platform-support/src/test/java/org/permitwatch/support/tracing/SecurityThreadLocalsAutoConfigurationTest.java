package org.permitwatch.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.permitwatch.support.tracing.SecurityThreadLocalsAutoConfiguration.RemovedThreadLocalAccessors;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

/** Spring Security's ThreadLocal accessors leave the registry in reactive services only; the trace's stays. */
class SecurityThreadLocalsAutoConfigurationTest {

    @Test
    void springSecuritysAccessorsAreRemovedAndTheObservationsStays() {
        // A registry loaded as the JVM-wide one is (ServiceLoader), so the test sees what the services see.
        ContextRegistry registry = new ContextRegistry().loadThreadLocalAccessors();
        assertThat(classNames(registry))
                .as("what Spring Security and Micrometer register through ServiceLoader")
                .contains(
                        "org.springframework.security.core.context.SecurityContextHolderThreadLocalAccessor",
                        "org.springframework.security.core.context.ReactiveSecurityContextHolderThreadLocalAccessor",
                        ObservationThreadLocalAccessor.class.getName());

        RemovedThreadLocalAccessors removed = RemovedThreadLocalAccessors.springSecurityFrom(registry);

        assertThat(removed.keys()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(classNames(registry))
                .noneMatch(name -> name.startsWith("org.springframework.security."))
                .contains(ObservationThreadLocalAccessor.class.getName());
    }

    @Test
    void aReactiveServiceRemovesThemUnlessThePropertyKeepsThem() {
        ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SecurityThreadLocalsAutoConfiguration.class));
        reactive.run(context -> assertThat(context).hasSingleBean(RemovedThreadLocalAccessors.class));
        reactive.withPropertyValues(SecurityThreadLocalsAutoConfiguration.PROPERTY + "=true")
                .run(context -> assertThat(context).doesNotHaveBean(RemovedThreadLocalAccessors.class));
    }

    @Test
    void aNonReactiveApplicationKeepsThem() {
        // (The servlet case, identity-service, is the same condition; this module has no servlet API to run it.)
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SecurityThreadLocalsAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(RemovedThreadLocalAccessors.class));
    }

    private static List<String> classNames(ContextRegistry registry) {
        return registry.getThreadLocalAccessors().stream()
                .map(ThreadLocalAccessor::getClass)
                .map(Class::getName)
                .toList();
    }
}
