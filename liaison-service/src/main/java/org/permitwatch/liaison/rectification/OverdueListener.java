package org.permitwatch.liaison.rectification;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.permitwatch.events.enforcement.EnforcementTopics;
import org.permitwatch.events.enforcement.RectificationOverdue;
import org.permitwatch.support.inbox.CloudEventAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes inspection-service's case events and acts on {@link RectificationOverdue} only; the other case events
 * are not liaison business. Runs on a Kafka listener thread (not Netty), so blocking on the reactive transaction
 * with a timeout is fine and keeps the offset uncommitted until the notification rows are written. Failures retry
 * with back-off, then go to {@code inspection.case.events.v1.dlt} (platform-support's error handler). The topic
 * belongs to inspection-service, which declares it.
 */
@Component
class OverdueListener {

    static final String LISTENER_ID = "rectification-overdue";
    static final String GROUP_ID = "liaison-service.rectification-overdue";
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(OverdueListener.class);

    private final OverdueNotices notices;
    private final JsonMapper json;

    OverdueListener(OverdueNotices notices, JsonMapper json) {
        this.notices = notices;
        this.json = json;
    }

    @KafkaListener(id = LISTENER_ID, groupId = GROUP_ID, topics = EnforcementTopics.CASES)
    void onCaseEvent(ConsumerRecord<String, String> record) {
        CloudEventAttributes event = CloudEventAttributes.from(record);
        if (!RectificationOverdue.TYPE.equals(event.type())) {
            log.debug("ignoring event {} of type {} on {}", event.id(), event.type(), record.topic());
            return;
        }
        if (record.value() == null) {
            throw new IllegalArgumentException("rectification-overdue record without a value");
        }
        RectificationOverdue overdue;
        try {
            overdue = json.readValue(record.value(), RectificationOverdue.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("rectification-overdue event is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (overdue.ref() == null || overdue.rectificationId() == null || overdue.deadline() == null
                || overdue.ref().cityCode() == null || !overdue.ref().cityCode().matches("\\d{6}")) {
            throw new IllegalArgumentException("rectification-overdue event " + event.id()
                    + " lacks the case reference, rectification id, deadline or a 6-digit city code");
        }
        boolean handled = Boolean.TRUE.equals(notices.apply(event.id(), overdue).block(APPLY_TIMEOUT));
        log.info("rectification overdue {} of case {}: {}", overdue.rectificationId(), overdue.ref().caseNo(),
                handled ? "liaisons notified" : "already handled");
    }
}
