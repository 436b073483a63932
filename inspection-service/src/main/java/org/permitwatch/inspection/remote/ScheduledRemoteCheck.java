package org.permitwatch.inspection.remote;

import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.jobs.JobRunner;
import org.permitwatch.support.problem.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The nightly run over the whole directory ({@code permitwatch.remote.schedule-cron}, "-" = off). Every replica
 * fires; the advisory lock lets one of them run and the others skip. Runs on the scheduler thread, not on an event
 * loop, so waiting for the run is fine and keeps one instance from overlapping itself.
 */
@Component
class ScheduledRemoteCheck {

    private static final Logger log = LoggerFactory.getLogger(ScheduledRemoteCheck.class);
    private final RemoteCheckEngine engine;
    private final JobRunner jobs;

    ScheduledRemoteCheck(RemoteCheckEngine engine, JobRunner jobs) {
        this.engine = engine;
        this.jobs = jobs;
    }

    @Scheduled(cron = "${permitwatch.remote.schedule-cron:0 0 2 * * *}", zone = "${permitwatch.zone:Asia/Shanghai}")
    void run() {
        Mono<RunView> run = engine.run(RemoteCheckEngine.Trigger.SCHEDULE, null, AuditLog.SYSTEM_ACTOR)
                .onErrorResume(ApiException.class, e -> {
                    // e.g. another run in progress: expected, not a failure of the job.
                    log.info("scheduled remote-check skipped: {}", e.getMessage());
                    return Mono.empty();
                });
        jobs.run("remote-check", run)
                .ifPresent(r -> log.info(
                        "remote-check run {}: raised {}, updated {}, resolved {}",
                        r.id(),
                        r.raised(),
                        r.updated(),
                        r.resolved()));
    }
}
