package org.permitwatch.monitoring;

import org.permitwatch.testsupport.SettableClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The shared context's test beans: one {@link SettableClock} as the service's clock. */
@TestConfiguration(proxyBeanMethods = false)
public class MonitoringTestConfiguration {

    @Bean
    @Primary
    SettableClock testClock() {
        return new SettableClock();
    }
}
