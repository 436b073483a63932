package org.permitwatch.support.jobs;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@link JobRunner} every scheduled job goes through. The scheduler's own pool ({@code spring.task.scheduling.*},
 * 4 threads named {@code permitwatch-job-}) is set in {@code permitwatch-defaults.yml}: Spring's default is one
 * thread for all jobs of a service.
 */
@AutoConfiguration
public class JobsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JobRunner jobRunner(ObjectProvider<MeterRegistry> meters, Environment environment) {
        return new JobRunner(
                meters.getIfAvailable(),
                environment.getProperty("permitwatch.jobs.timeout", Duration.class, Duration.ofMinutes(30)));
    }
}
