package org.permitwatch.permitsync.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The periodic run ({@code permitwatch.sync.schedule-cron}, "-" = off); also resumes a paused run. */
@Component
class ScheduledSync {

    private static final Logger log = LoggerFactory.getLogger(ScheduledSync.class);

    private final SyncService service;
    private final SyncProperties properties;

    ScheduledSync(SyncService service, SyncProperties properties) {
        this.service = service;
        this.properties = properties;
    }

    @Scheduled(cron = "${permitwatch.sync.schedule-cron:-}")
    void run() {
        // Only starts the run (the run itself goes on in the background), so the scheduler thread is freed at once.
        service.trigger(properties.scheduleMode(), "SCHEDULE", null)
                .subscribe(run -> log.info("scheduled sync run {} started", run.id()), e -> {
                    if (e instanceof SyncRunConflictException) {
                        log.info("scheduled sync skipped: {}", e.getMessage());
                    } else {
                        log.error("scheduled sync could not start", e);
                    }
                });
    }
}
