package org.permitwatch.support.outbox;

import io.r2dbc.spi.Readable;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.permitwatch.events.CloudEventHeaders;
import org.permitwatch.support.time.BureauClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes {@code outbox_event} rows to Kafka in {@code seq} order, CloudEvents binary mode.
 *
 * <p>Each round runs in one database transaction: it takes a transaction-scoped advisory lock (so with two
 * replicas only one relays at a time and per-key order cannot be broken by two batches racing), locks the
 * oldest unpublished rows with {@code FOR UPDATE SKIP LOCKED}, sends them all with the idempotent producer,
 * waits for the acks in order and marks the acknowledged prefix published. The first failed send ends the
 * round; that row and everything after it stay unpublished and are retried next round, so a key's events
 * never overtake each other. A crash between the ack and the commit leaves rows unpublished: they are sent
 * again, and consumers deduplicate by {@code ce_id}.
 */
public class OutboxRelay implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** Arbitrary constant naming the relay's advisory lock ("outbox" in ASCII); locks are per database. */
    private static final long RELAY_LOCK_ID = 0x6F7574626F78L;

    private static final String SELECT_BATCH = """
            SELECT id, topic, message_key, event_type, subject, source, occurred_at, payload::text AS payload,
                   traceparent
            FROM outbox_event
            WHERE published_at IS NULL
            ORDER BY seq
            LIMIT :limit
            FOR UPDATE SKIP LOCKED
            """;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final Sinks.Many<Long> wakeUps = Sinks.many().multicast().directBestEffort();
    private final AtomicLong backlog = new AtomicLong();
    private volatile Disposable running;

    private final BureauClock clock;

    public OutboxRelay(
            DatabaseClient db,
            TransactionalOperator tx,
            KafkaTemplate<String, byte[]> kafka,
            OutboxProperties properties,
            BureauClock clock) {
        this.clock = clock;
        this.db = db;
        this.tx = tx;
        this.kafka = kafka;
        this.properties = properties;
    }

    /** Asks for a relay round now instead of at the next poll; cheap and safe to call from any thread. */
    public void wakeUp() {
        wakeUps.tryEmitNext(System.nanoTime());
    }

    /** Unpublished rows as of the last round (exported as the {@code permitwatch.outbox.backlog} gauge). */
    public long backlog() {
        return backlog.get();
    }

    /**
     * One relay round (plus follow-up rounds while batches come back full). Emits how many events were
     * published. Public so tests and operators can drive the relay deterministically.
     */
    public Mono<Integer> relayOnce() {
        return relayRound()
                .expand(sent -> sent >= properties.batchSize() ? relayRound() : Mono.empty())
                .reduce(0, Integer::sum)
                .flatMap(total -> refreshBacklog().thenReturn(total));
    }

    /** Deletes published rows older than the retention; emits how many were removed. */
    public Mono<Long> cleanUp() {
        return db.sql("DELETE FROM outbox_event WHERE published_at IS NOT NULL AND published_at < :cutoff")
                .bind("cutoff", clock.nowUtc().minus(properties.retention()))
                .fetch()
                .rowsUpdated();
    }

    private Mono<Integer> relayRound() {
        Mono<Integer> round = db.sql("SELECT pg_try_advisory_xact_lock(:lock) AS locked")
                .bind("lock", RELAY_LOCK_ID)
                .map(row -> Boolean.TRUE.equals(row.get("locked", Boolean.class)))
                .one()
                .flatMap(locked -> locked ? publishBatch() : Mono.just(0));
        return tx.transactional(round);
    }

    private Mono<Integer> publishBatch() {
        return db.sql(SELECT_BATCH)
                .bind("limit", properties.batchSize())
                .map(OutboxRelay::toRow)
                .all()
                .collectList()
                .flatMap(rows -> rows.isEmpty() ? Mono.just(0) : sendAll(rows));
    }

    /**
     * Hands the whole batch to the producer first (pipelined: the idempotent producer keeps order within a
     * partition), then waits for the acks in order and marks the acknowledged prefix published with one
     * UPDATE, up to the first failure. The send itself can block on metadata, so it runs on boundedElastic,
     * never on a driver/Netty thread.
     */
    private Mono<Integer> sendAll(List<Row> rows) {
        List<UUID> acknowledged = new ArrayList<>(rows.size());
        return Mono.fromCallable(() -> {
                    List<CompletableFuture<SendResult<String, byte[]>>> futures = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        futures.add(kafka.send(toRecord(row)));
                    }
                    return futures;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(futures -> Flux.range(0, rows.size())
                        .concatMap(i -> Mono.fromFuture(futures.get(i), true)
                                .timeout(properties.sendTimeout())
                                .doOnNext(result -> acknowledged.add(rows.get(i).id()))))
                .onErrorResume(error -> {
                    log.warn("Outbox relay stopped the batch at a failed send; remaining rows retry next round", error);
                    return Flux.empty();
                })
                .then(Mono.defer(() -> markPublished(acknowledged)));
    }

    private Mono<Integer> markPublished(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(0);
        }
        return db.sql("UPDATE outbox_event SET published_at = now() WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .fetch()
                .rowsUpdated()
                .map(Long::intValue);
    }

    private Mono<Void> refreshBacklog() {
        return db.sql("SELECT count(*) AS n FROM outbox_event WHERE published_at IS NULL")
                .map(row -> row.get("n", Long.class))
                .one()
                .doOnNext(backlog::set)
                .then();
    }

    private ProducerRecord<String, byte[]> toRecord(Row row) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(headers, CloudEventHeaders.ID, row.id().toString());
        header(headers, CloudEventHeaders.TYPE, row.type());
        header(headers, CloudEventHeaders.SOURCE, row.source());
        header(headers, CloudEventHeaders.SUBJECT, row.subject());
        header(headers, CloudEventHeaders.TIME, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(row.occurredAt()));
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        header(headers, CloudEventHeaders.TRACEPARENT, row.traceparent());
        return new ProducerRecord<>(
                row.topic(), null, row.key(), row.payload().getBytes(StandardCharsets.UTF_8), headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Row toRow(Readable r) {
        OffsetDateTime occurred = r.get("occurred_at", OffsetDateTime.class);
        return new Row(
                r.get("id", UUID.class),
                r.get("topic", String.class),
                r.get("message_key", String.class),
                r.get("event_type", String.class),
                r.get("subject", String.class),
                r.get("source", String.class),
                occurred == null ? null : occurred.withOffsetSameInstant(ZoneOffset.UTC),
                r.get("payload", String.class),
                r.get("traceparent", String.class));
    }

    private record Row(
            UUID id,
            String topic,
            String key,
            String type,
            String subject,
            String source,
            OffsetDateTime occurredAt,
            String payload,
            String traceparent) {}

    @Override
    public synchronized void start() {
        if (running != null) {
            return;
        }
        Flux<Integer> relayLoop = Flux.merge(Flux.interval(properties.pollInterval()), wakeUps.asFlux())
                .onBackpressureDrop()
                .concatMap(
                        tick -> relayOnce().onErrorResume(error -> {
                            log.warn("Outbox relay round failed; retrying next round", error);
                            return Mono.just(0);
                        }),
                        0);
        Flux<Long> cleanupLoop = Flux.interval(properties.cleanupInterval(), properties.cleanupInterval())
                .onBackpressureDrop()
                .concatMap(
                        tick -> cleanUp().onErrorResume(error -> {
                            log.warn("Outbox cleanup failed", error);
                            return Mono.just(0L);
                        }),
                        0);
        running = Disposables.composite(relayLoop.subscribe(), cleanupLoop.subscribe());
        log.info("Outbox relay started (poll {}, batch {})", properties.pollInterval(), properties.batchSize());
    }

    @Override
    public synchronized void stop() {
        if (running != null) {
            running.dispose();
            running = null;
        }
    }

    /** Stops the loops and closes the relay's private producer (Spring calls this on context shutdown). */
    @Override
    public void close() {
        stop();
        if (kafka.getProducerFactory() instanceof DisposableBean disposable) {
            try {
                disposable.destroy();
            } catch (Exception e) {
                log.warn("Closing the outbox producer failed", e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }

    /** Start after the web server and listeners, stop before them (default phase is fine). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }
}
