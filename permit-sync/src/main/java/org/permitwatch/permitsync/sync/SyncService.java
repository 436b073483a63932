package org.permitwatch.permitsync.sync;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.time.BureauClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Starts runs. A trigger resumes the PAUSED run if there is one, otherwise creates a new run; either way in
 * one transaction with its audit row, guarded by the single-active-run unique index. The run itself continues
 * in the background, detached from the request that started it.
 */
@Service
class SyncService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SyncService.class);

    private final SyncRunRepository runs;
    private final SyncEngine engine;
    private final TransactionalOperator tx;
    private final AuditLog audit;
    private final SyncProperties properties;
    private final SyncSchedulerHolder schedulerHolder;
    private final Map<UUID, Disposable> inFlight = new ConcurrentHashMap<>();

    private final BureauClock clock;

    SyncService(
            SyncRunRepository runs,
            SyncEngine engine,
            TransactionalOperator tx,
            AuditLog audit,
            SyncProperties properties,
            SyncSchedulerHolder schedulerHolder,
            BureauClock clock) {
        this.clock = clock;
        this.runs = runs;
        this.engine = engine;
        this.tx = tx;
        this.audit = audit;
        this.properties = properties;
        this.schedulerHolder = schedulerHolder;
    }

    /**
     * Creates (or resumes) a run and starts it in the background; emits the run as committed.
     *
     * @param trigger API or SCHEDULE
     * @param actor   the caller's subject, null for the schedule
     */
    Mono<SyncRun> trigger(SyncMode mode, String trigger, String actor) {
        Mono<SyncRun> start = runs.findActiveForUpdate()
                .flatMap(active -> active.status() == SyncStatus.RUNNING
                        ? Mono.<SyncRun>error(new SyncRunConflictException("run " + active.id() + " is still running"))
                        : runs.resume(active.id())
                                .then(runs.findById(active.id()))
                                .flatMap(resumed -> audit.record(
                                                "sync.run.resume",
                                                "sync_run",
                                                resumed.id().toString(),
                                                Map.of(
                                                        "mode",
                                                        resumed.mode().name(),
                                                        "requestedMode",
                                                        mode.name(),
                                                        "trigger",
                                                        trigger))
                                        .thenReturn(resumed)))
                .switchIfEmpty(Mono.defer(() -> create(mode, trigger, actor)));
        return tx.transactional(start)
                .onErrorMap(
                        DataIntegrityViolationException.class,
                        e -> new SyncRunConflictException("another run started at the same time"))
                .doOnNext(this::launch);
    }

    private Mono<SyncRun> create(SyncMode mode, String trigger, String actor) {
        Mono<OffsetDateTime> from = mode == SyncMode.FULL
                ? Mono.empty()
                : runs.lastSuccessfulWatermark().map(w -> w.minus(properties.watermarkOverlap()));
        return from.map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(watermark -> {
                    UUID id = UUID.randomUUID();
                    // An incremental run without any successful predecessor has no watermark: it lists everything.
                    SyncRun run = new SyncRun(
                            id,
                            mode,
                            SyncStatus.RUNNING,
                            trigger,
                            actor,
                            clock.nowUtc(),
                            null,
                            watermark.orElse(null),
                            null,
                            null,
                            null,
                            1,
                            0,
                            0,
                            0,
                            0,
                            0,
                            0,
                            0,
                            null,
                            null);
                    return runs.insert(run)
                            .then(audit.record(
                                    "sync.run.start",
                                    "sync_run",
                                    id.toString(),
                                    Map.of("mode", mode.name(), "trigger", trigger)))
                            .then(runs.findById(id));
                });
    }

    private void launch(SyncRun run) {
        Disposable running = engine.execute(run)
                .subscribeOn(schedulerHolder.scheduler())
                .doFinally(signal -> inFlight.remove(run.id()))
                .subscribe(status -> {}, e -> log.error("sync run {} crashed", run.id(), e));
        inFlight.put(run.id(), running);
    }

    /** Stops in-flight runs on shutdown; their rows stay RUNNING and become PAUSED at the next start. */
    @Override
    public void destroy() {
        inFlight.values().forEach(Disposable::dispose);
    }
}
