package org.permitwatch.reporting.catalog;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportingProperties.class)
class CatalogConfiguration {

    /** "Now" of the reports (the fill date of 附件1); a bean so a test can fix the instant. */
    @Bean
    Clock reportingClock() {
        return Clock.systemUTC();
    }
}
