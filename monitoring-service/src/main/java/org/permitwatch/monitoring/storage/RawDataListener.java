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
import org.springframework.stereotype.Component;

/**
 * Builds the series tables from {@link RawTopic#NAME}, one poll at a time: a batch listener writing the poll's values in
 * one transaction ({@link ValueStore}), because one transaction per message could not keep up with the real-time rate
 * (docs/benchmarks.md). Runs on a Kafka listener thread (not Netty): blocking on the reactive transaction with a
 * timeout keeps the offsets committed only after the values are written. A redelivery writes nothing twice (the
 * tables' keys), so no processed-event marker is needed. A message that cannot be read was refused by the receiver
 * already; should one arrive, the messages before it are stored and it is named to the error handler
 * ({@link BatchListenerFailedException}): that commits the ones before, sends it to the dead-letter topic (an
 * IllegalArgumentException is not retried) and redelivers the ones after, so no valid neighbour is lost. A database
 * failure fails the whole poll: retried with back-off by the shared error handler, as one message was before.
 */
@Component
class RawDataListener {

    static final String GROUP_ID = "monitoring-service.storage";
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(RawDataListener.class);

    private final ValueStore store;
    private final MeterRegistry meters;

    RawDataListener(ValueStore store, MeterRegistry meters) {
        this.store = store;
        this.meters = meters;
    }

    @KafkaListener(id = "monitoring-storage", groupId = GROUP_ID, topics = RawTopic.NAME, batch = "true")
    void onMessages(List<ConsumerRecord<String, String>> records) {
        List<ValueStore.Received> batch = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, String> record = records.get(i);
            try {
                batch.add(new ValueStore.Received(
                        DataMessage.from(Hj212Segment.parse(record.value())), receivedAt(record)));
            } catch (RuntimeException unreadable) {
                write(batch);
                throw new BatchListenerFailedException("unreadable raw message", unreadable, i);
            }
        }
        write(batch);
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
