package org.permitwatch.inspection.evidence;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.permitwatch.inspection.evidence.EvidenceViews.EvidenceView;
import org.permitwatch.inspection.evidence.EvidenceViews.Location;
import org.permitwatch.inspection.record.RecordScope;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL of {@code evidence_file}. Every read goes through its record under the caller's {@link RecordScope}. */
@Component
class EvidenceRows {

    static final String DECLARED = "DECLARED";
    static final String KEPT = "KEPT";
    static final String REFUSED = "REFUSED";
    static final String EXPIRED = "EXPIRED";

    private static final String COLUMNS = """
            e.id, e.record_id, e.object_key, e.file_name, e.media_type, e.size, e.sha256, e.taken_at, e.latitude,
            e.longitude, e.status, e.refusal_reason, e.declared_by, e.declared_at, e.confirmed_by, e.confirmed_at""";

    private final DatabaseClient db;

    EvidenceRows(DatabaseClient db) {
        this.db = db;
    }

    /** A row with its object key (never shown to clients). */
    record Row(EvidenceView view, String objectKey) {

        boolean is(String status) {
            return status.equals(view.status());
        }
    }

    /** Whether the record exists and the scope sees it. */
    Mono<Boolean> recordVisible(UUID recordId, RecordScope scope) {
        var spec = db.sql("SELECT count(*) AS n FROM inspection_record r WHERE r.id = :id AND " + scope.condition("r"));
        return scope.bind(spec.bind("id", recordId))
                .map(r -> r.get("n", Long.class) > 0)
                .one();
    }

    Mono<Row> find(UUID recordId, UUID id, RecordScope scope) {
        var spec = db.sql("SELECT " + COLUMNS + " FROM evidence_file e JOIN inspection_record r ON r.id = e.record_id "
                + "WHERE e.id = :id AND e.record_id = :record AND " + scope.condition("r"));
        return scope.bind(spec.bind("id", id).bind("record", recordId))
                .map(EvidenceRows::row)
                .one();
    }

    /** The declaration of these bytes for this record that was neither refused nor expired, if any. */
    Mono<Row> findActive(UUID recordId, String sha256) {
        return db.sql("SELECT " + COLUMNS + " FROM evidence_file e WHERE e.record_id = :record AND e.sha256 = :sha "
                        + "AND e.status NOT IN ('REFUSED', 'EXPIRED')")
                .bind("record", recordId)
                .bind("sha", sha256)
                .map(EvidenceRows::row)
                .one();
    }

    /** A new declaration whose first upload link expires at {@code uploadExpiresAt}. */
    Mono<Void> insert(Row row, OffsetDateTime uploadExpiresAt) {
        EvidenceView v = row.view();
        var spec = db.sql("""
                        INSERT INTO evidence_file (id, record_id, object_key, file_name, media_type, size, sha256, taken_at,
                            latitude, longitude, status, declared_by, declared_at, upload_expires_at)
                        VALUES (:id, :record, :key, :name, :type, :size, :sha, :takenAt, :lat, :lon, 'DECLARED', :by, :at,
                            :uploadExpires)""")
                .bind("id", v.id())
                .bind("record", v.recordId())
                .bind("key", row.objectKey())
                .bind("name", v.fileName())
                .bind("type", v.mediaType())
                .bind("size", v.size())
                .bind("sha", v.sha256())
                .bind("takenAt", v.takenAt())
                .bind("by", v.declaredBy())
                .bind("at", v.declaredAt())
                .bind("uploadExpires", uploadExpiresAt);
        spec = v.location() == null
                ? spec.bindNull("lat", Double.class).bindNull("lon", Double.class)
                : spec.bind("lat", v.location().lat()).bind("lon", v.location().lon());
        return spec.then();
    }

    /** DECLARED → KEPT; false when it was no longer DECLARED (a concurrent confirmation won). */
    Mono<Boolean> markKept(UUID id, String by, OffsetDateTime at) {
        return db.sql("UPDATE evidence_file SET status = 'KEPT', confirmed_by = :by, confirmed_at = :at "
                        + "WHERE id = :id AND status = 'DECLARED'")
                .bind("by", by)
                .bind("at", at)
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    /** A retried declaration got a fresh upload link: the declaration lives until that one expires (never earlier). */
    Mono<Void> extendUpload(UUID id, OffsetDateTime expiresAt) {
        return db.sql("UPDATE evidence_file SET upload_expires_at = greatest(upload_expires_at, :at) "
                        + "WHERE id = :id AND status = 'DECLARED'")
                .bind("at", expiresAt)
                .bind("id", id)
                .then();
    }

    /** Open declarations whose last upload link expired before {@code cutoff}, oldest first. */
    Flux<Row> declaredExpiredBefore(OffsetDateTime cutoff, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM evidence_file e WHERE e.status = 'DECLARED' "
                        + "AND e.upload_expires_at < :cutoff ORDER BY e.upload_expires_at, e.id LIMIT :limit")
                .bind("cutoff", cutoff)
                .bind("limit", limit)
                .map(EvidenceRows::row)
                .all();
    }

    /**
     * DECLARED → EXPIRED, only while its last link is still past the cutoff; false when another run, a confirmation
     * or a retried declaration (which moved the expiry) changed it first — so two replicas never both expire it.
     */
    Mono<Boolean> markExpired(UUID id, OffsetDateTime cutoff, OffsetDateTime at) {
        return db.sql("UPDATE evidence_file SET status = 'EXPIRED', expired_at = :at "
                        + "WHERE id = :id AND status = 'DECLARED' AND upload_expires_at < :cutoff")
                .bind("at", at)
                .bind("id", id)
                .bind("cutoff", cutoff)
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    /** DECLARED → REFUSED with the reason; false when it was no longer DECLARED. */
    Mono<Boolean> markRefused(UUID id, String reason) {
        return db.sql("UPDATE evidence_file SET status = 'REFUSED', refusal_reason = :reason "
                        + "WHERE id = :id AND status = 'DECLARED'")
                .bind("reason", reason)
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    Flux<EvidenceView> list(UUID recordId, long offset, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM evidence_file e WHERE e.record_id = :record "
                        + "ORDER BY e.declared_at, e.id LIMIT :limit OFFSET :offset")
                .bind("record", recordId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(r -> row(r).view())
                .all();
    }

    Mono<Long> count(UUID recordId) {
        return db.sql("SELECT count(*) AS n FROM evidence_file WHERE record_id = :record")
                .bind("record", recordId)
                .map(r -> r.get("n", Long.class))
                .one();
    }

    private static Row row(Readable r) {
        Double lat = r.get("latitude", Double.class);
        Double lon = r.get("longitude", Double.class);
        EvidenceView view = new EvidenceView(
                r.get("id", UUID.class),
                r.get("record_id", UUID.class),
                r.get("file_name", String.class),
                r.get("media_type", String.class),
                r.get("size", Long.class),
                r.get("sha256", String.class),
                r.get("taken_at", OffsetDateTime.class),
                lat == null || lon == null ? null : new Location(lat, lon),
                r.get("status", String.class),
                r.get("refusal_reason", String.class),
                r.get("declared_by", String.class),
                r.get("declared_at", OffsetDateTime.class),
                r.get("confirmed_by", String.class),
                r.get("confirmed_at", OffsetDateTime.class));
        return new Row(view, r.get("object_key", String.class));
    }
}
