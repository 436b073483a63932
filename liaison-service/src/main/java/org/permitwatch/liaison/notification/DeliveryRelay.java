package org.permitwatch.liaison.notification;

import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.util.UUID;
import org.permitwatch.support.tx.WholeTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Delivers pending notifications, at least once.
 *
 * <p>A round claims due rows with {@code FOR UPDATE SKIP LOCKED} and, in the same statement, counts the attempt and
 * pushes {@code next_attempt_at} out by the claim lease, so concurrent relays (replicas) never pick the same row.
 * Delivery runs outside any transaction; the outcome is written afterwards: SENT, or back to PENDING with an
 * exponential back-off, or FAILED after {@code maxAttempts}. Every attempt is logged in {@code notification_attempt}.
 *
 * <p>Residual duplicate window: if the process dies after the SMTP server or webhook accepted a message but before
 * the row is marked SENT, the lease expires and the message is sent again. The repeat carries the same Message-ID
 * (mail) or {@code X-PermitWatch-Delivery} (webhook), so it is recognisable, but it is a second delivery.
 */
@Component
class DeliveryRelay implements SmartLifecycle, DeliveryWakeUp {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRelay.class);

    private static final String CLAIM = """
            WITH due AS (
                SELECT id FROM notification
                WHERE status = 'PENDING' AND next_attempt_at <= now()
                ORDER BY next_attempt_at
                LIMIT :limit
                FOR UPDATE SKIP LOCKED
            )
            UPDATE notification n
            SET attempts = n.attempts + 1,
                next_attempt_at = now() + :leaseMillis * interval '1 millisecond'
            FROM due, notification_request r
            WHERE n.id = due.id AND r.id = n.request_id
            RETURNING n.id, n.event_key, n.channel, n.recipient, n.division_code, n.attempts, r.subject, r.body,
                      r.attachment_name, r.attachment_type, r.attachment
            """;

    private static final String MARK_SENT = """
            UPDATE notification SET status = 'SENT', sent_at = now(), last_error = NULL, message_id = :messageId
            WHERE id = :id AND status = 'PENDING' AND attempts = :attempt
            """;

    private static final String MARK_FAILED_ATTEMPT = """
            UPDATE notification
            SET status = CASE WHEN attempts >= :maxAttempts THEN 'FAILED' ELSE 'PENDING' END,
                next_attempt_at = now() + :backoffMillis * interval '1 millisecond',
                last_error = :error
            WHERE id = :id AND status = 'PENDING' AND attempts = :attempt
            """;

    private static final String LOG_ATTEMPT = """
            INSERT INTO notification_attempt (notification_id, attempt_no, outcome, error, duration_ms)
            VALUES (:id, :attempt, :outcome, :error, :durationMs)
            ON CONFLICT DO NOTHING
            """;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final MailChannel mail;
    private final WebhookChannel webhook;
    private final NotificationProperties properties;
    private final Sinks.Many<Long> wakeUps = Sinks.many().multicast().directBestEffort();
    private volatile Disposable running;

    DeliveryRelay(
            DatabaseClient db,
            ReactiveTransactionManager transactions,
            MailChannel mail,
            WebhookChannel webhook,
            NotificationProperties properties) {
        this.db = db;
        this.tx = WholeTransactions.create(transactions);
        this.mail = mail;
        this.webhook = webhook;
        this.properties = properties;
    }

    @Override
    public void wakeUp() {
        wakeUps.tryEmitNext(System.nanoTime());
    }

    /** One round, repeated while batches come back full; emits how many deliveries were attempted. */
    Mono<Integer> relayOnce() {
        return round().expand(n -> n >= properties.batchSize() ? round() : Mono.empty())
                .reduce(0, Integer::sum);
    }

    private Mono<Integer> round() {
        return db.sql(CLAIM)
                .bind("limit", properties.batchSize())
                .bind("leaseMillis", properties.claimLease().toMillis())
                .map(DeliveryRelay::delivery)
                .all()
                // Collect first: the claim's connection goes back to the pool before any slow SMTP/HTTP I/O starts.
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .flatMap(this::deliver, 4)
                .count()
                .map(Long::intValue);
    }

    private Mono<Void> deliver(Delivery delivery) {
        long started = System.nanoTime();
        Mono<Void> send = switch (delivery.channel()) {
            case EMAIL -> mail.send(delivery);
            case WEBHOOK -> webhook.send(delivery);
        };
        return send.then(Mono.defer(() -> recordSuccess(delivery, elapsed(started))))
                .onErrorResume(error -> recordFailure(delivery, error, elapsed(started)));
    }

    private Mono<Void> recordSuccess(Delivery delivery, long millis) {
        String messageId = delivery.channel() == NotificationRequest.Channel.EMAIL ? delivery.messageId() : null;
        var mark = db.sql(MARK_SENT).bind("id", delivery.id()).bind("attempt", delivery.attempt());
        mark = messageId == null ? mark.bindNull("messageId", String.class) : mark.bind("messageId", messageId);
        return tx.transactional(mark.then().then(logAttempt(delivery, "SENT", null, millis)));
    }

    private Mono<Void> recordFailure(Delivery delivery, Throwable error, long millis) {
        String message = describe(error);
        log.warn(
                "Notification {} ({} to {}) attempt {} failed: {}",
                delivery.id(),
                delivery.channel(),
                delivery.recipient(),
                delivery.attempt(),
                message);
        Duration backoff = properties.backoffAfter(delivery.attempt());
        return tx.transactional(db.sql(MARK_FAILED_ATTEMPT)
                        .bind("id", delivery.id())
                        .bind("attempt", delivery.attempt())
                        .bind("maxAttempts", properties.maxAttempts())
                        .bind("backoffMillis", backoff.toMillis())
                        .bind("error", message)
                        .then()
                        .then(logAttempt(delivery, "ERROR", message, millis)))
                .onErrorResume(e -> {
                    // The lease will release the row; the next round retries it.
                    log.warn("Could not record the failed attempt of notification {}", delivery.id(), e);
                    return Mono.empty();
                });
    }

    private Mono<Void> logAttempt(Delivery delivery, String outcome, String error, long millis) {
        var spec = db.sql(LOG_ATTEMPT)
                .bind("id", delivery.id())
                .bind("attempt", delivery.attempt())
                .bind("outcome", outcome)
                .bind("durationMs", millis);
        spec = error == null ? spec.bindNull("error", String.class) : spec.bind("error", error);
        return spec.then();
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(error.getClass().getSimpleName() + ": " + error.getMessage());
        Throwable cause = error.getCause();
        if (cause != null && cause != error) {
            text.append(" (caused by ")
                    .append(cause.getClass().getSimpleName())
                    .append(": ")
                    .append(cause.getMessage())
                    .append(')');
        }
        return text.length() > 1000 ? text.substring(0, 1000) : text.toString();
    }

    private static long elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

    private static Delivery delivery(Readable r) {
        Integer attempts = r.get("attempts", Integer.class);
        return new Delivery(
                r.get("id", UUID.class),
                r.get("event_key", String.class),
                NotificationRequest.Channel.valueOf(r.get("channel", String.class)),
                r.get("recipient", String.class),
                r.get("division_code", String.class),
                attempts == null ? 1 : attempts,
                r.get("subject", String.class),
                r.get("body", String.class),
                r.get("attachment_name", String.class),
                r.get("attachment_type", String.class),
                readBytes(r));
    }

    private static byte[] readBytes(Readable r) {
        java.nio.ByteBuffer buffer = r.get("attachment", java.nio.ByteBuffer.class);
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    @Override
    public synchronized void start() {
        if (running != null || !properties.relayEnabled()) {
            return;
        }
        running = Flux.merge(Flux.interval(properties.pollInterval()), wakeUps.asFlux())
                .onBackpressureDrop()
                .concatMap(
                        tick -> relayOnce().onErrorResume(error -> {
                            log.warn("Notification relay round failed; retrying next round", error);
                            return Mono.just(0);
                        }),
                        0)
                .subscribe();
        log.info(
                "Notification relay started (poll {}, batch {}, max attempts {})",
                properties.pollInterval(),
                properties.batchSize(),
                properties.maxAttempts());
    }

    @Override
    public synchronized void stop() {
        if (running != null) {
            running.dispose();
            running = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
