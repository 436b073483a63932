package org.permitwatch.inspection.record;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** SQL of {@code inspection_record} and {@code inspection_record_version}. Reads always take the caller's scope. */
@Component
class RecordStore {

    private static final String COLUMNS = """
            r.id, r.task_id, r.permit_number, r.unit_name, r.division_code, r.city_code, r.key_industry,
            r.checklist_version_id, r.status, r.current_version, r.content::text AS content, r.created_by,
            r.created_at, r.updated_at, r.submitted_at""";

    private static final String INSERT_RECORD = """
            INSERT INTO inspection_record (id, task_id, permit_number, unit_name, division_code, city_code,
                key_industry, checklist_version_id, status, current_version, content, created_by, submitted_at)
            VALUES (:id, :task, :permit, :unitName, :division, :city, :industry, :checklist, :status,
                :version, CAST(:content AS jsonb), :createdBy, CASE WHEN :status = 'SUBMITTED' THEN now() END)
            """;

    private static final String INSERT_DRAFT = INSERT_RECORD + "RETURNING created_at, updated_at, submitted_at";

    /**
     * A record submitted at once and its version 1 in one statement (issue 21: one round trip, and the content is
     * sent and parsed once). The version row's foreign key is checked at the statement's end, when the record exists.
     */
    private static final String INSERT_SUBMITTED = "WITH r AS (" + INSERT_RECORD + """
                RETURNING id, content, created_at, updated_at, submitted_at
            ), v AS (
                INSERT INTO inspection_record_version (record_id, version, reason, content, submitted_by)
                SELECT id, 1, NULL, content, :createdBy FROM r)
            SELECT created_at, updated_at, submitted_at FROM r""";

    private final DatabaseClient db;
    private final JsonMapper json;

    RecordStore(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    record VersionRow(
            int version, String reason, RecordContent content, String submittedBy, OffsetDateTime submittedAt) {}

    /**
     * Inserts a new record as {@code r} says: a draft (version 0), or submitted at once (version 1, whose version row
     * goes in with it). Emits the row as a read would return it (the database's timestamps, the content as stored),
     * so the write's answer needs no second read.
     */
    Mono<RecordRow> insert(RecordRow r) {
        String text = json.writeValueAsString(r.content());
        boolean submitted = RecordRow.SUBMITTED.equals(r.status());
        String status = submitted ? RecordRow.SUBMITTED : RecordRow.DRAFT;
        int version = submitted ? 1 : 0;
        return db.sql(submitted ? INSERT_SUBMITTED : INSERT_DRAFT)
                .bind("id", r.id())
                .bind("task", r.taskId())
                .bind("permit", r.permitNumber())
                .bind("unitName", r.unitName())
                .bind("division", r.divisionCode())
                .bind("city", r.cityCode())
                .bind("industry", r.keyIndustry())
                .bind("checklist", r.checklistVersionId())
                .bind("status", status)
                .bind("version", version)
                .bind("content", text)
                .bind("createdBy", r.createdBy())
                .map(row -> r.stored(
                        status,
                        version,
                        content(text),
                        row.get("created_at", OffsetDateTime.class),
                        row.get("updated_at", OffsetDateTime.class),
                        row.get("submitted_at", OffsetDateTime.class)))
                .one();
    }

    /** The record if the scope sees it; {@code lock} takes a row lock so submissions of one record serialise. */
    Mono<RecordRow> find(UUID id, RecordScope scope, boolean lock) {
        var spec = db.sql("SELECT " + COLUMNS + " FROM inspection_record r WHERE r.id = :id AND " + scope.condition("r")
                + (lock ? " FOR UPDATE OF r" : ""));
        return scope.bind(spec.bind("id", id)).map(this::row).one();
    }

    Flux<RecordRow> list(
            RecordScope scope,
            UUID taskId,
            String permitNumber,
            String status,
            String orderBy,
            long offset,
            int limit) {
        Filter f = filter(scope, taskId, permitNumber, status);
        var spec = db.sql("SELECT " + COLUMNS + " FROM inspection_record r WHERE " + f.sql + " ORDER BY " + orderBy
                + " LIMIT :limit OFFSET :offset");
        return f.bind(scope.bind(spec))
                .bind("limit", limit)
                .bind("offset", offset)
                .map(this::row)
                .all();
    }

    Mono<Long> count(RecordScope scope, UUID taskId, String permitNumber, String status) {
        Filter f = filter(scope, taskId, permitNumber, status);
        var spec = db.sql("SELECT count(*) AS n FROM inspection_record r WHERE " + f.sql);
        return f.bind(scope.bind(spec)).map(r -> r.get("n", Long.class)).one();
    }

    Mono<Void> updateDraft(UUID id, RecordContent content) {
        return db.sql("UPDATE inspection_record SET content = CAST(:content AS jsonb), updated_at = now() "
                        + "WHERE id = :id AND status = 'DRAFT'")
                .bind("content", json.writeValueAsString(content))
                .bind("id", id)
                .then();
    }

    /** Appends the version and makes it the record's current content, in one transaction with the caller. */
    Mono<Void> appendVersion(UUID id, int version, String reason, RecordContent content, String submittedBy) {
        String text = json.writeValueAsString(content);
        return insertVersion(id, version, reason, text, submittedBy)
                .then(db.sql("""
                                UPDATE inspection_record SET status = 'SUBMITTED', current_version = :version,
                                    content = CAST(:content AS jsonb), updated_at = now(),
                                    submitted_at = coalesce(submitted_at, now())
                                WHERE id = :id""")
                        .bind("version", version)
                        .bind("content", text)
                        .bind("id", id)
                        .then());
    }

    private Mono<Void> insertVersion(UUID id, int version, String reason, String content, String submittedBy) {
        var insert = db.sql("""
                        INSERT INTO inspection_record_version (record_id, version, reason, content, submitted_by)
                        VALUES (:id, :version, :reason, CAST(:content AS jsonb), :by)""")
                .bind("id", id)
                .bind("version", version)
                .bind("content", content)
                .bind("by", submittedBy);
        insert = reason == null ? insert.bindNull("reason", String.class) : insert.bind("reason", reason);
        return insert.then();
    }

    Mono<List<VersionRow>> versions(UUID id) {
        return db.sql("SELECT version, reason, content::text AS content, submitted_by, submitted_at "
                        + "FROM inspection_record_version WHERE record_id = :id ORDER BY version")
                .bind("id", id)
                .map(r -> new VersionRow(
                        r.get("version", Integer.class),
                        r.get("reason", String.class),
                        content(r.get("content", String.class)),
                        r.get("submitted_by", String.class),
                        r.get("submitted_at", OffsetDateTime.class)))
                .all()
                .collectList();
    }

    private RecordRow row(Readable r) {
        return new RecordRow(
                r.get("id", UUID.class),
                r.get("task_id", UUID.class),
                r.get("permit_number", String.class),
                r.get("unit_name", String.class),
                r.get("division_code", String.class),
                r.get("city_code", String.class),
                r.get("key_industry", String.class),
                r.get("checklist_version_id", UUID.class),
                r.get("status", String.class),
                r.get("current_version", Integer.class),
                content(r.get("content", String.class)),
                r.get("created_by", String.class),
                r.get("created_at", OffsetDateTime.class),
                r.get("updated_at", OffsetDateTime.class),
                r.get("submitted_at", OffsetDateTime.class));
    }

    private RecordContent content(String text) {
        return json.readValue(text, RecordContent.class);
    }

    private record Filter(String sql, UUID taskId, String permitNumber, String status) {

        DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec) {
            if (taskId != null) {
                spec = spec.bind("task", taskId);
            }
            if (permitNumber != null) {
                spec = spec.bind("permit", permitNumber);
            }
            if (status != null) {
                spec = spec.bind("status", status);
            }
            return spec;
        }
    }

    private static Filter filter(RecordScope scope, UUID taskId, String permitNumber, String status) {
        StringBuilder sql = new StringBuilder(scope.condition("r"));
        if (taskId != null) {
            sql.append(" AND r.task_id = :task");
        }
        if (permitNumber != null) {
            sql.append(" AND r.permit_number = :permit");
        }
        if (status != null) {
            sql.append(" AND r.status = :status");
        }
        return new Filter(sql.toString(), taskId, permitNumber, status);
    }
}
