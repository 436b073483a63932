package org.permitwatch.monitoring.storage;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.permitwatch.monitoring.hj212.DataMessage;
import org.permitwatch.monitoring.hj212.Hj212Segment;
import org.permitwatch.monitoring.receiver.RawTopic;
import org.permitwatch.support.inbox.CloudEventAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Builds the series tables from {@link RawTopic#NAME}. Runs on a Kafka listener thread (not Netty): blocking on the
 * reactive transaction with a timeout keeps the offset committed only after the values are written. A redelivery
 * writes nothing twice (the tables' keys), so no processed-event marker is needed. A message that cannot be read was
 * refused by the receiver already; should one arrive it goes to the dead-letter topic (IllegalArgumentException).
 */
@Component
class RawDataListener {

    static final String GROUP_ID = "monitoring-service.storage";
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(RawDataListener.class);

    private final ValueStore store;
    private final MeterRegistry meters;

    RawDataListener(ValueStore store, MeterRegistry meters) {
        this.store = store;
        this.meters = meters;
    }

    @KafkaListener(id = "monitoring-storage", groupId = GROUP_ID, topics = RawTopic.NAME)
    void onMessage(ConsumerRecord<String, String> record) {
        DataMessage message = DataMessage.from(Hj212Segment.parse(record.value()));
        Long rows = store.store(message, receivedAt(record)).block(WRITE_TIMEOUT);
        if (rows != null && rows < 0) {
            meters.counter("monitoring.values.expired").increment();
            log.info(
                    "MN {} {} at {} is older than the retention, not stored",
                    message.mn(),
                    message.command(),
                    message.dataTime());
        } else {
            meters.counter("monitoring.values.stored", "cn", message.command().cn())
                    .increment(rows == null ? 0 : rows);
        }
    }

    private static OffsetDateTime receivedAt(ConsumerRecord<String, String> record) {
        String time = CloudEventAttributes.last(record.headers(), RawTopic.RECEIVED_AT);
        Instant instant = time == null ? Instant.ofEpochMilli(record.timestamp()) : Instant.parse(time);
        return instant.atOffset(ZoneOffset.UTC);
    }
}
