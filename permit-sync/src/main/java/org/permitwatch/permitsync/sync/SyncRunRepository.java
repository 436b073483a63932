package org.permitwatch.permitsync.sync;

import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code sync_run} and {@code sync_failure}. */
@Component
class SyncRunRepository {

    private final DatabaseClient db;

    SyncRunRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The unfinished run (RUNNING or PAUSED), locked for the rest of the transaction. */
    Mono<SyncRun> findActiveForUpdate() {
        return db.sql("SELECT * FROM sync_run WHERE status IN ('RUNNING', 'PAUSED') FOR UPDATE")
                .map(SyncRunRepository::map)
                .one();
    }

    Mono<SyncRun> findById(UUID id) {
        return db.sql("SELECT * FROM sync_run WHERE id = :id")
                .bind("id", id)
                .map(SyncRunRepository::map)
                .one();
    }

    Flux<SyncRun> list(long offset, int limit) {
        return db.sql("SELECT * FROM sync_run ORDER BY started_at DESC, id LIMIT :limit OFFSET :offset")
                .bind("limit", limit)
                .bind("offset", offset)
                .map(SyncRunRepository::map)
                .all();
    }

    Mono<Long> count() {
        return db.sql("SELECT count(*) AS n FROM sync_run")
                .map(r -> r.get("n", Long.class))
                .one();
    }

    /** Highest watermark of a successful run: where the next incremental run starts (minus overlap). */
    Mono<OffsetDateTime> lastSuccessfulWatermark() {
        return db.sql("""
                        SELECT watermark_to FROM sync_run WHERE status = 'SUCCEEDED' AND watermark_to IS NOT NULL
                        ORDER BY watermark_to DESC LIMIT 1""").map(r -> r.get("watermark_to", OffsetDateTime.class)).one();
    }

    /** A new RUNNING run, leased to {@code owner}. */
    Mono<Void> insert(
            UUID id,
            SyncMode mode,
            String trigger,
            String actor,
            OffsetDateTime startedAt,
            OffsetDateTime from,
            String owner,
            Duration ttl) {
        var spec = db.sql("""
                        INSERT INTO sync_run (id, mode, status, trigger, actor, started_at, watermark_from, cursor_page_no,
                            lease_owner, lease_expires_at, heartbeat_at)
                        VALUES (:id, :mode, 'RUNNING', :trigger, :actor, :startedAt, :from, 1,
                            :owner, now() + :ttlMillis * interval '1 millisecond', now())""")
                .bind("id", id)
                .bind("mode", mode.name())
                .bind("trigger", trigger)
                .bind("startedAt", startedAt)
                .bind("owner", owner)
                .bind("ttlMillis", ttl.toMillis());
        spec = actor == null ? spec.bindNull("actor", String.class) : spec.bind("actor", actor);
        spec = from == null ? spec.bindNull("from", OffsetDateTime.class) : spec.bind("from", from);
        return spec.then();
    }

    /** An operator's (or the schedule's) resume: the automatic attempts start again from zero. */
    Mono<SyncRun> resumeByHand(UUID id, String owner, Duration ttl) {
        return db.sql("""
                        UPDATE sync_run SET status = 'RUNNING', last_error = NULL, pause_reason = NULL,
                            paused_at = NULL, next_retry_at = NULL, retry_attempts = 0,
                            lease_owner = :owner, lease_expires_at = now() + :ttlMillis * interval '1 millisecond',
                            heartbeat_at = now()
                        WHERE id = :id AND status = 'PAUSED'
                        RETURNING *""")
                .bind("id", id)
                .bind("owner", owner)
                .bind("ttlMillis", ttl.toMillis())
                .map(SyncRunRepository::map)
                .one();
    }

    /**
     * Resumes the paused run whose automatic retry is due, leased to {@code owner}. One statement: of two instances
     * looking at once, the second waits for the first's row lock, re-reads the row (no longer PAUSED) and gets nothing.
     */
    Mono<SyncRun> claimDueRetry(OffsetDateTime now, String owner, Duration ttl) {
        return db.sql("""
                        UPDATE sync_run SET status = 'RUNNING', retry_attempts = retry_attempts + 1,
                            next_retry_at = NULL, pause_reason = NULL, paused_at = NULL,
                            lease_owner = :owner, lease_expires_at = now() + :ttlMillis * interval '1 millisecond',
                            heartbeat_at = now()
                        WHERE status = 'PAUSED' AND next_retry_at <= :now
                        RETURNING *""")
                .bind("now", now)
                .bind("owner", owner)
                .bind("ttlMillis", ttl.toMillis())
                .map(SyncRunRepository::map)
                .one();
    }

    /** A run taken over from a dead owner, and who that was (null for a run from before leases). */
    record TakenOver(SyncRun run, String previousOwner) {}

    /**
     * Takes over the RUNNING run whose lease expired (no lease = expired). A row a live owner is committing a page
     * to is locked: skipped, the owner is evidently alive.
     */
    Mono<TakenOver> takeOverExpired(String owner, Duration ttl) {
        return db.sql("""
                        WITH expired AS (
                            SELECT id, lease_owner FROM sync_run
                            WHERE status = 'RUNNING' AND (lease_expires_at IS NULL OR lease_expires_at < now())
                            FOR UPDATE SKIP LOCKED)
                        UPDATE sync_run r SET lease_owner = :owner,
                            lease_expires_at = now() + :ttlMillis * interval '1 millisecond', heartbeat_at = now()
                        FROM expired e WHERE r.id = e.id
                        RETURNING r.*, e.lease_owner AS previous_owner""")
                .bind("owner", owner)
                .bind("ttlMillis", ttl.toMillis())
                .map(r -> new TakenOver(map(r), r.get("previous_owner", String.class)))
                .one();
    }

    /** The owner's heartbeat; false when the lease is not its own any more (taken over, or the run ended). */
    Mono<Boolean> renewLease(UUID id, String owner, Duration ttl) {
        return db.sql("""
                        UPDATE sync_run SET lease_expires_at = now() + :ttlMillis * interval '1 millisecond',
                            heartbeat_at = now()
                        WHERE id = :id AND status = 'RUNNING' AND lease_owner = :owner""")
                .bind("id", id)
                .bind("owner", owner)
                .bind("ttlMillis", ttl.toMillis())
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    /** A graceful shutdown gives the lease up at once, so another replica continues without waiting for expiry. */
    Mono<Long> releaseLease(UUID id, String owner) {
        return db.sql("""
                        UPDATE sync_run SET lease_expires_at = now() - interval '1 millisecond'
                        WHERE id = :id AND status = 'RUNNING' AND lease_owner = :owner""").bind("id", id).bind("owner", owner).fetch().rowsUpdated();
    }

    /**
     * Commits a page: the new checkpoint and the counters, in the page's transaction. Fenced by the lease: when
     * another instance took the run over, nothing of the page is kept ({@link LeaseLostException} rolls it back).
     * Progress also renews the lease and clears the automatic attempts (they count attempts that brought nothing).
     */
    Mono<Void> checkpoint(UUID id, String owner, Duration ttl, Checkpoint c, PageCounts counts) {
        var spec = db.sql("""
                        UPDATE sync_run SET cursor_updated_at = :cursorAt, cursor_permit_no = :cursorNo,
                            cursor_page_no = :pageNo, pages = pages + 1,
                            watermark_to = GREATEST(watermark_to, :cursorAt),
                            fetched = fetched + :fetched, created = created + :created, updated = updated + :updated,
                            unchanged = unchanged + :unchanged, failed = failed + :failed, retry_attempts = 0,
                            lease_expires_at = now() + :ttlMillis * interval '1 millisecond', heartbeat_at = now()
                        WHERE id = :id AND status = 'RUNNING' AND lease_owner = :owner""")
                .bind("id", id)
                .bind("owner", owner)
                .bind("ttlMillis", ttl.toMillis())
                .bind("pageNo", c.pageNo())
                .bind("fetched", counts.fetched())
                .bind("created", counts.created())
                .bind("updated", counts.updated())
                .bind("unchanged", counts.unchanged())
                .bind("failed", counts.failed());
        spec = c.updatedAt() == null
                ? spec.bindNull("cursorAt", OffsetDateTime.class)
                : spec.bind("cursorAt", c.updatedAt());
        spec = c.permitNo() == null ? spec.bindNull("cursorNo", String.class) : spec.bind("cursorNo", c.permitNo());
        return spec.fetch()
                .rowsUpdated()
                .flatMap(n -> n == 1
                        ? Mono.<Void>empty()
                        : Mono.error(new LeaseLostException("run " + id + " is no longer leased to " + owner)));
    }

    /**
     * The platform's total of the run's first listing; later listings start at the cursor and would count only the
     * rest, so the first one wins (also across a pause and resume).
     */
    Mono<Void> recordListedTotal(UUID id, long total) {
        return db.sql("UPDATE sync_run SET listed_total = :total WHERE id = :id AND listed_total IS NULL")
                .bind("id", id)
                .bind("total", total)
                .then();
    }

    Mono<Void> insertFailures(UUID runId, List<SyncFailure> failures) {
        return Flux.fromIterable(failures)
                .concatMap(f -> {
                    var spec = db.sql(
                                    "INSERT INTO sync_failure (run_id, permit_no, stage, reason) VALUES (:run, :no, :stage, :reason)")
                            .bind("run", runId)
                            .bind("stage", f.stage())
                            .bind("reason", f.reason());
                    spec = f.permitNo() == null ? spec.bindNull("no", String.class) : spec.bind("no", f.permitNo());
                    return spec.then();
                })
                .then();
    }

    /** Ends the run (fenced by the lease) and gives the lease up. */
    Mono<Void> finish(UUID id, String owner, SyncStatus status, String error) {
        var spec = db.sql("""
                        UPDATE sync_run SET status = :status, finished_at = now(), last_error = :error,
                            watermark_to = COALESCE(watermark_to, watermark_from),
                            lease_owner = NULL, lease_expires_at = NULL
                        WHERE id = :id AND status = 'RUNNING' AND lease_owner = :owner""").bind("id", id).bind("owner", owner).bind("status", status.name());
        spec = error == null ? spec.bindNull("error", String.class) : spec.bind("error", truncate(error));
        return spec.then();
    }

    /** The automatic attempts a RUNNING run of {@code owner} has had; empty when the lease is not its own. */
    Mono<Integer> retryAttemptsForUpdate(UUID id, String owner) {
        return db.sql("""
                        SELECT retry_attempts FROM sync_run
                        WHERE id = :id AND status = 'RUNNING' AND lease_owner = :owner FOR UPDATE""")
                .bind("id", id)
                .bind("owner", owner)
                .map(r -> r.get("retry_attempts", Integer.class))
                .one();
    }

    /** Pauses the run (fenced by the lease), gives the lease up and records when it resumes by itself (null = never). */
    Mono<Void> pause(
            UUID id,
            String owner,
            String error,
            PauseReason reason,
            OffsetDateTime pausedAt,
            OffsetDateTime nextRetryAt) {
        var spec = db.sql("""
                        UPDATE sync_run SET status = 'PAUSED', pause_count = pause_count + 1, last_error = :error,
                            pause_reason = :reason, paused_at = :pausedAt, next_retry_at = :nextRetryAt,
                            lease_owner = NULL, lease_expires_at = NULL
                        WHERE id = :id AND status = 'RUNNING' AND lease_owner = :owner""")
                .bind("id", id)
                .bind("owner", owner)
                .bind("error", truncate(error))
                .bind("reason", reason.name())
                .bind("pausedAt", pausedAt);
        spec = nextRetryAt == null
                ? spec.bindNull("nextRetryAt", OffsetDateTime.class)
                : spec.bind("nextRetryAt", nextRetryAt);
        return spec.then();
    }

    Flux<SyncFailure> failures(UUID runId, long offset, int limit) {
        return db.sql("""
                        SELECT permit_no, stage, reason, occurred_at FROM sync_failure WHERE run_id = :run
                        ORDER BY id LIMIT :limit OFFSET :offset""")
                .bind("run", runId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(r -> new SyncFailure(
                        r.get("permit_no", String.class),
                        r.get("stage", String.class),
                        r.get("reason", String.class),
                        r.get("occurred_at", OffsetDateTime.class)))
                .all();
    }

    Mono<Long> countFailures(UUID runId) {
        return db.sql("SELECT count(*) AS n FROM sync_failure WHERE run_id = :run")
                .bind("run", runId)
                .map(r -> r.get("n", Long.class))
                .one();
    }

    private static String truncate(String s) {
        if (s == null) {
            return "unknown error";
        }
        return s.length() > 2000 ? s.substring(0, 2000) : s;
    }

    private static SyncRun map(Readable r) {
        return new SyncRun(
                r.get("id", UUID.class),
                SyncMode.valueOf(r.get("mode", String.class)),
                SyncStatus.valueOf(r.get("status", String.class)),
                r.get("trigger", String.class),
                r.get("actor", String.class),
                r.get("started_at", OffsetDateTime.class),
                r.get("finished_at", OffsetDateTime.class),
                r.get("watermark_from", OffsetDateTime.class),
                r.get("watermark_to", OffsetDateTime.class),
                r.get("cursor_updated_at", OffsetDateTime.class),
                r.get("cursor_permit_no", String.class),
                r.get("cursor_page_no", Integer.class),
                r.get("pages", Integer.class),
                r.get("fetched", Integer.class),
                r.get("created", Integer.class),
                r.get("updated", Integer.class),
                r.get("unchanged", Integer.class),
                r.get("failed", Integer.class),
                r.get("pause_count", Integer.class),
                r.get("last_error", String.class),
                r.get("listed_total", Long.class),
                r.get("lease_owner", String.class),
                r.get("lease_expires_at", OffsetDateTime.class),
                r.get("heartbeat_at", OffsetDateTime.class),
                pauseReason(r.get("pause_reason", String.class)),
                r.get("paused_at", OffsetDateTime.class),
                r.get("retry_attempts", Integer.class),
                r.get("next_retry_at", OffsetDateTime.class));
    }

    private static PauseReason pauseReason(String value) {
        return value == null ? null : PauseReason.valueOf(value);
    }

    /** Keyset position after the last committed page. */
    record Checkpoint(OffsetDateTime updatedAt, String permitNo, int pageNo) {}

    record PageCounts(int fetched, int created, int updated, int unchanged, int failed) {}
}
