package org.permitwatch.inspection.rectification;

import java.time.Clock;
import java.time.LocalDate;
import org.permitwatch.support.jobs.JobRunner;
import org.permitwatch.support.time.BureauClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Daily overdue detection of rectification orders. Tests (and operators) call {@link #run(Clock)} with any clock;
 * the scheduled run uses the bureau clock.
 */
@Component
public class OverdueJob {

    private static final Logger log = LoggerFactory.getLogger(OverdueJob.class);

    private final RectificationService service;
    private final RectificationProperties properties;
    private final BureauClock clock;

    private final JobRunner jobs;

    OverdueJob(RectificationService service, RectificationProperties properties, BureauClock clock, JobRunner jobs) {
        this.service = service;
        this.properties = properties;
        this.clock = clock;
        this.jobs = jobs;
    }

    @Scheduled(
            cron = "${permitwatch.rectification.overdue-cron:0 15 1 * * *}",
            zone = "${permitwatch.zone:Asia/Shanghai}")
    void scheduled() {
        if (properties.overdueEnabled()) {
            // Scheduler thread, not an event loop: waiting keeps two runs from overlapping on one instance.
            jobs.run("rectification-overdue", run(clock.clock()))
                    .ifPresent(escalated -> log.info("rectification overdue detection: {} escalated", escalated));
        }
    }

    /** One pass as of the day {@code at} shows on the bureau's calendar; emits how many rectifications were escalated. */
    public Mono<Integer> run(Clock at) {
        return service.detectOverdue(LocalDate.ofInstant(at.instant(), clock.zone()));
    }

    /** Turns on {@code @Scheduled} (idempotent if another feature enables it too). */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Scheduling {}
}
