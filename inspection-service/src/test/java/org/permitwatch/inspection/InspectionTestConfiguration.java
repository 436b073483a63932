package org.permitwatch.inspection;

import org.permitwatch.testsupport.SettableClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The shared test beans of {@link InspectionIntegrationTest}. Unset, the {@link SettableClock} is the system clock, as
 * the service's own default is; a class that needs another instant sets it in {@code @BeforeAll} and resets it in
 * {@code @AfterAll}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class InspectionTestConfiguration {

    @Bean
    @Primary
    SettableClock settableClock() {
        return new SettableClock();
    }
}
