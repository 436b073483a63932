package org.permitwatch.permitsync.sync;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.permitwatch.permitsync.connector.NationalPlatformClient;
import org.permitwatch.permitsync.connector.PermitDetail;
import org.permitwatch.permitsync.connector.PermitSummary;
import org.permitwatch.permitsync.connector.PlatformRejectedException;
import org.permitwatch.permitsync.connector.PlatformUnavailableException;
import org.permitwatch.permitsync.directory.DirectoryStore;
import org.permitwatch.support.time.BureauClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Drives one run page by page with keyset paging on (updatedAt, permitNo) — see ADR 0002. Per page: one list
 * call, one batched version lookup, bounded concurrent detail calls for permits whose listed version is newer
 * than the stored one, then one transaction with the upserts, their outbox events, the failures and the new
 * checkpoint. An unavailable platform pauses the run at the last committed checkpoint, with its automatic resume
 * planned (ADR 0036).
 */
@Component
class SyncEngine {

    private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);

    static final Comparator<PermitSummary> KEYSET =
            Comparator.comparing((PermitSummary s) -> s.updatedAt().toInstant()).thenComparing(PermitSummary::permitNo);

    private final NationalPlatformClient platform;
    private final DirectoryStore directory;
    private final SyncRunRepository runs;
    private final TransactionalOperator tx;
    private final SyncProperties properties;
    private final Scheduler scheduler;
    private final BureauClock clock;
    private final ResumeBackoff backoff;

    SyncEngine(
            NationalPlatformClient platform,
            DirectoryStore directory,
            SyncRunRepository runs,
            TransactionalOperator tx,
            SyncProperties properties,
            SyncSchedulerHolder schedulerHolder,
            BureauClock clock) {
        this.platform = platform;
        this.directory = directory;
        this.runs = runs;
        this.tx = tx;
        this.properties = properties;
        this.scheduler = schedulerHolder.scheduler();
        this.clock = clock;
        this.backoff = new ResumeBackoff(properties.autoResume());
    }

    /**
     * Runs until the listing is exhausted (SUCCEEDED), the platform is unavailable (PAUSED, to resume by itself — see
     * {@link #pause}) or a hard error (FAILED). Every write is fenced by {@code owner}'s lease: if another instance
     * took the run over, this one stops without writing (empty result).
     */
    Mono<SyncStatus> execute(SyncRun run, String owner) {
        Position start = new Position(
                run.watermarkFrom(), run.cursorUpdatedAt(), run.cursorPermitNo(), run.cursorPageNo(), false);
        log.info("sync run {} ({}) starting at {} as {}", run.id(), run.mode(), start, owner);
        // Three stages, so the platform and the database work at the same time: pages are listed one ahead,
        // the lookup and details of the next page are fetched while the previous page commits, and commits
        // happen strictly in listing order, so the checkpoint never passes an uncommitted page. At most
        // three pages are held in memory. A failure while listing or fetching travels as the last element,
        // so every page fetched before it is still committed and nothing fetched is wasted; a failed commit
        // stops the run at once.
        return Mono.just(new Listed(start, start, List.of()))
                .expand(listed -> listed.next().done() ? Mono.empty() : list(run.id(), listed.next()))
                .skip(1)
                // One page's details at a time (detail-concurrency must stay within the connector's bulkhead);
                // a listing failure waits for the page being fetched.
                .concatMapDelayError(listed -> fetch(run.id(), listed), false, 1)
                .map(Step::page)
                .onErrorResume(e -> Mono.just(Step.failure(e)))
                .concatMap(
                        step -> step.error() != null
                                ? Mono.error(step.error())
                                : commit(run.id(), owner, step.fetched()),
                        1)
                .then(runs.finish(run.id(), owner, SyncStatus.SUCCEEDED, null).thenReturn(SyncStatus.SUCCEEDED))
                .onErrorMap(SyncEngine::unavailableIfAllAre)
                .onErrorResume(LeaseLostException.class, e -> {
                    log.warn(
                            "sync run {} stops here: {} (its new owner continues from the checkpoint)",
                            run.id(),
                            e.getMessage());
                    return Mono.empty();
                })
                .onErrorResume(PlatformUnavailableException.class, e -> pause(run.id(), owner, e))
                .onErrorResume(
                        e -> !(e instanceof PlatformUnavailableException) && !(e instanceof LeaseLostException), e -> {
                            log.error("sync run {} failed", run.id(), e);
                            return runs.finish(
                                            run.id(),
                                            owner,
                                            SyncStatus.FAILED,
                                            e.getClass().getSimpleName() + ": " + e.getMessage())
                                    .thenReturn(SyncStatus.FAILED);
                        })
                .doOnSuccess(status -> log.info("sync run {} ended {}", run.id(), status));
    }

    /**
     * Pauses at the last committed checkpoint and plans the automatic resume: attempt n+1 after n that brought no
     * progress, at the back-off's time from now; past the cap, no plan (RETRIES_EXHAUSTED) and an operator resumes.
     * The attempts are read and the pause written in one transaction with the row locked, fenced by the lease.
     */
    private Mono<SyncStatus> pause(UUID runId, String owner, PlatformUnavailableException fault) {
        String error = "platform unavailable: " + fault.getMessage();
        Mono<SyncStatus> work = runs.retryAttemptsForUpdate(runId, owner).flatMap(attempts -> {
            OffsetDateTime now = clock.nowUtc();
            OffsetDateTime next =
                    backoff.nextRetry(now, attempts, ThreadLocalRandom.current().nextDouble());
            PauseReason reason = next == null ? PauseReason.RETRIES_EXHAUSTED : PauseReason.PLATFORM_UNAVAILABLE;
            if (next == null) {
                log.warn(
                        "sync run {} paused, {} automatic resumes brought no progress: waits for an operator; {}",
                        runId,
                        attempts,
                        error);
            } else {
                log.warn(
                        "sync run {} paused, resumes by itself at {} (attempt {} of {}): {}",
                        runId,
                        next,
                        attempts + 1,
                        backoff.maxAttempts(),
                        error);
            }
            return runs.pause(runId, owner, error, reason, now, next).thenReturn(SyncStatus.PAUSED);
        });
        return tx.transactional(work);
    }

    /**
     * A listing failure and a detail failure that happen together reach us as one {@code CompositeException}
     * (concatMapDelayError keeps both). When every one of them says the platform is unavailable, the run pauses
     * as it would for one of them; any other failure among them keeps the run FAILED. Found by the system test's
     * fault drill: an open breaker failed both calls and the run was marked FAILED instead of PAUSED.
     */
    static Throwable unavailableIfAllAre(Throwable error) {
        List<Throwable> causes = Exceptions.unwrapMultiple(error);
        if (causes.size() > 1 && causes.stream().allMatch(PlatformUnavailableException.class::isInstance)) {
            return causes.get(0);
        }
        return error;
    }

    /** A listed page: where it was listed from, where the next list call starts, the records new to this run. */
    record Listed(Position position, Position next, List<PermitSummary> fresh) {}

    /** A fetched page, or the failure that ended listing/fetching (always the last step). */
    private record Step(Fetched fetched, Throwable error) {
        static Step page(Fetched fetched) {
            return new Step(fetched, null);
        }

        static Step failure(Throwable error) {
            return new Step(null, error);
        }
    }

    /** A page ready to commit: the details of the permits that changed, and what the lookup found. */
    private record Fetched(
            Listed listed,
            Map<String, DirectoryStore.StoredState> stored,
            List<PermitDetail> details,
            List<SyncFailure> failures,
            int unchangedByVersion) {}

    private Mono<Listed> list(UUID runId, Position p) {
        OffsetDateTime since = p.since(properties);
        return platform.listPermits(since, p.pageNo(), properties.pageSize())
                .doOnNext(page -> log.debug(
                        "run {}: listed {} records since {} page {}",
                        runId,
                        page.records().size(),
                        since,
                        p.pageNo()))
                .onErrorMap(
                        PlatformRejectedException.class,
                        e -> new IllegalStateException(
                                "platform rejected the list request (code " + e.platformCode() + "): " + e.getMessage(),
                                e))
                // The run's expected size for the console's progress (a no-op after the run's first listing).
                .flatMap(page -> runs.recordListedTotal(runId, page.total()).thenReturn(page))
                .map(page -> page.records().isEmpty()
                        ? new Listed(p, p.finished(), List.of())
                        : new Listed(p, p.after(page.records(), since, properties), freshRecords(page.records(), p)));
    }

    private Mono<Fetched> fetch(UUID runId, Listed listed) {
        if (listed.fresh().isEmpty()) {
            return Mono.just(new Fetched(listed, Map.of(), List.of(), List.of(), 0));
        }
        List<String> permitNos =
                listed.fresh().stream().map(PermitSummary::permitNo).toList();
        return directory.storedStates(permitNos).flatMap(stored -> {
            List<PermitSummary> changed = new ArrayList<>();
            for (PermitSummary s : listed.fresh()) {
                DirectoryStore.StoredState state = stored.get(s.permitNo());
                if (state == null || s.version() > state.version()) {
                    changed.add(s);
                }
            }
            int unchangedByVersion = listed.fresh().size() - changed.size();
            return Flux.fromIterable(changed)
                    .flatMap(this::fetchDetail, properties.detailConcurrency())
                    .collectList()
                    .doOnNext(outcomes -> log.debug("run {}: {} details fetched", runId, outcomes.size()))
                    .publishOn(scheduler)
                    .map(outcomes -> {
                        List<PermitDetail> details = new ArrayList<>();
                        List<SyncFailure> failures = new ArrayList<>();
                        for (DetailOutcome o : outcomes) {
                            if (o.detail() != null) {
                                details.add(o.detail());
                            } else {
                                failures.add(o.failure());
                            }
                        }
                        return new Fetched(listed, stored, details, failures, unchangedByVersion);
                    });
        });
    }

    /** One transaction per page: entries, their events, failures, counters and the checkpoint. */
    private Mono<Void> commit(UUID runId, String owner, Fetched f) {
        Position next = f.listed().next();
        if (next.done()) {
            return Mono.empty();
        }
        SyncRunRepository.Checkpoint checkpoint =
                new SyncRunRepository.Checkpoint(next.cursorAt(), next.cursorNo(), next.pageNo());
        int fetched = f.listed().fresh().size();
        Mono<Void> work = directory.apply(f.details(), f.stored()).flatMap(result -> {
            List<SyncFailure> failures = new ArrayList<>(f.failures());
            result.rejected()
                    .forEach(r ->
                            failures.add(new SyncFailure(r.permitNo(), SyncFailure.STAGE_MAPPING, r.reason(), null)));
            var counts = new SyncRunRepository.PageCounts(
                    fetched,
                    result.created(),
                    result.updated(),
                    f.unchangedByVersion() + result.unchanged(),
                    failures.size());
            return runs.insertFailures(runId, failures)
                    .then(runs.checkpoint(runId, owner, properties.lease().ttl(), checkpoint, counts));
        });
        return tx.transactional(work)
                .doOnSuccess(v -> log.debug(
                        "run {}: page committed, {} fetched, cursor {} {} page {}",
                        runId,
                        fetched,
                        next.cursorAt(),
                        next.cursorNo(),
                        next.pageNo()));
    }

    private Mono<DetailOutcome> fetchDetail(PermitSummary listed) {
        return platform.getPermit(listed.permitNo())
                .map(DetailOutcome::of)
                .switchIfEmpty(Mono.fromSupplier(() -> DetailOutcome.failed(
                        listed.permitNo(),
                        "not found on the platform when its detail was fetched (deleted after being listed)")))
                .onErrorResume(
                        PlatformRejectedException.class,
                        e -> Mono.just(DetailOutcome.failed(
                                listed.permitNo(),
                                "platform rejected the detail request (code " + e.platformCode() + "): "
                                        + e.getMessage())));
    }

    /** Records strictly after the cursor, one per permit (the highest version when a page repeats one). */
    static List<PermitSummary> freshRecords(List<PermitSummary> records, Position p) {
        Map<String, PermitSummary> byPermit = new LinkedHashMap<>();
        for (PermitSummary s : records) {
            if (p.isAfterCursor(s)) {
                byPermit.merge(s.permitNo(), s, (a, b) -> b.version() > a.version() ? b : a);
            }
        }
        return List.copyOf(byPermit.values());
    }

    private record DetailOutcome(PermitDetail detail, SyncFailure failure) {
        static DetailOutcome of(PermitDetail detail) {
            return new DetailOutcome(detail, null);
        }

        static DetailOutcome failed(String permitNo, String reason) {
            return new DetailOutcome(null, new SyncFailure(permitNo, SyncFailure.STAGE_DETAIL, reason, null));
        }
    }

    /**
     * Where the run stands: the lower bound of the run, the keyset cursor and the page number within the
     * listing that starts at {@link #since}.
     */
    record Position(OffsetDateTime watermarkFrom, OffsetDateTime cursorAt, String cursorNo, int pageNo, boolean done) {

        OffsetDateTime since(SyncProperties properties) {
            return cursorAt == null ? watermarkFrom : cursorAt.minus(properties.cursorOverlap());
        }

        boolean isAfterCursor(PermitSummary s) {
            if (cursorAt == null) {
                return true;
            }
            int byTime = s.updatedAt().toInstant().compareTo(cursorAt.toInstant());
            return byTime > 0 || (byTime == 0 && s.permitNo().compareTo(cursorNo) > 0);
        }

        /**
         * The position after a page: the cursor moves to the page's greatest record if that is beyond it;
         * the next call starts again at page 1 of the new listing, or asks the next page of the same listing
         * when the cursor's updatedAt did not move (a page full of records at or before the cursor).
         */
        Position after(List<PermitSummary> records, OffsetDateTime since, SyncProperties properties) {
            PermitSummary last = records.stream().max(KEYSET).orElseThrow();
            Position moved = isAfterCursor(last)
                    ? new Position(watermarkFrom, last.updatedAt(), last.permitNo(), 1, false)
                    : this;
            boolean sameListing = Objects.equals(
                    moved.since(properties) == null
                            ? null
                            : moved.since(properties).toInstant(),
                    since == null ? null : since.toInstant());
            int nextPage = sameListing ? pageNo + 1 : 1;
            return new Position(watermarkFrom, moved.cursorAt, moved.cursorNo, nextPage, false);
        }

        Position finished() {
            return new Position(watermarkFrom, cursorAt, cursorNo, pageNo, true);
        }
    }
}
