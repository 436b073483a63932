package org.permitwatch.support.inbox;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Runs an event's effect at most once per (consumer, event id). The marker row in {@code processed_event}
 * and the effect share one transaction: if the effect fails, the marker rolls back and a redelivery runs
 * the effect again; if the marker already exists, the effect is skipped.
 */
public class IdempotentConsumer {

    /** Marks events (one, or a poll's) in one statement and names those seen for the first time. */
    private static final String MARK_ALL = """
            INSERT INTO processed_event (consumer, event_id, processed_at)
            SELECT DISTINCT :consumer, id, now() FROM unnest(CAST(:eventIds AS text[])) AS id
            ON CONFLICT (consumer, event_id) DO NOTHING
            RETURNING event_id
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
        if (eventId == null) {
            return Mono.error(new IllegalArgumentException("consumer and every eventId are required"));
        }
        return handleEachOnce(consumer, List.of(eventId), fresh -> effect.get()).map(ran -> !ran.isEmpty());
    }

    /**
     * The batch form of {@link #handleOnce}, for a batch listener: marks all the events in one statement and runs
     * {@code effect} once, with the ids not processed before, in the same transaction. If the effect fails, no marker
     * stays and a redelivery runs it again for all of them; when every event had been processed, it does not run.
     *
     * @param eventIds the {@code ce_id}s of a poll (duplicates count once)
     * @param effect   the effect of the events whose ids it is given; it must use the same {@code DatabaseClient} so it
     *                 joins the transaction
     * @return the ids whose effect ran
     */
    public Mono<Set<String>> handleEachOnce(
            String consumer, Collection<String> eventIds, Function<Set<String>, Mono<Void>> effect) {
        if (consumer == null || consumer.isBlank() || eventIds.stream().anyMatch(id -> id == null || id.isBlank())) {
            return Mono.error(new IllegalArgumentException("consumer and every eventId are required"));
        }
        if (eventIds.isEmpty()) {
            return Mono.just(Set.of());
        }
        Mono<Set<String>> once = db.sql(MARK_ALL)
                .bind("consumer", consumer)
                .bind("eventIds", List.copyOf(eventIds).toArray(String[]::new))
                .map(row -> row.get("event_id", String.class))
                .all()
                .collect(Collectors.toUnmodifiableSet())
                .flatMap(fresh -> fresh.isEmpty()
                        ? Mono.just(fresh)
                        : Mono.defer(() -> effect.apply(fresh)).thenReturn(fresh));
        return tx.transactional(once);
    }
}
