package org.permitwatch.liaison.deadline;

import io.r2dbc.spi.Readable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.events.liaison.LiaisonTopics;
import org.permitwatch.events.liaison.SubmissionRecorded;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.outbox.OutboxMessage;
import org.permitwatch.support.outbox.OutboxWriter;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.tx.WholeTransactions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cities submit against deadline instances. Each submission is a new version; the instance row is locked while the
 * next version number is taken, so two concurrent submissions of a city never collide. Under an
 * {@code Idempotency-Key} a retried request returns the first submission instead of adding a version.
 */
@Component
class SubmissionService {

    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    private static final String COLUMNS = """
            s.id, i.obligation_id, s.instance_id, i.period, i.due_date, s.city_code, s.version, s.file_name, s.sha256,
            s.size_bytes, s.content_type, s.data::text AS data, s.note, s.submitted_by, s.submitted_at""";

    private final DatabaseClient db;
    private final DeadlineStore deadlines;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final JsonMapper json;
    private final Clock clock;
    private final OutboxWriter outbox;

    SubmissionService(
            DatabaseClient db,
            DeadlineStore deadlines,
            AuditLog audit,
            ReactiveTransactionManager transactions,
            JsonMapper json,
            ObjectProvider<Clock> clock,
            OutboxWriter outbox) {
        this.db = db;
        this.outbox = outbox;
        this.deadlines = deadlines;
        this.audit = audit;
        this.tx = WholeTransactions.create(transactions);
        this.json = json;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** A stored or fresh submission and whether it was created by this call (201) or replayed (200). */
    record Outcome(DeadlineViews.Submission submission, boolean created) {}

    Mono<Outcome> submit(SubmissionForm form, String idempotencyKey, Caller caller) {
        if (!caller.hasRole(Role.CITY) || caller.division().level() != DivisionCode.Level.CITY) {
            return Mono.error(
                    ApiException.forbidden("submission-forbidden", "only a city bureau submits against deadlines"));
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            return Mono.error(ApiException.badRequest(
                    "invalid-idempotency-key",
                    "Idempotency-Key must be 1..200 characters",
                    List.of(FieldProblem.of(IDEMPOTENCY_HEADER, "must be 1..200 characters"))));
        }
        String city = caller.division().cityCode().value();
        String requestHash = sha256(json.writeValueAsString(form));
        Mono<Outcome> work = idempotencyKey == null
                ? insert(form, city, caller)
                : claim(caller.subject(), idempotencyKey, requestHash)
                        .flatMap(existing -> existing.isPresent()
                                ? find(existing.get(), caller).map(s -> new Outcome(s, false))
                                : insert(form, city, caller)
                                        .flatMap(o -> remember(caller.subject(), idempotencyKey, o)));
        return tx.transactional(work);
    }

    Flux<DeadlineViews.Submission> list(Caller caller, UUID deadlineId, long offset, int limit) {
        return db.sql("SELECT " + COLUMNS
                        + " FROM deadline_submission s JOIN deadline_instance i ON i.id = s.instance_id "
                        + "WHERE s.city_code LIKE :scope AND (:deadline::uuid IS NULL OR i.obligation_id = :deadline) "
                        + "ORDER BY s.submitted_at DESC, s.id LIMIT :limit OFFSET :offset")
                .bind("scope", scope(caller))
                .bind("deadline", deadlineId == null ? io.r2dbc.spi.Parameters.in(UUID.class) : deadlineId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(this::submission)
                .all();
    }

    Mono<Long> count(Caller caller, UUID deadlineId) {
        return db.sql(
                        "SELECT count(*) AS n FROM deadline_submission s JOIN deadline_instance i ON i.id = s.instance_id "
                                + "WHERE s.city_code LIKE :scope AND (:deadline::uuid IS NULL OR i.obligation_id = :deadline)")
                .bind("scope", scope(caller))
                .bind("deadline", deadlineId == null ? io.r2dbc.spi.Parameters.in(UUID.class) : deadlineId)
                .map(r -> r.get("n", Long.class))
                .one();
    }

    /** The province sees every city; anyone else the city they belong to (a county sees its city's reports). */
    static String scope(Caller caller) {
        return caller.hasRole(Role.PROVINCE)
                ? caller.division().likePattern()
                : caller.division().cityCode().likePattern();
    }

    private Mono<DeadlineViews.Submission> find(UUID id, Caller caller) {
        return db.sql("SELECT " + COLUMNS
                        + " FROM deadline_submission s JOIN deadline_instance i ON i.id = s.instance_id "
                        + "WHERE s.id = :id AND s.city_code LIKE :scope")
                .bind("id", id)
                .bind("scope", scope(caller))
                .map(this::submission)
                .one();
    }

    private Mono<Outcome> insert(SubmissionForm form, String city, Caller caller) {
        Instant now = clock.instant();
        return deadlines
                .instance(form.deadlineId(), form.period())
                .switchIfEmpty(Mono.error(() -> form.period() == null
                        ? ApiException.invalidField(
                                "period", "this deadline is monthly: give the month (YYYY-MM)", null)
                        : ApiException.notFound(
                                "not-found", "no deadline " + form.deadlineId() + " for period " + form.period())))
                .flatMap(instance -> db.sql("SELECT id FROM deadline_instance WHERE id = :id FOR UPDATE")
                        .bind("id", instance.id())
                        .then()
                        .then(db.sql("SELECT coalesce(max(version), 0) + 1 AS v FROM deadline_submission "
                                        + "WHERE instance_id = :instance AND city_code = :city")
                                .bind("instance", instance.id())
                                .bind("city", city)
                                .map(r -> r.get("v", Integer.class))
                                .one())
                        .flatMap(version -> {
                            UUID id = UUID.randomUUID();
                            var spec = db.sql("""
                                            INSERT INTO deadline_submission (id, instance_id, city_code, version, file_name, sha256,
                                                   size_bytes, content_type, data, note, submitted_by, submitted_at)
                                            VALUES (:id, :instance, :city, :version, :fileName, :sha256, :size, :contentType,
                                                   CAST(:data AS jsonb), :note, :by, :at)""")
                                    .bind("id", id)
                                    .bind("instance", instance.id())
                                    .bind("city", city)
                                    .bind("version", version)
                                    .bind("by", caller.subject())
                                    .bind("at", now.atOffset(ZoneOffset.UTC));
                            var d = form.document();
                            spec = nullable(spec, "fileName", d == null ? null : d.fileName(), String.class);
                            spec = nullable(spec, "sha256", d == null ? null : d.sha256(), String.class);
                            spec = nullable(spec, "size", d == null ? null : d.size(), Long.class);
                            spec = nullable(spec, "contentType", d == null ? null : d.contentType(), String.class);
                            spec = nullable(
                                    spec,
                                    "data",
                                    form.data() == null ? null : json.writeValueAsString(form.data()),
                                    String.class);
                            spec = nullable(spec, "note", form.note(), String.class);
                            return spec.then()
                                    .then(audit.record(
                                            "submission.create",
                                            "deadline_submission",
                                            id.toString(),
                                            Map.of(
                                                    "deadlineId",
                                                    form.deadlineId().toString(),
                                                    "period",
                                                    instance.period(),
                                                    "cityCode",
                                                    city,
                                                    "version",
                                                    version)))
                                    .then(find(id, caller))
                                    .flatMap(s ->
                                            outbox.append(recorded(s, instance)).thenReturn(new Outcome(s, true)));
                        }));
    }

    /**
     * The event of a new submission version, keyed obligation:city:period so consumers keep the latest per city and
     * period; a replayed (idempotent) request appends nothing.
     */
    static OutboxMessage recorded(DeadlineViews.Submission s, DeadlineStore.InstanceRow instance) {
        String key = instance.obligationId() + ":" + s.cityCode() + ":" + instance.period();
        return OutboxMessage.of(
                LiaisonTopics.SUBMISSIONS,
                key,
                SubmissionRecorded.TYPE,
                new SubmissionRecorded(
                        s.id(),
                        instance.obligationId(),
                        instance.code(),
                        s.cityCode(),
                        instance.period(),
                        instance.dueDate(),
                        s.onTime() ? "ON_TIME" : "LATE",
                        s.submittedBy(),
                        s.submittedAt().atOffset(ZoneOffset.UTC)));
    }

    /** Claims the key; a retry of the same request gets the stored submission id, another request a 422. */
    private Mono<java.util.Optional<UUID>> claim(String caller, String key, String hash) {
        return db.sql("""
                        INSERT INTO submission_idempotency_key (caller, idempotency_key, request_hash)
                        VALUES (:caller, :key, :hash) ON CONFLICT DO NOTHING RETURNING idempotency_key""")
                .bind("caller", caller)
                .bind("key", key)
                .bind("hash", hash)
                .map(r -> r.get(0, String.class))
                .one()
                .hasElement()
                .flatMap(claimed -> claimed
                        ? Mono.just(java.util.Optional.<UUID>empty())
                        : db.sql("""
                                SELECT request_hash, submission_id FROM submission_idempotency_key
                                 WHERE caller = :caller AND idempotency_key = :key""")
                                .bind("caller", caller)
                                .bind("key", key)
                                .map(r -> new Object[] {
                                    r.get("request_hash", String.class), r.get("submission_id", UUID.class)
                                })
                                .one()
                                .flatMap(row -> hash.equals(row[0])
                                        ? Mono.just(java.util.Optional.of((UUID) row[1]))
                                        : Mono.error(new ApiException(
                                                HttpStatus.UNPROCESSABLE_CONTENT,
                                                "idempotency-key-reused",
                                                null,
                                                "this Idempotency-Key was used for a different request",
                                                List.of(FieldProblem.of(
                                                        IDEMPOTENCY_HEADER,
                                                        "already used for a different request"))))));
    }

    private Mono<Outcome> remember(String caller, String key, Outcome outcome) {
        return db.sql(
                        "UPDATE submission_idempotency_key SET submission_id = :id WHERE caller = :caller AND idempotency_key = :key")
                .bind("id", outcome.submission().id())
                .bind("caller", caller)
                .bind("key", key)
                .then()
                .thenReturn(outcome);
    }

    private DeadlineViews.Submission submission(Readable r) {
        String data = r.get("data", String.class);
        String fileName = r.get("file_name", String.class);
        Instant at = r.get("submitted_at", OffsetDateTime.class).toInstant();
        LocalDate due = r.get("due_date", LocalDate.class);
        return new DeadlineViews.Submission(
                r.get("id", UUID.class),
                r.get("obligation_id", UUID.class),
                r.get("instance_id", UUID.class),
                r.get("period", String.class),
                r.get("city_code", String.class),
                r.get("version", Integer.class),
                fileName == null
                        ? null
                        : new DeadlineViews.Document(
                                fileName,
                                r.get("sha256", String.class),
                                r.get("size_bytes", Long.class),
                                r.get("content_type", String.class)),
                data == null ? null : json.readValue(data, new TypeReference<Map<String, Object>>() {}),
                r.get("note", String.class),
                r.get("submitted_by", String.class),
                at,
                at.isBefore(deadlines.dueEnd(due)));
    }

    private static DatabaseClient.GenericExecuteSpec nullable(
            DatabaseClient.GenericExecuteSpec spec, String name, Object value, Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
