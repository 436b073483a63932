package org.permitwatch.liaison.clue;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.events.inspection.ClueTaskDecided;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.inbox.IdempotentConsumer;
import org.permitwatch.support.time.BureauClock;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Records inspection-service's answer to an accepted clue on the clue, once per event. A refusal (the unit does not lie
 * in the addressed division, or is unknown) also rejects the clue if it is still ACCEPTED, with the reason code and
 * the detail, so the sender sees why no one inspects; feedback the receiver already gave is left as it is.
 */
@Component
class ClueTaskOutcomes {

    static final String CONSUMER = "liaison.clue-task-outcomes";
    static final String SYSTEM = "inspection-service";

    private final DatabaseClient db;
    private final IdempotentConsumer inbox;
    private final AuditLog audit;

    private final BureauClock clock;

    ClueTaskOutcomes(DatabaseClient db, IdempotentConsumer inbox, AuditLog audit, BureauClock clock) {
        this.clock = clock;
        this.db = db;
        this.inbox = inbox;
        this.audit = audit;
    }

    /** Emits whether the event was new. */
    Mono<Boolean> apply(String eventId, ClueTaskDecided decided) {
        boolean refused = ClueTaskDecided.REFUSED.equals(decided.outcome());
        String detail = decided.detail() == null ? "" : decided.detail();
        var update = db.sql("""
                        UPDATE clue SET task_outcome = :outcome, task_outcome_reason = NULLIF(CAST(:reason AS text), ''),
                                        task_outcome_detail = :detail,
                                        task_id = :task, task_outcome_at = :at, updated_at = now(),
                                        status = CASE WHEN :refused AND status = 'ACCEPTED' THEN 'REJECTED' ELSE status END,
                                        rejected_by = CASE WHEN :refused AND status = 'ACCEPTED' THEN :system ELSE rejected_by END,
                                        rejected_at = CASE WHEN :refused AND status = 'ACCEPTED' THEN :at ELSE rejected_at END,
                                        rejection_reason = CASE WHEN :refused AND status = 'ACCEPTED'
                                                                THEN CAST(:reason AS text) || ': ' || CAST(:detail AS text)
                                                                ELSE rejection_reason END
                        WHERE id = :id""")
                .bind("id", decided.clueId())
                .bind("outcome", decided.outcome())
                .bind("detail", detail)
                .bind("at", decided.decidedAt() == null ? clock.nowUtc() : decided.decidedAt())
                .bind("refused", refused)
                .bind("system", SYSTEM);
        update = decided.reason() == null ? update.bind("reason", "") : update.bind("reason", decided.reason());
        update = decided.taskId() == null ? update.bindNull("task", UUID.class) : update.bind("task", decided.taskId());
        var bound = update;
        Map<String, Object> details = new HashMap<>();
        details.put("outcome", decided.outcome());
        if (decided.reason() != null) {
            details.put("reason", decided.reason());
        }
        if (decided.taskId() != null) {
            details.put("taskId", decided.taskId().toString());
        }
        return inbox.handleOnce(
                CONSUMER,
                eventId,
                () -> bound.fetch()
                        .rowsUpdated()
                        .flatMap(n -> n == 0
                                ? Mono.empty()
                                : audit.recordAsSystem(
                                        "clue.task-decided",
                                        "clue",
                                        decided.clueId().toString(),
                                        details)));
    }
}
