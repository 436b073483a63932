package org.permitwatch.inspection.evidence;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * Expires evidence declarations whose file never arrived (ADR 0042). Runs every few minutes on each replica through
 * the project's {@link JobRunner} (no overlap on an instance, bounded, never throws); across replicas no lock is
 * needed because each row changes by a conditional UPDATE (DECLARED and still past the cutoff) and is audited only by
 * the run that changed it. Tests (and operators) call {@link #run(Clock)} with any clock.
 */
@Component
public class EvidenceExpiryJob {

    private static final Logger log = LoggerFactory.getLogger(EvidenceExpiryJob.class);

    private final EvidenceService service;
    private final BureauClock clock;
    private final JobRunner jobs;

    EvidenceExpiryJob(EvidenceService service, BureauClock clock, JobRunner jobs) {
        this.service = service;
        this.clock = clock;
        this.jobs = jobs;
    }

    /** Every five minutes by default; {@code permitwatch.evidence.expiry-cron=-} turns it off (the tests do). */
    @Scheduled(cron = "${permitwatch.evidence.expiry-cron:0 */5 * * * *}", zone = "${permitwatch.zone:Asia/Shanghai}")
    void scheduled() {
        // Scheduler thread, not an event loop: waiting keeps two runs from overlapping on one instance.
        jobs.run("evidence-expiry", run(clock.clock()))
                .filter(n -> n > 0)
                .ifPresent(n -> log.info("evidence expiry: {} declarations without a file expired", n));
    }

    /** One pass as of the clock's instant; emits how many declarations it expired. */
    public Mono<Integer> run(Clock at) {
        return service.expireDeclarations(OffsetDateTime.ofInstant(at.instant(), ZoneOffset.UTC));
    }

    /** Turns on {@code @Scheduled} (idempotent if another feature enables it too). */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Scheduling {}
}
