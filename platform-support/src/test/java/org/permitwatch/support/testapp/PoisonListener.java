package org.permitwatch.support.testapp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.permitwatch.support.inbox.CloudEventAttributes;
import org.permitwatch.support.inbox.IdempotentConsumer;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;

/** A consumer like a service would write: dedupe by ce_id, effect in the same transaction; "poison" always fails. */
@TestComponent
public class PoisonListener {

    public static final String TOPIC = "test.poison.events.v1";
    public static final String CONSUMER = "poison-listener";

    private final IdempotentConsumer inbox;
    private final DatabaseClient db;
    /** Offsets whose delivery finished (applied or recognised as a duplicate): lets a test wait for a redelivery. */
    private final Set<String> finished = ConcurrentHashMap.newKeySet();

    public PoisonListener(IdempotentConsumer inbox, DatabaseClient db) {
        this.inbox = inbox;
        this.db = db;
    }

    @KafkaListener(topics = TOPIC)
    void onEvent(ConsumerRecord<String, String> record) {
        CloudEventAttributes event = CloudEventAttributes.from(record);
        if (record.value().contains("poison")) {
            throw new IllegalStateException("cannot handle " + event.id());
        }
        // Listener threads are plain consumer threads, not Netty: blocking here is the listener contract.
        inbox.handleOnce(
                        CONSUMER,
                        event.id(),
                        () -> db.sql("INSERT INTO test_effect (event_id, note) VALUES (:id, :note)")
                                .bind("id", event.id())
                                .bind("note", record.value())
                                .then())
                .block();
        finished.add(record.partition() + "@" + record.offset());
    }

    /** Whether the delivery at {@code partition}/{@code offset} of {@link #TOPIC} has been handled. */
    public boolean finished(int partition, long offset) {
        return finished.contains(partition + "@" + offset);
    }
}
