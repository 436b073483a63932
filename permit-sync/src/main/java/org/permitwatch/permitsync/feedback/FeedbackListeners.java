package org.permitwatch.permitsync.feedback;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.permitwatch.events.enforcement.CaseClosed;
import org.permitwatch.events.enforcement.EnforcementTopics;
import org.permitwatch.events.enforcement.PenaltyDecided;
import org.permitwatch.events.enforcement.RectificationCompleted;
import org.permitwatch.events.enforcement.RectificationOverdue;
import org.permitwatch.events.inspection.InspectionSubmitted;
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.support.inbox.BatchListeners;
import org.permitwatch.support.inbox.CloudEventAttributes;
import org.permitwatch.support.inbox.EventReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Consumes inspection-service's case and inspection events (topics it owns and declares). Runs on Kafka listener
 * threads (not Netty), so blocking on the reactive transaction with a timeout is fine and keeps the offset
 * uncommitted until the effect is written. Failures retry with back-off, then go to {@code <topic>.dlt}
 * (platform-support's error handler). Case events other than the four that shape the history are ignored.
 */
@Component
class FeedbackListeners {

    static final String CASES_LISTENER = "violation-history";
    static final String CASES_GROUP = "permit-sync.violation-history";
    static final String INSPECTIONS_LISTENER = "last-inspection";
    static final String INSPECTIONS_GROUP = "permit-sync.last-inspection";
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(FeedbackListeners.class);

    private final ViolationHistory history;
    private final EventReader events;

    FeedbackListeners(ViolationHistory history, EventReader events) {
        this.history = history;
        this.events = events;
    }

    @KafkaListener(id = CASES_LISTENER, groupId = CASES_GROUP, topics = EnforcementTopics.CASES)
    void onCaseEvent(ConsumerRecord<String, String> record) {
        CloudEventAttributes event = CloudEventAttributes.from(record);
        String type = event.type() == null ? "" : event.type();
        Mono<Boolean> effect = switch (type) {
            case PenaltyDecided.TYPE -> history.penaltyDecided(event.id(), read(record, PenaltyDecided.class));
            case RectificationOverdue.TYPE ->
                history.rectificationOverdue(event.id(), read(record, RectificationOverdue.class));
            case RectificationCompleted.TYPE ->
                history.rectificationCompleted(event.id(), read(record, RectificationCompleted.class));
            case CaseClosed.TYPE -> history.caseClosed(event.id(), read(record, CaseClosed.class));
            default -> null;
        };
        if (effect == null) {
            log.debug("ignoring event {} of type {} on {}", event.id(), event.type(), record.topic());
            return;
        }
        effect.block(APPLY_TIMEOUT);
    }

    /**
     * A poll of inspection events at a time ({@link BatchListeners#FACTORY}): the inspections before
     * the first that cannot be applied go in one transaction; that one is named to the shared error handler, which
     * commits those before it, sends it to the dead-letter topic and delivers those after it again. A failure of the
     * transaction itself is retried with the poll as a whole, as a record's was.
     */
    @KafkaListener(
            id = INSPECTIONS_LISTENER,
            groupId = INSPECTIONS_GROUP,
            topics = InspectionTopics.INSPECTIONS,
            containerFactory = BatchListeners.FACTORY)
    void onInspections(List<ConsumerRecord<String, String>> records) {
        List<ViolationHistory.Inspection> inspections = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                events.ifType(records.get(i), InspectionSubmitted.TYPE, InspectionSubmitted.class)
                        .map(e -> new ViolationHistory.Inspection(e.id(), e.payload()))
                        .ifPresent(inspections::add);
            } catch (IllegalArgumentException unreadable) {
                apply(inspections);
                throw new BatchListenerFailedException(unreadable.getMessage(), unreadable, i);
            }
        }
        apply(inspections);
    }

    private void apply(List<ViolationHistory.Inspection> inspections) {
        if (!inspections.isEmpty()) {
            history.inspectionsSubmitted(inspections).block(APPLY_TIMEOUT);
        }
    }

    private <T> T read(ConsumerRecord<String, String> record, Class<T> type) {
        return events.payload(record, type);
    }
}
