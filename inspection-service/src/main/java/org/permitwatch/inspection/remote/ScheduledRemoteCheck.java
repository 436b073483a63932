package org.permitwatch.inspection.remote;

import java.time.Duration;

import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.problem.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The nightly run over the whole directory ({@code permitwatch.remote.schedule-cron}, "-" = off). Every replica
 * fires; the advisory lock lets one of them run and the others skip. Runs on the scheduler thread, not on an event
 * loop, so waiting for the run is fine and keeps one instance from overlapping itself.
 */
@Component
class ScheduledRemoteCheck {

    private static final Logger log = LoggerFactory.getLogger(ScheduledRemoteCheck.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final RemoteCheckEngine engine;

    ScheduledRemoteCheck(RemoteCheckEngine engine) {
        this.engine = engine;
    }

    @Scheduled(cron = "${permitwatch.remote.schedule-cron:0 0 2 * * *}", zone = "${permitwatch.remote.zone:Asia/Shanghai}")
    void run() {
        try {
            RunView run = engine.run(RemoteCheckEngine.Trigger.SCHEDULE, null, AuditLog.SYSTEM_ACTOR).block(TIMEOUT);
            if (run != null) {
                log.info("remote-check run {}: raised {}, updated {}, resolved {}", run.id(), run.raised(),
                        run.updated(), run.resolved());
            }
        } catch (ApiException e) {
            log.info("scheduled remote-check skipped: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("scheduled remote-check failed", e);
        }
    }
}
