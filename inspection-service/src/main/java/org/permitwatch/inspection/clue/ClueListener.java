package org.permitwatch.inspection.clue;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.permitwatch.events.liaison.ClueAccepted;
import org.permitwatch.events.liaison.LiaisonTopics;
import org.permitwatch.support.inbox.CloudEventAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

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
    private static final Logger log = LoggerFactory.getLogger(ClueListener.class);

    private final ClueTasks tasks;
    private final JsonMapper json;

    ClueListener(ClueTasks tasks, JsonMapper json) {
        this.tasks = tasks;
        this.json = json;
    }

    @KafkaListener(id = LISTENER_ID, groupId = GROUP_ID, topics = LiaisonTopics.CLUES)
    void onClue(ConsumerRecord<String, String> record) {
        CloudEventAttributes event = CloudEventAttributes.from(record);
        if (!ClueAccepted.TYPE.equals(event.type())) {
            log.debug("ignoring event {} of type {} on {}", event.id(), event.type(), record.topic());
            return;
        }
        if (record.value() == null) {
            throw new IllegalArgumentException("clue record without a value");
        }
        ClueAccepted clue;
        try {
            clue = json.readValue(record.value(), ClueAccepted.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("clue event is not valid JSON: " + e.getOriginalMessage(), e);
        }
        tasks.apply(event.id(), clue).block(APPLY_TIMEOUT);
    }
}
