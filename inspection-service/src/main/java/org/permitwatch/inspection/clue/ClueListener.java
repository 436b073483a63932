package org.permitwatch.inspection.clue;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.permitwatch.events.liaison.ClueAccepted;
import org.permitwatch.events.liaison.LiaisonTopics;
import org.permitwatch.support.inbox.EventReader;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes liaison-service's clue acceptances ({@link ClueAccepted}); a transfer alone is not acted on, because only
 * the bureau the clue is addressed to may decide that its inspectors take it up. Runs on a Kafka listener thread (not
 * Netty), so blocking on the reactive transaction with a timeout is fine and keeps the offset uncommitted until the
 * task (or the refusal) is written.
 * Failures retry with back-off, then go to {@code liaison.clue.events.v1.dlt} (platform-support's error handler).
 */
@Component
class ClueListener {

    static final String LISTENER_ID = "clue-tasks";
    static final String GROUP_ID = "inspection-service.clue-tasks";
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

    private final ClueTasks tasks;
    private final EventReader events;

    ClueListener(ClueTasks tasks, EventReader events) {
        this.tasks = tasks;
        this.events = events;
    }

    @KafkaListener(id = LISTENER_ID, groupId = GROUP_ID, topics = LiaisonTopics.CLUES)
    void onClue(ConsumerRecord<String, String> record) {
        events.ifType(record, ClueAccepted.TYPE, ClueAccepted.class)
                .ifPresent(clue -> tasks.apply(clue.id(), clue.payload()).block(APPLY_TIMEOUT));
    }
}
