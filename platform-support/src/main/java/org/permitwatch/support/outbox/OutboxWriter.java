package org.permitwatch.support.outbox;

import java.util.List;
import java.util.UUID;
import org.permitwatch.support.audit.RequestInfo;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends events to {@code outbox_event} inside the caller's reactive transaction, so the state change and
 * its event commit together or not at all. Refuses to run outside a transaction: an event written in
 * auto-commit mode could be published for a change that later rolls back.
 */
public class OutboxWriter {

    private static final String INSERT = """
            INSERT INTO outbox_event (id, topic, message_key, event_type, subject, source, occurred_at, payload,
                                      traceparent)
            VALUES (:id, :topic, :key, :type, :subject, :source, now(), CAST(:payload AS jsonb), :traceparent)
            """;

    private final DatabaseClient db;
    private final JsonMapper json;
    private final String source;
    private final Runnable afterCommit;

    /**
     * @param afterCommit called after the transaction that appended events commits (wakes the relay up)
     */
    public OutboxWriter(DatabaseClient db, JsonMapper json, String source, Runnable afterCommit) {
        this.db = db;
        this.json = json;
        this.source = source;
        this.afterCommit = afterCommit;
    }

    /** Appends one event; emits its id, which becomes the {@code ce_id}. */
    public Mono<UUID> append(OutboxMessage message) {
        return requireTransaction().then(Mono.defer(() -> insert(message)));
    }

    /**
     * Appends several events in the given order (their relay order for equal keys), in ONE statement whatever their
     * number: a draw appends thousands of events, and one INSERT per event cost a round trip each (issue 21). The
     * rows are numbered by their position (WITH ORDINALITY) and inserted in that order, so {@code seq} — taken from
     * its sequence as the rows are inserted — follows the list.
     */
    public Mono<List<UUID>> appendAll(List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return requireTransaction().thenReturn(List.of());
        }
        if (messages.size() == 1) {
            return append(messages.get(0)).map(List::of);
        }
        return requireTransaction()
                .then(Mono.defer(() -> RequestInfo.current().flatMap(request -> {
                    int n = messages.size();
                    UUID[] ids = new UUID[n];
                    String[] topics = new String[n];
                    String[] keys = new String[n];
                    String[] types = new String[n];
                    String[] subjects = new String[n];
                    String[] payloads = new String[n];
                    for (int i = 0; i < n; i++) {
                        OutboxMessage m = messages.get(i);
                        ids[i] = UUID.randomUUID();
                        topics[i] = m.topic();
                        keys[i] = m.key();
                        types[i] = m.type();
                        subjects[i] = m.subject();
                        payloads[i] = json.writeValueAsString(m.payload());
                    }
                    var spec = db.sql(INSERT_ALL)
                            .bind("ids", ids)
                            .bind("topics", topics)
                            .bind("keys", keys)
                            .bind("types", types)
                            .bind("subjects", subjects)
                            .bind("payloads", payloads)
                            .bind("source", source);
                    spec = request.traceparent() == null
                            ? spec.bindNull("traceparent", String.class)
                            : spec.bind("traceparent", request.traceparent());
                    return spec.then().thenReturn(List.of(ids));
                })));
    }

    private static final String INSERT_ALL = """
            INSERT INTO outbox_event (id, topic, message_key, event_type, subject, source, occurred_at, payload,
                                      traceparent)
            SELECT x.id, x.topic, x.key, x.type, x.subject, :source, now(), CAST(x.payload AS jsonb), :traceparent
            FROM unnest(CAST(:ids AS uuid[]), CAST(:topics AS text[]), CAST(:keys AS text[]), CAST(:types AS text[]),
                        CAST(:subjects AS text[]), CAST(:payloads AS text[])) WITH ORDINALITY
                 AS x(id, topic, key, type, subject, payload, n)
            ORDER BY x.n
            """;

    private Mono<UUID> insert(OutboxMessage message) {
        UUID id = UUID.randomUUID();
        return Mono.fromCallable(() -> json.writeValueAsString(message.payload()))
                .zipWith(RequestInfo.current())
                .flatMap(t -> db.sql(INSERT)
                        .bind("id", id)
                        .bind("topic", message.topic())
                        .bind("key", message.key())
                        .bind("type", message.type())
                        .bind("subject", message.subject())
                        .bind("source", source)
                        .bind("payload", t.getT1())
                        .bind("traceparent", t.getT2().traceparent())
                        .then())
                .thenReturn(id);
    }

    private Mono<Void> requireTransaction() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .onErrorMap(NoTransactionException.class, e -> notInTransaction())
                .flatMap(tsm -> {
                    if (!tsm.isActualTransactionActive()) {
                        return Mono.error(notInTransaction());
                    }
                    if (tsm.isSynchronizationActive()) {
                        tsm.registerSynchronization(new TransactionSynchronization() {
                            @Override
                            public Mono<Void> afterCommit() {
                                return Mono.fromRunnable(afterCommit);
                            }
                        });
                    }
                    return Mono.<Void>empty();
                });
    }

    private static IllegalStateException notInTransaction() {
        return new IllegalStateException("OutboxWriter must be called inside a reactive transaction "
                + "(TransactionalOperator or @Transactional) so the event commits with the state change");
    }
}
