package org.permitwatch.permitsync.sync;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Starts runs and keeps them going (ADR 0002, ADR 0036). A trigger resumes the PAUSED run if there is one, otherwise
 * creates a new run; either way in one transaction with its audit row, guarded by the single-active-run unique
 * index. {@link #supervise()} (every instance, every few seconds) resumes a paused run whose automatic retry is due
 * and takes over a run whose owner's lease expired. The run itself continues in the background, detached from what
 * started it, under this instance's lease, renewed by a heartbeat while it runs.
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
    private final BureauClock clock;
    private final HeapReturn heapReturn;
    private final String owner;
    private final Map<UUID, Disposable> inFlight = new ConcurrentHashMap<>();

    SyncService(
            SyncRunRepository runs,
            SyncEngine engine,
            TransactionalOperator tx,
            AuditLog audit,
            SyncProperties properties,
            SyncSchedulerHolder schedulerHolder,
            BureauClock clock,
            SyncInstance instance,
            HeapReturn heapReturn) {
        this.runs = runs;
        this.engine = engine;
        this.tx = tx;
        this.audit = audit;
        this.properties = properties;
        this.schedulerHolder = schedulerHolder;
        this.clock = clock;
        this.heapReturn = heapReturn;
        this.owner = instance.id();
    }

    /**
     * Creates (or resumes) a run and starts it in the background; emits the run as committed. A RUNNING run is never
     * taken over here, even with an expired lease: that is {@link #supervise()}'s job, so there is one path for it.
     *
     * @param trigger API or SCHEDULE
     * @param actor   the caller's subject, null for the schedule
     */
    Mono<SyncRun> trigger(SyncMode mode, String trigger, String actor) {
        Mono<SyncRun> start = runs.findActiveForUpdate()
                .flatMap(active -> active.status() == SyncStatus.RUNNING
                        ? Mono.<SyncRun>error(new SyncRunConflictException("run " + active.id()
                                + " is running on " + active.leaseOwner() + " (lease until "
                                + active.leaseExpiresAt() + ")"))
                        : runs.resumeByHand(
                                        active.id(), owner, properties.lease().ttl())
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
                                                        trigger,
                                                        "instance",
                                                        owner))
                                        .thenReturn(resumed)))
                .switchIfEmpty(Mono.defer(() -> create(mode, trigger, actor)));
        return tx.transactional(start)
                .onErrorMap(
                        DataIntegrityViolationException.class,
                        e -> new SyncRunConflictException("another run started at the same time"))
                .doOnNext(this::launch);
    }

    /**
     * One look for work nobody is doing: a run whose owner's lease expired (taken over, continues from its
     * checkpoint), else a paused run whose automatic retry is due. Only while this instance runs nothing: there is
     * at most one active run, so an instance with a run in flight has nothing to claim — and never takes over its own
     * live run after a late heartbeat. Each claim is one conditional UPDATE, so of two instances looking at once only
     * one gets the run.
     */
    Mono<SyncRun> supervise() {
        if (!inFlight.isEmpty()) {
            return Mono.empty();
        }
        Duration ttl = properties.lease().ttl();
        Mono<SyncRun> takeOver = runs.takeOverExpired(owner, ttl).flatMap(taken -> {
            log.warn(
                    "sync run {}: lease of {} expired, taken over by {} from its checkpoint",
                    taken.run().id(),
                    taken.previousOwner(),
                    owner);
            return audit.recordAsSystem(
                            "sync.run.takeover",
                            "sync_run",
                            taken.run().id().toString(),
                            Map.of(
                                    "previousOwner",
                                    Optional.ofNullable(taken.previousOwner()).orElse("none"),
                                    "instance",
                                    owner))
                    .thenReturn(taken.run());
        });
        Mono<SyncRun> dueRetry = Mono.defer(() -> runs.claimDueRetry(clock.nowUtc(), owner, ttl))
                .flatMap(resumed -> {
                    log.info(
                            "sync run {} resumes by itself (attempt {} of {}) on {}",
                            resumed.id(),
                            resumed.retryAttempts(),
                            properties.autoResume().maxAttempts(),
                            owner);
                    return audit.recordAsSystem(
                                    "sync.run.auto-resume",
                                    "sync_run",
                                    resumed.id().toString(),
                                    Map.of(
                                            "attempt",
                                            resumed.retryAttempts(),
                                            "maxAttempts",
                                            properties.autoResume().maxAttempts(),
                                            "instance",
                                            owner))
                            .thenReturn(resumed);
                });
        return tx.transactional(takeOver.switchIfEmpty(dueRetry)).doOnNext(this::launch);
    }

    private Mono<SyncRun> create(SyncMode mode, String trigger, String actor) {
        Mono<OffsetDateTime> from = mode == SyncMode.FULL
                ? Mono.empty()
                : runs.lastSuccessfulWatermark().map(w -> w.minus(properties.watermarkOverlap()));
        return from.map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(watermark -> {
            UUID id = UUID.randomUUID();
            // An incremental run without any successful predecessor has no watermark: it lists everything.
            return runs.insert(
                            id,
                            mode,
                            trigger,
                            actor,
                            clock.nowUtc(),
                            watermark.orElse(null),
                            owner,
                            properties.lease().ttl())
                    .then(audit.record(
                            "sync.run.start",
                            "sync_run",
                            id.toString(),
                            Map.of("mode", mode.name(), "trigger", trigger, "instance", owner)))
                    .then(runs.findById(id));
        });
    }

    /**
     * Runs the engine in the background with a heartbeat beside it. A heartbeat that finds the lease gone (another
     * instance took the run over after this one stalled) stops the engine: its page in progress rolls back, and the
     * engine's own writes are fenced by the lease anyway. A heartbeat that fails (database away) keeps going: if the
     * outage outlasts the lease, the fence and the next heartbeat decide.
     */
    private void launch(SyncRun run) {
        Duration ttl = properties.lease().ttl();
        // The beat ticks on Reactor's parallel timer, not on the run's two worker threads: a page's mapping work
        // there must not delay the heartbeat past the lease (seen on a loaded machine: the lease expired mid-run).
        Mono<Boolean> leaseLost = Flux.interval(properties.lease().heartbeat())
                // a renewal slower than the beat (a busy database) skips beats instead of failing the interval
                .onBackpressureDrop()
                .concatMap(tick -> runs.renewLease(run.id(), owner, ttl).onErrorResume(e -> {
                    log.warn("sync run {}: heartbeat failed, retried at the next beat: {}", run.id(), e.toString());
                    return Mono.just(true);
                }))
                .filter(held -> !held)
                .next()
                .doOnNext(lost -> log.warn("sync run {}: lease no longer held by {}, stopping here", run.id(), owner))
                // the heartbeat itself must never end the run: only a lease seen lost does
                .onErrorResume(e -> {
                    log.warn(
                            "sync run {}: heartbeat stopped ({}), the lease fence still guards",
                            run.id(),
                            e.toString());
                    return Mono.never();
                });
        Disposable running = engine.execute(run, owner)
                .takeUntilOther(leaseLost)
                .subscribeOn(schedulerHolder.scheduler())
                .doFinally(signal -> inFlight.remove(run.id()))
                // the run's pages are garbage now (ADR 0062); a dispose at shutdown cancels this too
                .then(Mono.defer(() -> heapReturn.afterRun(run.id())))
                .subscribe(done -> {}, e -> log.error("sync run {} crashed", run.id(), e));
        inFlight.put(run.id(), running);
    }

    /**
     * Stops in-flight runs and gives their leases up at once, so another replica (a rolling update's new pod)
     * continues them from their checkpoints at its next look instead of after the lease's expiry. Called by {@link
     * SyncSupervisor#stop()} first thing at shutdown — before the web server and the HTTP client's resources stop, as a
     * run still going while they close would meet connection errors and pause itself — and again (a no-op by then) as
     * the bean is destroyed. Blocking is fine here: this runs on the thread closing the context, not on an event loop.
     */
    void stopAndReleaseLeases() {
        inFlight.forEach((id, running) -> {
            running.dispose();
            inFlight.remove(id);
            try {
                runs.releaseLease(id, owner).block(Duration.ofSeconds(5));
                log.info("sync run {}: stopped and lease released at shutdown by {}", id, owner);
            } catch (RuntimeException e) {
                log.warn("sync run {}: lease not released ({}), it expires by itself", id, e.toString());
            }
        });
    }

    @Override
    public void destroy() {
        stopAndReleaseLeases();
    }
}
