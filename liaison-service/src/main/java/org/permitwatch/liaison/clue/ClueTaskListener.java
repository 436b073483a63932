package org.permitwatch.liaison.clue;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.permitwatch.events.inspection.ClueTaskDecided;
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.support.inbox.EventReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes inspection-service's answers to accepted clues ({@link ClueTaskDecided}). Runs on a Kafka listener thread
 * (not Netty), so blocking on the reactive transaction with a timeout is fine and keeps the offset uncommitted until
 * the clue is updated. Failures retry with back-off, then go to {@code inspection.clue.events.v1.dlt}.
 */
@Component
class ClueTaskListener {

    static final String LISTENER_ID = "clue-task-outcomes";
    static final String GROUP_ID = "liaison-service.clue-task-outcomes";
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(ClueTaskListener.class);

    private final ClueTaskOutcomes outcomes;
    private final EventReader events;

    ClueTaskListener(ClueTaskOutcomes outcomes, EventReader events) {
        this.outcomes = outcomes;
        this.events = events;
    }

    @KafkaListener(id = LISTENER_ID, groupId = GROUP_ID, topics = InspectionTopics.CLUES)
    void onDecision(ConsumerRecord<String, String> record) {
        events.ifType(record, ClueTaskDecided.TYPE, ClueTaskDecided.class).ifPresent(this::apply);
    }

    private void apply(EventReader.Event<ClueTaskDecided> event) {
        ClueTaskDecided decided = event.payload();
        if (decided.clueId() == null
                || !(ClueTaskDecided.TASK_CREATED.equals(decided.outcome())
                        || ClueTaskDecided.REFUSED.equals(decided.outcome()))) {
            // A malformed event can never succeed: IllegalArgumentException skips the retries and goes to the DLT.
            throw new IllegalArgumentException(
                    "clue-task event " + event.id() + " lacks the clue id or a known outcome");
        }
        outcomes.apply(event.id(), decided).block(APPLY_TIMEOUT);
        log.info(
                "clue {}: {} {}",
                decided.clueId(),
                decided.outcome(),
                decided.reason() == null ? "" : decided.reason());
    }
}
