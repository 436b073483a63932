package org.permitwatch.reporting.projection;

import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.permitwatch.events.Topics;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.events.enforcement.AlertChanged;
import org.permitwatch.events.enforcement.CaseClosed;
import org.permitwatch.events.enforcement.CaseOpened;
import org.permitwatch.events.enforcement.EnforcementTopics;
import org.permitwatch.events.enforcement.PenaltyDecided;
import org.permitwatch.events.enforcement.RectificationCompleted;
import org.permitwatch.events.enforcement.RectificationOrdered;
import org.permitwatch.events.enforcement.RectificationOverdue;
import org.permitwatch.events.inspection.DrawCompleted;
import org.permitwatch.events.inspection.DrawPublished;
import org.permitwatch.events.inspection.FindingRecorded;
import org.permitwatch.events.inspection.InspectionSubmitted;
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.events.inspection.PlanPublished;
import org.permitwatch.events.inspection.TaskAssigned;
import org.permitwatch.events.liaison.LiaisonTopics;
import org.permitwatch.events.liaison.SubmissionRecorded;
import org.permitwatch.support.inbox.CloudEventAttributes;
import org.permitwatch.support.inbox.EventReader;
import org.permitwatch.support.inbox.IdempotentConsumer;
import org.permitwatch.support.inbox.ReplayableListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The one consumer of every topic reporting reads. It dispatches on {@code ce_type} (DRAWS and CASES carry several
 * types), applies each event once per {@code ce_id} through {@link IdempotentConsumer} and the order-independent
 * upserts of {@link ReadModelWriter}. Runs on a Kafka listener thread (not Netty), so blocking on the reactive
 * transaction with a timeout is fine and commits the offset only after the rows are written. One listener, one
 * group: {@link #rebuild()} seeks every partition of every topic back to its start at once.
 */
@Component
class ReadModelListener extends ReplayableListener {

    static final String LISTENER_ID = "reporting-read-models";
    /** Own group, so resetting it rebuilds the read models without touching any other consumer. */
    static final String GROUP_ID = "reporting-service.read-models";
    /** The processed_event consumer name of every read model. */
    static final String CONSUMER = "reporting.read-models";

    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(ReadModelListener.class);

    private final ReadModelWriter writer;
    private final IdempotentConsumer inbox;
    private final EventReader events;
    private final Map<String, Function<ConsumerRecord<String, String>, Mono<Void>>> handlers;

    ReadModelListener(ReadModelWriter writer, IdempotentConsumer inbox, EventReader events) {
        this.writer = writer;
        this.inbox = inbox;
        this.events = events;
        this.handlers = Map.ofEntries(
                handler(DirectoryUnitSnapshot.TYPE, DirectoryUnitSnapshot.class, writer::unit),
                // The rows the summary tables count keep the submitting request's trace (ADR 0043).
                tracedHandler(InspectionSubmitted.TYPE, InspectionSubmitted.class, writer::inspection),
                tracedHandler(FindingRecorded.TYPE, FindingRecorded.class, writer::finding),
                handler(TaskAssigned.TYPE, TaskAssigned.class, writer::task),
                handler(PlanPublished.TYPE, PlanPublished.class, writer::plan),
                handler(DrawCompleted.TYPE, DrawCompleted.class, writer::drawCompleted),
                handler(DrawPublished.TYPE, DrawPublished.class, writer::drawPublished),
                handler(CaseOpened.TYPE, CaseOpened.class, writer::caseOpened),
                handler(PenaltyDecided.TYPE, PenaltyDecided.class, writer::penalty),
                handler(RectificationOrdered.TYPE, RectificationOrdered.class, writer::rectificationOrdered),
                handler(RectificationOverdue.TYPE, RectificationOverdue.class, writer::rectificationOverdue),
                handler(RectificationCompleted.TYPE, RectificationCompleted.class, writer::rectificationCompleted),
                handler(CaseClosed.TYPE, CaseClosed.class, writer::caseClosed),
                handler(AlertChanged.TYPE, AlertChanged.class, writer::alert),
                handler(SubmissionRecorded.TYPE, SubmissionRecorded.class, writer::submission));
    }

    @KafkaListener(
            id = LISTENER_ID,
            groupId = GROUP_ID,
            topics = {
                Topics.DIRECTORY_UNITS,
                InspectionTopics.PLANS,
                InspectionTopics.DRAWS,
                InspectionTopics.TASKS,
                InspectionTopics.INSPECTIONS,
                InspectionTopics.FINDINGS,
                EnforcementTopics.CASES,
                EnforcementTopics.ALERTS,
                LiaisonTopics.SUBMISSIONS
            })
    void onEvent(ConsumerRecord<String, String> record) {
        CloudEventAttributes event = CloudEventAttributes.from(record);
        Function<ConsumerRecord<String, String>, Mono<Void>> handler = handlers.get(event.type());
        if (handler == null) {
            // Other event types on these topics (e.g. future ones) are not part of any report.
            log.debug("ignoring event {} of type {} on {}", event.id(), event.type(), record.topic());
            return;
        }
        Boolean applied = inbox.handleOnce(CONSUMER, event.id(), () -> handler.apply(record))
                .block(APPLY_TIMEOUT);
        // With the trace id of the producing request in the log line (ADR 0043): how docs/observability.md follows a
        // submission into the summary tables.
        log.debug(
                "event {} of type {} from {}: {}",
                event.id(),
                event.type(),
                record.topic(),
                Boolean.TRUE.equals(applied) ? "applied to the read models" : "already applied");
    }

    /** Empties the read models and the consumer's processed_event markers (one transaction). */
    @Override
    protected Mono<Void> resetForReplay() {
        return writer.truncateAll(CONSUMER);
    }

    /** Reads the payload through {@link EventReader} (no value or invalid JSON: dead letter, no retry). */
    private <T> Map.Entry<String, Function<ConsumerRecord<String, String>, Mono<Void>>> handler(
            String type, Class<T> payload, Function<T, Mono<Void>> apply) {
        return Map.entry(type, record -> apply.apply(events.payload(record, payload)));
    }

    /**
     * As {@link #handler}, and hands the writer the producer's trace id from the record's {@code traceparent}: a fact
     * of the event, so a rebuild writes the same value (the listener's own span would be new on every replay of an
     * event without a trace).
     */
    private <T> Map.Entry<String, Function<ConsumerRecord<String, String>, Mono<Void>>> tracedHandler(
            String type, Class<T> payload, BiFunction<T, String, Mono<Void>> apply) {
        return Map.entry(
                type,
                record -> apply.apply(
                        events.payload(record, payload),
                        CloudEventAttributes.from(record).traceId()));
    }
}
