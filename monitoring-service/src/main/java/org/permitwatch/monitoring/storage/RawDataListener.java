package org.permitwatch.monitoring.storage;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.permitwatch.monitoring.hj212.DataMessage;
import org.permitwatch.monitoring.hj212.Hj212Segment;
import org.permitwatch.monitoring.receiver.RawTopic;
import org.permitwatch.support.inbox.CloudEventAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Builds the series tables from {@link RawTopic#NAME}, one poll at a time: a batch listener writing the poll's values in
 * one transaction ({@link ValueStore}), because one transaction per message could not keep up with the real-time rate
 * (docs/benchmarks.md). Runs on a Kafka listener thread (not Netty): blocking on the reactive transaction with a
 * timeout keeps the offsets committed (MANUAL acknowledgement, {@link StorageListenerConfiguration}) only after the
 * values are written. A redelivery writes nothing twice (the tables' keys), so no processed-event marker is needed.
 *
 * <p>What fails, and what it costs (docs/monitoring.md#storage-failures):
 *
 * <ul>
 *   <li>A message that cannot be read (the receiver refused such frames already): the messages before it are stored,
 *       it is named to the shared error handler ({@link BatchListenerFailedException}, an IllegalArgumentException is
 *       not retried), which commits the ones before, sends it to the dead-letter topic and redelivers the ones after.
 *   <li>A message the database refuses ({@link StorageFailure#poison}: a value beyond {@code numeric}, a constraint):
 *       the poll's transaction rolls back; the messages are then written one per transaction until the one that fails
 *       again, which goes to the dead-letter topic alone, with the database's reason, the same way.
 *   <li>Anything else (connection cut, database restarting, lock or pool timeout): the poll is handed back ({@code
 *       nack}) and read again after a back-off (1 s doubling to 30 s, the consumer paused meanwhile), for as long as it
 *       takes. The shared handler's bounded retries would have ended with the whole poll — acknowledged data — in the
 *       dead-letter topic after 7.5 s of outage.
 * </ul>
 */
@Component
class RawDataListener {

    static final String GROUP_ID = "monitoring-service.storage";
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(RawDataListener.class);

    private final ValueStore store;
    private final MeterRegistry meters;
    /** Polls in a row handed back; only the listener thread touches it (concurrency 1 per container). */
    private int failedPolls;

    RawDataListener(ValueStore store, MeterRegistry meters) {
        this.store = store;
        this.meters = meters;
    }

    @KafkaListener(
            id = "monitoring-storage",
            groupId = GROUP_ID,
            topics = RawTopic.NAME,
            containerFactory = StorageListenerConfiguration.FACTORY)
    void onMessages(List<ConsumerRecord<String, String>> records, Acknowledgment ack) {
        List<ValueStore.Received> batch = new ArrayList<>(records.size());
        // The poll's index of each entry of the batch: stream-time ticks (ADR 0049) are in the poll but not data, so
        // the two differ once a tick has been skipped; the error handler must be told the poll's index.
        List<Integer> polled = new ArrayList<>(records.size());
        RuntimeException unreadable = null;
        int unreadableAt = -1;
        for (int i = 0; i < records.size() && unreadable == null; i++) {
            ConsumerRecord<String, String> record = records.get(i);
            if (RawTopic.isTick(record.headers())) {
                continue; // stream time for the alert stream, nothing to store
            }
            try {
                batch.add(new ValueStore.Received(
                        DataMessage.from(Hj212Segment.parse(record.value())), receivedAt(record)));
                polled.add(i);
            } catch (RuntimeException e) {
                unreadable = e;
                unreadableAt = i;
            }
        }
        try {
            write(batch);
        } catch (RuntimeException failure) {
            if (!StorageFailure.poison(failure)) {
                retryLater(ack, failure);
                return;
            }
            int refused;
            try {
                refused = locateRefused(batch);
            } catch (RuntimeException again) {
                retryLater(ack, again);
                return;
            }
            if (refused < 0) {
                // refused as a whole, accepted one by one: nothing to blame on one message; read it again
                retryLater(ack, failure);
                return;
            }
            failedPolls = 0;
            String reason = "value refused by the database: " + StorageFailure.reason(failure);
            log.warn(
                    "raw message at {} (MN {}) to the dead-letter topic: {}",
                    coordinates(records.get(polled.get(refused))),
                    batch.get(refused).message().mn(),
                    reason);
            meters.counter("monitoring.storage.refused").increment();
            throw new BatchListenerFailedException(
                    reason, new IllegalArgumentException(reason, failure), polled.get(refused));
        }
        failedPolls = 0;
        if (unreadable != null) {
            throw new BatchListenerFailedException("unreadable raw message", unreadable, unreadableAt);
        }
        ack.acknowledge();
    }

    /**
     * After the poll's transaction was refused: writes its messages one per transaction, in order, and returns the
     * index of the first the database refuses again (those before it are stored), or -1. A failure that is not the
     * message's fault propagates (the poll is retried; what was written is written again harmlessly).
     */
    private int locateRefused(List<ValueStore.Received> batch) {
        for (int i = 0; i < batch.size(); i++) {
            try {
                write(List.of(batch.get(i)));
            } catch (RuntimeException e) {
                if (StorageFailure.poison(e)) {
                    return i;
                }
                throw e;
            }
        }
        return -1;
    }

    private void retryLater(Acknowledgment ack, RuntimeException failure) {
        failedPolls++;
        long millis = Math.min(LAST_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(failedPolls - 1, 10));
        meters.counter("monitoring.storage.retried").increment();
        log.warn(
                "storage write failed ({} in a row), poll read again in {} ms: {}",
                failedPolls,
                millis,
                StorageFailure.reason(failure));
        ack.nack(0, Duration.ofMillis(millis));
    }

    private static String coordinates(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private void write(List<ValueStore.Received> batch) {
        if (batch.isEmpty()) {
            return;
        }
        ValueStore.Stored stored = store.store(batch).block(WRITE_TIMEOUT);
        if (stored == null) {
            return;
        }
        stored.rowsByCn()
                .forEach((cn, rows) ->
                        meters.counter("monitoring.values.stored", "cn", cn).increment(rows));
        for (DataMessage message : stored.expired()) {
            meters.counter("monitoring.values.expired").increment();
            log.info(
                    "MN {} {} at {} is older than the retention, not stored",
                    message.mn(),
                    message.command(),
                    message.dataTime());
        }
    }

    private static OffsetDateTime receivedAt(ConsumerRecord<String, String> record) {
        String time = CloudEventAttributes.last(record.headers(), RawTopic.RECEIVED_AT);
        Instant instant = time == null ? Instant.ofEpochMilli(record.timestamp()) : Instant.parse(time);
        return instant.atOffset(ZoneOffset.UTC);
    }
}
