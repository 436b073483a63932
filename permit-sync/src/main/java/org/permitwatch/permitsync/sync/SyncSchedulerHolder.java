package org.permitwatch.permitsync.sync;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The threads a run works on between I/O (mapping, JSON), so a long sync never occupies the Netty event
 * loops that serve HTTP requests.
 */
@Component
class SyncSchedulerHolder implements DisposableBean {

    private final Scheduler scheduler = Schedulers.newBoundedElastic(2, 64, "permit-sync-run");

    Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }
}
