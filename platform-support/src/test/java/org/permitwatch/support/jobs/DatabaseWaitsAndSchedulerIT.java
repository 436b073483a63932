package org.permitwatch.support.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.permitwatch.support.testapp.MessagingTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.PeriodicTrigger;

/** The platform defaults (permitwatch-defaults.yml) as a service gets them: no unbounded wait, no single job thread. */
class DatabaseWaitsAndSchedulerIT extends MessagingTestBase {

    @Autowired
    ThreadPoolTaskSchedulerBuilder schedulerBuilder;

    @Test
    void everyConnectionCarriesStatementAndLockTimeouts() {
        String statement = db.sql("SHOW statement_timeout")
                .map(r -> r.get(0, String.class))
                .one()
                .block();
        String lock = db.sql("SHOW lock_timeout")
                .map(r -> r.get(0, String.class))
                .one()
                .block();
        // PostgreSQL's defaults are 0 (wait for ever); the platform sets PT2M and PT30S.
        assertThat(statement).isEqualTo("2min");
        assertThat(lock).isEqualTo("30s");
    }

    @Test
    void aHungJobDoesNotStopTheOthersFromFiring() throws Exception {
        // The scheduler Spring Boot builds for @Scheduled jobs, with the platform's pool: with Spring's default of one
        // thread, the second job would never run while the first hangs.
        ThreadPoolTaskScheduler scheduler = schedulerBuilder.build();
        scheduler.initialize();
        try {
            CountDownLatch never = new CountDownLatch(1);
            CountDownLatch otherFired = new CountDownLatch(1);
            scheduler.schedule(
                    () -> {
                        try {
                            never.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    new PeriodicTrigger(Duration.ofMillis(10)));
            Thread.sleep(100); // the hung job holds its thread
            scheduler.schedule(otherFired::countDown, new PeriodicTrigger(Duration.ofMillis(10)));
            assertThat(otherFired.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(scheduler.getPoolSize()).isGreaterThan(1);
            assertThat(scheduler.getThreadNamePrefix()).isEqualTo("permitwatch-job-");
        } finally {
            scheduler.shutdown();
        }
    }
}
