package org.permitwatch.permitsync.sync;

import java.util.UUID;
import java.util.function.Supplier;
import org.permitwatch.support.memory.GarbageCollections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Gives the heap a large run grew back to the operating system once the run has ended (ADR 0062).
 *
 * <p>permit-sync is batch-shaped: a full sync of 2,000 permits promotes the pages it held in flight into the old
 * generation, which then sits at its peak (measured: 62 MB used of 68 committed, 43 MB live) because an idle service
 * allocates too little to reach a full collection — and only a full collection lets the serial collector shrink the
 * heap to run.sh's free ratios. The local platform's budget is 300 MB RSS per idle service, and permit-sync idled at
 * 298–309 MB after its syncs. The serial collector has nothing like G1's periodic collection, so the service asks for
 * the one collection itself, at the one moment it knows the burst is over: a 0.2–0.4 s pause of a service that has just
 * finished its batch and whose next run is hours away.
 *
 * <p>The collection runs on a bounded-elastic thread ({@code System.gc()} blocks its caller until it is done), never on
 * the run's own threads or an event loop.
 */
@Component
class HeapReturn {

    private static final Logger log = LoggerFactory.getLogger(HeapReturn.class);

    private final SyncRunRepository runs;
    private final SyncProperties.HeapReturn settings;
    private final Supplier<GarbageCollections.Returned> collector;

    @Autowired
    HeapReturn(SyncRunRepository runs, SyncProperties properties) {
        this(runs, properties.heapReturn(), GarbageCollections::giveHeapBack);
    }

    HeapReturn(
            SyncRunRepository runs,
            SyncProperties.HeapReturn settings,
            Supplier<GarbageCollections.Returned> collector) {
        this.runs = runs;
        this.settings = settings;
        this.collector = collector;
    }

    /**
     * Called once a run's work has ended, whatever its status (a PAUSED run's pages are as much garbage as a finished
     * one's). Completes when the decision is made and, if taken, the collection has run; never fails.
     */
    Mono<Void> afterRun(UUID runId) {
        if (!settings.enabled()) {
            return Mono.empty();
        }
        return runs.findById(runId)
                .filter(run -> run.fetched() >= settings.minFetched())
                .publishOn(Schedulers.boundedElastic())
                .doOnNext(run -> collect(run.id(), run.fetched()))
                .onErrorResume(e -> {
                    log.warn("sync run {}: heap not returned: {}", runId, e.toString());
                    return Mono.empty();
                })
                .then();
    }

    private void collect(UUID runId, int fetched) {
        GarbageCollections.Returned returned = collector.get();
        log.info(
                "sync run {} fetched {} permits: heap returned, {} -> {} MB committed in {} ms",
                runId,
                fetched,
                returned.committedBeforeMb(),
                returned.committedAfterMb(),
                returned.millis());
    }
}
