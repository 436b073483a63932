package org.permitwatch.reporting.projection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.permitwatch.support.inbox.BatchListeners;
import org.permitwatch.support.inbox.CloudEventAttributes;
import org.permitwatch.support.inbox.EventReader;
import org.permitwatch.support.inbox.IdempotentConsumer;
import org.permitwatch.support.inbox.ReplayableListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one consumer of every topic reporting reads. It dispatches on {@code ce_type} (DRAWS and CASES carry several
 * types), applies each event once per {@code ce_id} through {@link IdempotentConsumer} and the order-independent
 * upserts of {@link ReadModelWriter}. A poll at a time, in one transaction (ADR 0069): one statement marks its events,
 * then each new event's upserts, instead of a transaction, a marker and a commit per event. Runs on a Kafka listener
 * thread (not Netty), so blocking on the reactive transaction with a timeout is fine and commits the offsets only
 * after the rows are written. One listener, one group: a rebuild ({@link RebuildController}) seeks every partition of
 * every topic back to its start at once.
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
            containerFactory = BatchListeners.FACTORY,
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
    void onEvents(List<ConsumerRecord<String, String>> records) {
        List<Pending> pending = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, String> record = records.get(i);
            try {
                CloudEventAttributes event = CloudEventAttributes.from(record);
                Function<ConsumerRecord<String, String>, Mono<Void>> handler = handlers.get(event.type());
                if (handler == null) {
                    // Other event types on these topics (e.g. future ones) are not part of any report.
                    log.debug("ignoring event {} of type {} on {}", event.id(), event.type(), record.topic());
                    continue;
                }
                // reads and checks the payload now; the writes run when the poll's transaction subscribes
                pending.add(new Pending(i, record, event, handler.apply(record)));
            } catch (RuntimeException unusable) {
                // The events before it are applied and the ones after it come again. Not a CloudEvent, not JSON or
                // not a storable event (IllegalArgumentException): to the dead-letter topic without retries; anything
                // else is retried first, as a record listener's would be.
                apply(pending);
                throw new BatchListenerFailedException(String.valueOf(unusable.getMessage()), unusable, i);
            }
        }
        apply(pending);
    }

    /**
     * The poll's events in one transaction. Should that fail, they are applied one by one, each in its own, so the
     * one at fault is named to the error handler (retried, then dead-lettered, as a record listener's would be) and the
     * ones before it are kept.
     */
    private void apply(List<Pending> pending) {
        if (pending.isEmpty()) {
            return;
        }
        try {
            applyTogether(pending);
        } catch (RuntimeException together) {
            log.warn(
                    "a poll of {} events failed as a whole ({}); applying them one by one",
                    pending.size(),
                    together.toString());
            for (Pending one : pending) {
                try {
                    applyTogether(List.of(one));
                } catch (RuntimeException failed) {
                    throw new BatchListenerFailedException(String.valueOf(failed.getMessage()), failed, one.index());
                }
            }
        }
    }

    private void applyTogether(List<Pending> pending) {
        Set<String> applied = inbox.handleEachOnce(
                        CONSUMER, pending.stream().map(p -> p.event().id()).toList(), fresh -> {
                            // a duplicate within the poll (the relay's retry) is applied once
                            Set<String> left = new HashSet<>(fresh);
                            return Flux.fromIterable(pending)
                                    .filter(p -> left.remove(p.event().id()))
                                    .concatMap(Pending::effect)
                                    .then();
                        })
                .block(APPLY_TIMEOUT);
        if (log.isDebugEnabled()) {
            // With the trace id of the producing request (ADR 0043): how docs/observability.md follows a submission
            // into the summary tables. A poll belongs to no single trace, so the id is in the line, not the MDC.
            for (Pending p : pending) {
                log.debug(
                        "event {} of type {} from {} in trace {}: {}",
                        p.event().id(),
                        p.event().type(),
                        p.record().topic(),
                        p.event().traceId(),
                        applied != null && applied.contains(p.event().id())
                                ? "applied to the read models"
                                : "already applied");
            }
        }
    }

    /** An event of the poll with its effect, assembled but not yet run. */
    private record Pending(
            int index, ConsumerRecord<String, String> record, CloudEventAttributes event, Mono<Void> effect) {}

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
