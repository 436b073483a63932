package org.permitwatch.permitsync.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Every instance, every {@code permitwatch.sync.supervise-interval}: {@link SyncService#supervise()}. This is what
 * makes a paused run resume without anyone (or the nightly schedule) and a dead owner's run continue elsewhere. Starts
 * once the application is ready; looks never overlap (one after the other on the run scheduler).
 */
@Component
class SyncSupervisor implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SyncSupervisor.class);

    private final SyncService service;
    private final SyncProperties properties;
    private final SyncSchedulerHolder schedulerHolder;
    private volatile Disposable looking;

    SyncSupervisor(SyncService service, SyncProperties properties, SyncSchedulerHolder schedulerHolder) {
        this.service = service;
        this.properties = properties;
        this.schedulerHolder = schedulerHolder;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        looking = Flux.interval(properties.superviseInterval(), schedulerHolder.scheduler())
                .onBackpressureDrop()
                .concatMap(
                        tick -> service.supervise().onErrorResume(e -> {
                            log.warn("sync supervision failed, looks again at the next interval: {}", e.toString());
                            return reactor.core.publisher.Mono.empty();
                        }),
                        1)
                .subscribe();
    }

    @Override
    public void destroy() {
        Disposable d = looking;
        if (d != null) {
            d.dispose();
        }
    }
}
