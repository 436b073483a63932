package org.permitwatch.permitsync.sync;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At start-up, a RUNNING run can only be one a crash or shutdown left behind (runs live in this process):
 * it is marked PAUSED so the next trigger or schedule resumes it from its checkpoint. Runs on the main
 * thread before the app takes traffic, so blocking here is fine.
 */
@Component
class OrphanRunRecovery implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(OrphanRunRecovery.class);

    private final SyncRunRepository runs;

    OrphanRunRecovery(SyncRunRepository runs) {
        this.runs = runs;
    }

    @Override
    public void run(ApplicationArguments args) {
        Long paused = runs.pauseOrphans().block(Duration.ofSeconds(30));
        if (paused != null && paused > 0) {
            log.warn("{} sync run(s) interrupted by the last shutdown marked PAUSED", paused);
        }
    }
}
