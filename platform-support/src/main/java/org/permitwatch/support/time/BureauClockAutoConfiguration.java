package org.permitwatch.support.time;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** The service's {@link BureauClock}: {@code permitwatch.zone} (default Asia/Shanghai), a Clock bean if there is one. */
@AutoConfiguration
public class BureauClockAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    BureauClock bureauClock(ObjectProvider<Clock> clock, Environment environment) {
        return new BureauClock(
                clock.getIfAvailable(Clock::systemUTC),
                ZoneId.of(environment.getProperty("permitwatch.zone", "Asia/Shanghai")));
    }
}
