package org.permitwatch.permitsync;

import org.permitwatch.testsupport.SettableClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The shared test beans of {@link PermitSyncIntegrationTest}. */
@TestConfiguration(proxyBeanMethods = false)
public class PermitSyncTestConfiguration {

    /**
     * The service's clock, unset = the system clock. The sync's self-healing tests set it to move a paused run's
     * automatic retry into the present instead of waiting minutes for it.
     */
    @Bean
    @Primary
    SettableClock testClock() {
        return new SettableClock();
    }

    /** Calls to {@link NationalPlatformMocks#BASE_URL} go to the mock the running test class routed to. */
    @Bean
    WebClientCustomizer nationalPlatformMockRouting() {
        return builder -> builder.filter(NationalPlatformMocks.routing());
    }
}
