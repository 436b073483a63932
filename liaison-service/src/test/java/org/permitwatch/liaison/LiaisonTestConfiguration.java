package org.permitwatch.liaison;

import org.permitwatch.testsupport.SettableClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The shared context's test beans: one {@link SettableClock} as the service's {@link java.time.Clock} (the system clock until a class
 * sets it in {@code @BeforeAll}; a class that sets it resets it in {@code @AfterAll}).
 */
@TestConfiguration(proxyBeanMethods = false)
public class LiaisonTestConfiguration {

    /** Declared as the subclass so a test can inject it; BureauClock and the service's Clock consumers use it. */
    @Bean
    @Primary
    SettableClock testClock() {
        return new SettableClock();
    }
}
