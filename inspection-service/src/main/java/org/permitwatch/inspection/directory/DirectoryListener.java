package org.permitwatch.inspection.directory;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.permitwatch.events.Topics;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.support.inbox.CloudEventAttributes;
import org.permitwatch.support.inbox.EventReader;
import org.permitwatch.support.inbox.ReplayableListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Consumes the compacted directory changelog. Runs on a Kafka listener thread (not Netty), so blocking on the
 * reactive transaction with a timeout is fine here and keeps offsets committed only after the row is written.
 * Rebuild: {@link #replayFromStart()} (or resetting the consumer group {@value #GROUP_ID} to the
 * earliest offset after calling {@link DirectoryProjection#resetForReplay()}).
 */
@Component
class DirectoryListener extends ReplayableListener {

    static final String LISTENER_ID = "directory-projection";
    /** Own group, so resetting it (or replayFromStart) rebuilds this projection without touching other listeners. */
    static final String GROUP_ID = "inspection-service.directory-projection";

    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(DirectoryListener.class);

    private final DirectoryProjection projection;
    private final EventReader events;

    DirectoryListener(DirectoryProjection projection, EventReader events) {
        this.projection = projection;
        this.events = events;
    }

    @KafkaListener(id = LISTENER_ID, groupId = GROUP_ID, topics = Topics.DIRECTORY_UNITS)
    void onSnapshot(ConsumerRecord<String, String> record) {
        CloudEventAttributes event = CloudEventAttributes.from(record);
        if (!DirectoryUnitSnapshot.TYPE.equals(event.type())) {
            log.warn("ignoring event {} of unexpected type {} on {}", event.id(), event.type(), record.topic());
            return;
        }
        DirectoryUnitSnapshot unit = events.payload(record, DirectoryUnitSnapshot.class);
        if (record.key() != null && !record.key().equals(unit.permitNo())) {
            throw new IllegalArgumentException(
                    "record key " + record.key() + " differs from permitNo " + unit.permitNo());
        }
        projection.apply(event.id(), unit, record.value()).block(APPLY_TIMEOUT);
    }

    /** Clears the dedup markers and the version guard. */
    @Override
    protected Mono<Void> resetForReplay() {
        return projection.resetForReplay().then();
    }
}
