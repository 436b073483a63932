package org.permitwatch.liaison.notification;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.web.Paging;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads the delivery log, always bounded by the caller's division (the recipient's division). */
@Component
class NotificationQueries {

    private static final String COLUMNS = """
            n.id, n.request_id, n.event_key, n.channel, n.recipient, n.contact_id, n.division_code, r.subject,
            n.status, n.attempts, n.next_attempt_at, n.last_error, n.message_id, n.created_at, n.sent_at
            """;

    private static final String FILTER = """
            FROM notification n JOIN notification_request r ON r.id = n.request_id
            WHERE n.division_code LIKE :scope
              AND (CAST(:status AS text) IS NULL OR n.status = :status)
              AND (CAST(:requestId AS uuid) IS NULL OR n.request_id = :requestId)
            """;

    private final DatabaseClient db;

    NotificationQueries(DatabaseClient db) {
        this.db = db;
    }

    Flux<NotificationViews.Notification> list(Caller caller, String status, UUID requestId, Paging paging) {
        return bindFilter(
                        db.sql("SELECT " + COLUMNS + FILTER
                                + " ORDER BY n.created_at DESC, n.id LIMIT :limit OFFSET :offset"),
                        caller,
                        status,
                        requestId)
                .bind("limit", paging.size())
                .bind("offset", paging.offset())
                .map(NotificationQueries::notification)
                .all();
    }

    Mono<Long> count(Caller caller, String status, UUID requestId) {
        return bindFilter(db.sql("SELECT count(*) AS n " + FILTER), caller, status, requestId)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    Mono<NotificationViews.Notification> find(UUID id, Caller caller) {
        return db.sql("SELECT " + COLUMNS + " FROM notification n JOIN notification_request r ON r.id = n.request_id "
                        + "WHERE n.id = :id AND n.division_code LIKE :scope")
                .bind("id", id)
                .bind("scope", caller.division().likePattern())
                .map(NotificationQueries::notification)
                .one()
                .switchIfEmpty(Mono.error(() ->
                        ApiException.notFound("notification-not-found", "no notification " + id + " in your division")))
                .flatMap(n -> attempts(id).collectList().map(n::withAttempts));
    }

    Mono<UUID> requestIdFor(String eventKey) {
        return db.sql("SELECT id FROM notification_request WHERE event_key = :key")
                .bind("key", eventKey)
                .map(row -> row.get("id", UUID.class))
                .one();
    }

    /** Rows of one request, as counted for a dispatch answer. */
    Mono<Long> countForRequest(UUID requestId) {
        return db.sql("SELECT count(*) AS n FROM notification WHERE request_id = :id")
                .bind("id", requestId)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    private Flux<NotificationViews.Attempt> attempts(UUID id) {
        return db.sql("""
                        SELECT attempt_no, attempted_at, outcome, error, duration_ms FROM notification_attempt
                        WHERE notification_id = :id ORDER BY attempt_no
                        """)
                .bind("id", id)
                .map(r -> new NotificationViews.Attempt(
                        r.get("attempt_no", Integer.class),
                        r.get("attempted_at", OffsetDateTime.class),
                        r.get("outcome", String.class),
                        r.get("error", String.class),
                        r.get("duration_ms", Long.class)))
                .all();
    }

    private static DatabaseClient.GenericExecuteSpec bindFilter(
            DatabaseClient.GenericExecuteSpec spec, Caller caller, String status, UUID requestId) {
        spec = spec.bind("scope", caller.division().likePattern());
        spec = status == null ? spec.bindNull("status", String.class) : spec.bind("status", status);
        return requestId == null ? spec.bindNull("requestId", UUID.class) : spec.bind("requestId", requestId);
    }

    private static NotificationViews.Notification notification(Readable r) {
        return new NotificationViews.Notification(
                r.get("id", UUID.class),
                r.get("request_id", UUID.class),
                r.get("event_key", String.class),
                r.get("channel", String.class),
                r.get("recipient", String.class),
                r.get("contact_id", UUID.class),
                r.get("division_code", String.class),
                r.get("subject", String.class),
                r.get("status", String.class),
                r.get("attempts", Integer.class),
                r.get("next_attempt_at", OffsetDateTime.class),
                r.get("last_error", String.class),
                r.get("message_id", String.class),
                r.get("created_at", OffsetDateTime.class),
                r.get("sent_at", OffsetDateTime.class),
                List.of());
    }
}
