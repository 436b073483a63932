package org.permitwatch.permitsync.sync;

import io.r2dbc.spi.Readable;
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

    Mono<Void> insert(SyncRun run) {
        var spec = db.sql("""
                        INSERT INTO sync_run (id, mode, status, trigger, actor, started_at, watermark_from, cursor_page_no)
                        VALUES (:id, :mode, :status, :trigger, :actor, :startedAt, :from, 1)""")
                .bind("id", run.id())
                .bind("mode", run.mode().name())
                .bind("status", run.status().name())
                .bind("trigger", run.trigger())
                .bind("startedAt", run.startedAt());
        spec = run.actor() == null ? spec.bindNull("actor", String.class) : spec.bind("actor", run.actor());
        spec = run.watermarkFrom() == null
                ? spec.bindNull("from", OffsetDateTime.class)
                : spec.bind("from", run.watermarkFrom());
        return spec.then();
    }

    Mono<Boolean> resume(UUID id) {
        return db.sql("UPDATE sync_run SET status = 'RUNNING', last_error = NULL WHERE id = :id AND status = 'PAUSED'")
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    /** Commits a page: the new checkpoint and the counters, in the page's transaction. */
    Mono<Void> checkpoint(UUID id, Checkpoint c, PageCounts counts) {
        var spec = db.sql("""
                        UPDATE sync_run SET cursor_updated_at = :cursorAt, cursor_permit_no = :cursorNo,
                            cursor_page_no = :pageNo, pages = pages + 1,
                            watermark_to = GREATEST(watermark_to, :cursorAt),
                            fetched = fetched + :fetched, created = created + :created, updated = updated + :updated,
                            unchanged = unchanged + :unchanged, failed = failed + :failed
                        WHERE id = :id""")
                .bind("id", id)
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
        return spec.then();
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

    Mono<Void> finish(UUID id, SyncStatus status, String error) {
        var spec = db.sql("""
                        UPDATE sync_run SET status = :status, finished_at = now(), last_error = :error,
                            watermark_to = COALESCE(watermark_to, watermark_from)
                        WHERE id = :id AND status = 'RUNNING'""").bind("id", id).bind("status", status.name());
        spec = error == null ? spec.bindNull("error", String.class) : spec.bind("error", truncate(error));
        return spec.then();
    }

    Mono<Void> pause(UUID id, String error) {
        return db.sql("""
                        UPDATE sync_run SET status = 'PAUSED', pause_count = pause_count + 1, last_error = :error
                        WHERE id = :id AND status = 'RUNNING'""").bind("id", id).bind("error", truncate(error)).then();
    }

    /** After a crash nothing runs any more: every RUNNING row is an orphan and becomes resumable. */
    Mono<Long> pauseOrphans() {
        return db.sql("""
                        UPDATE sync_run SET status = 'PAUSED', pause_count = pause_count + 1,
                            last_error = 'interrupted: the service stopped while the run was in progress'
                        WHERE status = 'RUNNING'""").fetch().rowsUpdated();
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
                r.get("listed_total", Long.class));
    }

    /** Keyset position after the last committed page. */
    record Checkpoint(OffsetDateTime updatedAt, String permitNo, int pageNo) {}

    record PageCounts(int fetched, int created, int updated, int unchanged, int failed) {}
}
