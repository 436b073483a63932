package org.permitwatch.monitoring.directory;

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
 * Consumes permit-sync's compacted directory changelog into {@code directory_unit} (platform-support's
 * ReplayableListener/IdempotentConsumer/EventReader, as inspection-service does). Own consumer group, so a replay
 * rebuilds this projection alone.
 */
@Component
class DirectoryListener extends ReplayableListener {

    static final String GROUP_ID = "monitoring-service.directory-projection";
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(DirectoryListener.class);

    private final DirectoryProjection projection;
    private final EventReader events;

    DirectoryListener(DirectoryProjection projection, EventReader events) {
        this.projection = projection;
        this.events = events;
    }

    @KafkaListener(id = "monitoring-directory", groupId = GROUP_ID, topics = Topics.DIRECTORY_UNITS)
    void onSnapshot(ConsumerRecord<String, String> record) {
        CloudEventAttributes event = CloudEventAttributes.from(record);
        if (!DirectoryUnitSnapshot.TYPE.equals(event.type())) {
            log.warn("ignoring event {} of unexpected type {} on {}", event.id(), event.type(), record.topic());
            return;
        }
        DirectoryUnitSnapshot unit = events.payload(record, DirectoryUnitSnapshot.class);
        projection.apply(event.id(), unit).block(APPLY_TIMEOUT);
    }

    @Override
    protected Mono<Void> resetForReplay() {
        return projection.resetForReplay().then();
    }
}
