package org.permitwatch.permitsync;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;

/** The shared test beans of {@link PermitSyncIntegrationTest}. */
@TestConfiguration(proxyBeanMethods = false)
public class PermitSyncTestConfiguration {

    /** Calls to {@link NationalPlatformMocks#BASE_URL} go to the mock the running test class routed to. */
    @Bean
    WebClientCustomizer nationalPlatformMockRouting() {
        return builder -> builder.filter(NationalPlatformMocks.routing());
    }
}
