package org.permitwatch.support.inbox;

import java.util.function.Supplier;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Runs an event's effect at most once per (consumer, event id). The marker row in {@code processed_event}
 * and the effect share one transaction: if the effect fails, the marker rolls back and a redelivery runs
 * the effect again; if the marker already exists, the effect is skipped.
 */
public class IdempotentConsumer {

    private static final String MARK = """
            INSERT INTO processed_event (consumer, event_id, processed_at)
            VALUES (:consumer, :eventId, now())
            ON CONFLICT (consumer, event_id) DO NOTHING
            """;

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    public IdempotentConsumer(DatabaseClient db, TransactionalOperator tx) {
        this.db = db;
        this.tx = tx;
    }

    /**
     * @param consumer a stable name of the consuming projection/handler (not the group id: two handlers in one
     *                 group deduplicate separately)
     * @param eventId  the {@code ce_id}
     * @param effect   supplies the effect; it must use the same {@code DatabaseClient}/repositories so it joins
     *                 the transaction
     * @return true when the effect ran, false when the event had been processed before
     */
    public Mono<Boolean> handleOnce(String consumer, String eventId, Supplier<Mono<Void>> effect) {
        if (consumer == null || consumer.isBlank() || eventId == null || eventId.isBlank()) {
            return Mono.error(new IllegalArgumentException("consumer and eventId are required"));
        }
        Mono<Boolean> once = db.sql(MARK)
                .bind("consumer", consumer)
                .bind("eventId", eventId)
                .fetch()
                .rowsUpdated()
                .flatMap(inserted -> inserted > 0 ? Mono.defer(effect).thenReturn(true) : Mono.just(false));
        return tx.transactional(once);
    }
}
