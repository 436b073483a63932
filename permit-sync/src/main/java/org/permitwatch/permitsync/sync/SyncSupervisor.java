package org.permitwatch.permitsync.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every instance, every {@code permitwatch.sync.supervise-interval}: {@link SyncService#supervise()}. This is what
 * makes a paused run resume without anyone (or the nightly schedule) and a dead owner's run continue elsewhere. Looks
 * never overlap (each waits for the one before).
 *
 * <p>A lifecycle of the last phase, so at shutdown it stops first: the looking ends before this instance's run is
 * stopped and its lease released (else it could take its own released run straight back), and both happen before the
 * web server and the HTTP client's resources go (a run meeting their shutdown would pause itself instead of being
 * handed over).
 */
@Component
class SyncSupervisor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SyncSupervisor.class);

    private final SyncService service;
    private final SyncProperties properties;
    private volatile Disposable looking;

    SyncSupervisor(SyncService service, SyncProperties properties) {
        this.service = service;
        this.properties = properties;
    }

    @Override
    public void start() {
        looking = Flux.interval(properties.superviseInterval())
                .onBackpressureDrop()
                .concatMap(
                        tick -> service.supervise().onErrorResume(e -> {
                            log.warn("sync supervision failed, looks again at the next interval: {}", e.toString());
                            return Mono.empty();
                        }),
                        1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable d = looking;
        looking = null;
        if (d != null) {
            d.dispose();
        }
        service.stopAndReleaseLeases();
    }

    @Override
    public boolean isRunning() {
        return looking != null;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
