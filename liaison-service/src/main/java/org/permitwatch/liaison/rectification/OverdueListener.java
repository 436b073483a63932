package org.permitwatch.liaison.rectification;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.permitwatch.events.enforcement.EnforcementTopics;
import org.permitwatch.events.enforcement.RectificationOverdue;
import org.permitwatch.support.inbox.EventReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

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
    private final EventReader events;

    OverdueListener(OverdueNotices notices, EventReader events) {
        this.notices = notices;
        this.events = events;
    }

    @KafkaListener(id = LISTENER_ID, groupId = GROUP_ID, topics = EnforcementTopics.CASES)
    void onCaseEvent(ConsumerRecord<String, String> record) {
        events.ifType(record, RectificationOverdue.TYPE, RectificationOverdue.class)
                .ifPresent(this::notifyLiaisons);
    }

    private void notifyLiaisons(EventReader.Event<RectificationOverdue> event) {
        RectificationOverdue overdue = event.payload();
        if (overdue.ref() == null
                || overdue.rectificationId() == null
                || overdue.deadline() == null
                || overdue.ref().cityCode() == null
                || !overdue.ref().cityCode().matches("\\d{6}")) {
            throw new IllegalArgumentException("rectification-overdue event " + event.id()
                    + " lacks the case reference, rectification id, deadline or a 6-digit city code");
        }
        boolean handled = Boolean.TRUE.equals(notices.apply(event.id(), overdue).block(APPLY_TIMEOUT));
        log.info(
                "rectification overdue {} of case {}: {}",
                overdue.rectificationId(),
                overdue.ref().caseNo(),
                handled ? "liaisons notified" : "already handled");
    }
}
