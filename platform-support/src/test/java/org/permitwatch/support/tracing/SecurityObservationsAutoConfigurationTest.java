package org.permitwatch.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/** Security observations are off unless the property brings them back; a service's own settings win. */
class SecurityObservationsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SecurityObservationsAutoConfiguration.class));

    @Test
    void offByDefault() {
        runner.run(context -> {
            SecurityObservationSettings settings = context.getBean(SecurityObservationSettings.class);
            assertThat(settings.shouldObserveRequests()).isFalse();
            assertThat(settings.shouldObserveAuthentications()).isFalse();
            assertThat(settings.shouldObserveAuthorizations()).isFalse();
        });
    }

    @Test
    void thePropertyBringsSpringSecuritysDefaultsBack() {
        runner.withPropertyValues(SecurityObservationsAutoConfiguration.PROPERTY + "=true")
                .run(context -> assertThat(context).doesNotHaveBean(SecurityObservationSettings.class));
    }

    @Test
    void aServicesOwnSettingsWin() {
        runner.withUserConfiguration(OwnSettings.class)
                .run(context -> assertThat(context.getBean(SecurityObservationSettings.class)
                                .shouldObserveAuthentications())
                        .isTrue());
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnSettings {
        @Bean
        SecurityObservationSettings ownSecurityObservationSettings() {
            return SecurityObservationSettings.withDefaults().build();
        }
    }
}
