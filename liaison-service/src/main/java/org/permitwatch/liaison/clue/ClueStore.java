package org.permitwatch.liaison.clue;

import io.r2dbc.spi.Readable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.permitwatch.events.liaison.ClueAccepted;
import org.permitwatch.events.liaison.ClueTransferred;
import org.permitwatch.events.liaison.LiaisonTopics;
import org.permitwatch.liaison.notification.NotificationRequest;
import org.permitwatch.liaison.notification.Notifications;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.outbox.OutboxMessage;
import org.permitwatch.support.outbox.OutboxWriter;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.tx.WholeTransactions;
import org.permitwatch.support.web.ListSort;
import org.permitwatch.support.web.Paging;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clue writes and reads. Every transition is one conditional UPDATE ({@code WHERE status = <expected>}), so two
 * concurrent acceptances (or an accept and a reject) cannot both succeed; the loser gets 409.
 */
@Component
class ClueStore {

    private static final String COLUMNS = """
            id, from_division, from_department, to_division, to_department, permit_number, summary, evidence::text AS evidence,
            requested_by, status, created_by, created_at, accepted_at, rejected_at, rejection_reason, task_outcome,
            task_outcome_reason, task_outcome_detail, task_id, feedback_result, feedback_text, feedback_at, closed_at
            """;

    /** Visible to the caller as receiver or as sender. */
    private static final String SCOPE = """
            ((CAST(:direction AS text) IS DISTINCT FROM 'OUTGOING' AND to_division LIKE :scope)
             OR (CAST(:direction AS text) IS DISTINCT FROM 'INCOMING' AND from_division LIKE :scope))
            """;

    private static final TypeReference<List<ClueTransferred.Evidence>> EVIDENCE = new TypeReference<>() {};

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final OutboxWriter outbox;
    private final AuditLog audit;
    private final Notifications notifications;
    private final JsonMapper json;

    private final BureauClock clock;

    ClueStore(
            DatabaseClient db,
            ReactiveTransactionManager transactions,
            OutboxWriter outbox,
            AuditLog audit,
            Notifications notifications,
            JsonMapper json,
            BureauClock clock) {
        this.clock = clock;
        this.db = db;
        this.tx = WholeTransactions.create(transactions);
        this.outbox = outbox;
        this.audit = audit;
        this.notifications = notifications;
        this.json = json;
    }

    /**
     * Stores the clue, appends {@link ClueTransferred} to the outbox and asks for an e-mail to the receiving
     * division's liaisons, all in one transaction.
     */
    Mono<UUID> create(ClueForms.Create form, Caller caller) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = clock.nowUtc();
        List<ClueTransferred.Evidence> evidence = form.evidence() == null ? List.of() : form.evidence();
        ClueTransferred event = new ClueTransferred(
                id,
                caller.division().value(),
                form.fromDepartment().name(),
                form.toDivisionCode(),
                form.toDepartment().name(),
                form.permitNumber().trim(),
                form.summary().trim(),
                evidence,
                form.requestedBy(),
                now);
        var insert = db.sql("""
                        INSERT INTO clue (id, from_division, from_department, to_division, to_department, permit_number,
                                          summary, evidence, requested_by, created_by, created_at, updated_at)
                        VALUES (:id, :fromDivision, :fromDepartment, :toDivision, :toDepartment, :permit, :summary,
                                CAST(:evidence AS jsonb), :requestedBy, :by, :at, :at)""")
                .bind("id", id)
                .bind("fromDivision", event.fromDivisionCode())
                .bind("fromDepartment", event.fromDepartment())
                .bind("toDivision", event.toDivisionCode())
                .bind("toDepartment", event.toDepartment())
                .bind("permit", event.permitNumber())
                .bind("summary", event.summary())
                .bind("evidence", json.writeValueAsString(evidence))
                .bind("by", caller.subject())
                .bind("at", now);
        insert = form.requestedBy() == null
                ? insert.bindNull("requestedBy", LocalDate.class)
                : insert.bind("requestedBy", form.requestedBy());
        Mono<UUID> write = insert.then()
                .then(outbox.append(OutboxMessage.of(LiaisonTopics.CLUES, id.toString(), ClueTransferred.TYPE, event)))
                .then(notifications.request(receiverMail(event)))
                .then(audit.record(
                        "clue.create",
                        "clue",
                        id.toString(),
                        Map.of(
                                "permitNumber",
                                event.permitNumber(),
                                "toDivision",
                                event.toDivisionCode(),
                                "toDepartment",
                                event.toDepartment())))
                .thenReturn(id);
        return tx.transactional(write);
    }

    /** The receiving bureau's liaisons of the matching body hear about a new clue by e-mail. */
    private static NotificationRequest receiverMail(ClueTransferred clue) {
        Set<String> roles = switch (clue.toDepartment()) {
            case "ENFORCEMENT" -> Set.of("ENFORCEMENT");
            case "PERMIT_ISSUING" -> Set.of("PERMIT_ISSUING");
            default -> Set.of();
        };
        String prefix = org.permitwatch.support.security.DivisionCode.of(clue.toDivisionCode())
                .prefix();
        return NotificationRequest.email(
                "clue-transferred:" + clue.clueId(),
                NotificationRequest.Recipients.division(prefix, roles),
                "线索移交 " + clue.permitNumber(),
                "A clue about unit " + clue.permitNumber() + " was transferred from " + clue.fromDepartment() + " ("
                        + clue.fromDivisionCode() + ") to " + clue.toDepartment() + " (" + clue.toDivisionCode()
                        + ").\n\n" + clue.summary()
                        + (clue.requestedBy() == null ? "" : "\n\nFeedback requested by " + clue.requestedBy())
                        + "\n\nAccept or reject it in PermitWatch: nothing is inspected until your bureau accepts it.");
    }

    /**
     * The addressed bureau accepts the clue: CREATED → ACCEPTED, and {@link ClueAccepted} goes to the outbox in the same
     * transaction. Only now may inspection-service make a task of a clue for ENFORCEMENT (and only inside the
     * addressed division); a transfer alone never puts work on anyone's inspectors.
     */
    Mono<Void> accept(UUID id, Caller caller) {
        return transition(
                id,
                caller,
                Side.RECEIVER,
                ClueStatus.ACCEPTED,
                """
                        UPDATE clue SET status = 'ACCEPTED', accepted_by = :by, accepted_at = :at, updated_at = :at
                        WHERE id = :id AND status = 'CREATED'""",
                Map.of(),
                "clue.accept",
                Map.of(),
                (clue, at) -> outbox.append(OutboxMessage.of(
                                LiaisonTopics.CLUES,
                                id.toString(),
                                ClueAccepted.TYPE,
                                new ClueAccepted(
                                        id,
                                        clue.fromDivisionCode(),
                                        clue.fromDepartment(),
                                        clue.toDivisionCode(),
                                        clue.toDepartment(),
                                        clue.permitNumber(),
                                        clue.requestedBy(),
                                        caller.subject(),
                                        at)))
                        .then());
    }

    /** The addressed bureau declines the clue with a reason the sender reads: CREATED → REJECTED. */
    Mono<Void> reject(UUID id, ClueForms.Reject form, Caller caller) {
        String reason = form.reason().trim();
        return transition(
                id,
                caller,
                Side.RECEIVER,
                ClueStatus.REJECTED,
                """
                        UPDATE clue SET status = 'REJECTED', rejected_by = :by, rejected_at = :at, rejection_reason = :reason,
                                        updated_at = :at
                        WHERE id = :id AND status = 'CREATED'""",
                Map.of("reason", reason),
                "clue.reject",
                Map.of("reason", reason),
                NOTHING_MORE);
    }

    /** Receiver reports back: ACCEPTED → FEEDBACK_GIVEN. */
    Mono<Void> feedback(UUID id, ClueForms.Feedback form, Caller caller) {
        return transition(
                id,
                caller,
                Side.RECEIVER,
                ClueStatus.FEEDBACK_GIVEN,
                """
                        UPDATE clue SET status = 'FEEDBACK_GIVEN', feedback_result = :result, feedback_text = :text,
                                        feedback_by = :by, feedback_at = :at, updated_at = :at
                        WHERE id = :id AND status = 'ACCEPTED'""",
                Map.of("result", form.result().name(), "text", form.text().trim()),
                "clue.feedback",
                Map.of("result", form.result().name()),
                NOTHING_MORE);
    }

    /** Sender closes after reading the feedback: FEEDBACK_GIVEN → CLOSED. */
    Mono<Void> close(UUID id, Caller caller) {
        return transition(
                id, caller, Side.SENDER, ClueStatus.CLOSED, """
                UPDATE clue SET status = 'CLOSED', closed_by = :by, closed_at = :at, updated_at = :at
                WHERE id = :id AND status = 'FEEDBACK_GIVEN'""", Map.of(), "clue.close", Map.of(), NOTHING_MORE);
    }

    private enum Side {
        SENDER,
        RECEIVER
    }

    /** What a transition writes besides the row and the audit entry, in the same transaction. */
    @FunctionalInterface
    private interface After {
        Mono<Void> write(ClueView clue, OffsetDateTime at);
    }

    private static final After NOTHING_MORE = (clue, at) -> Mono.empty();

    private Mono<Void> transition(
            UUID id,
            Caller caller,
            Side side,
            ClueStatus target,
            String sql,
            Map<String, String> binds,
            String action,
            Map<String, String> details,
            After after) {
        OffsetDateTime at = clock.nowUtc();
        Mono<Void> write = find(id, caller).flatMap(clue -> {
            // Receiver = a user whose division contains the addressed one (that bureau, its city, the province).
            boolean allowed = side == Side.RECEIVER
                    ? caller.canSee(clue.toDivisionCode())
                    : caller.canSee(clue.fromDivisionCode());
            if (!allowed) {
                return Mono.error(ApiException.forbidden(
                        side == Side.RECEIVER ? "clue-receiver-only" : "clue-sender-only",
                        "only the " + side.name().toLowerCase() + " of clue " + id + " may do this"));
            }
            var spec = db.sql(sql).bind("id", id).bind("by", caller.subject()).bind("at", at);
            for (Map.Entry<String, String> e : binds.entrySet()) {
                spec = spec.bind(e.getKey(), e.getValue());
            }
            return spec.fetch()
                    .rowsUpdated()
                    .flatMap(updated -> updated == 1
                            ? audit.record(action, "clue", id.toString(), details)
                                    .then(after.write(clue, at))
                            : Mono.error(illegal(id, clue.status(), target)));
        });
        return tx.transactional(write);
    }

    private static ApiException illegal(UUID id, String current, ClueStatus target) {
        return ApiException.conflict(
                "clue-illegal-transition", "clue " + id + " is " + current + "; it cannot move to " + target);
    }

    Mono<ClueView> find(UUID id, Caller caller) {
        return db.sql("SELECT " + COLUMNS + " FROM clue WHERE id = :id AND " + SCOPE)
                .bind("id", id)
                .bind("scope", caller.division().likePattern())
                .bindNull("direction", String.class)
                .map(r -> view(r, caller))
                .one()
                .switchIfEmpty(Mono.error(
                        () -> ApiException.notFound("clue-not-found", "no clue " + id + " in your division")));
    }

    /** @param sort the request's {@code sort} (ClueSort); null: newest first */
    Flux<ClueView> list(Caller caller, String direction, String status, String sort, Paging paging) {
        String orderBy = ListSort.orderBy(sort, ClueSort.class, "created_at DESC, id", ClueSort.TIE_BREAKER);
        return filter(
                        db.sql("SELECT " + COLUMNS + " FROM clue WHERE " + SCOPE
                                + " AND (CAST(:status AS text) IS NULL OR status = :status)"
                                + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset"),
                        caller,
                        direction,
                        status)
                .bind("limit", paging.size())
                .bind("offset", paging.offset())
                .map(r -> view(r, caller))
                .all();
    }

    Mono<Long> count(Caller caller, String direction, String status) {
        return filter(
                        db.sql("SELECT count(*) AS n FROM clue WHERE " + SCOPE
                                + " AND (CAST(:status AS text) IS NULL OR status = :status)"),
                        caller,
                        direction,
                        status)
                .map(r -> r.get("n", Long.class))
                .one();
    }

    private static DatabaseClient.GenericExecuteSpec filter(
            DatabaseClient.GenericExecuteSpec spec, Caller caller, String direction, String status) {
        spec = spec.bind("scope", caller.division().likePattern());
        spec = direction == null ? spec.bindNull("direction", String.class) : spec.bind("direction", direction);
        return status == null ? spec.bindNull("status", String.class) : spec.bind("status", status);
    }

    private ClueView view(Readable r, Caller caller) {
        String to = r.get("to_division", String.class);
        String evidence = r.get("evidence", String.class);
        return new ClueView(
                r.get("id", UUID.class),
                caller.canSee(to) ? "INCOMING" : "OUTGOING",
                r.get("from_division", String.class),
                r.get("from_department", String.class),
                to,
                r.get("to_department", String.class),
                r.get("permit_number", String.class),
                r.get("summary", String.class),
                evidence == null ? List.of() : json.readValue(evidence, EVIDENCE),
                r.get("requested_by", LocalDate.class),
                r.get("status", String.class),
                r.get("created_by", String.class),
                r.get("created_at", OffsetDateTime.class),
                r.get("accepted_at", OffsetDateTime.class),
                r.get("rejected_at", OffsetDateTime.class),
                r.get("rejection_reason", String.class),
                r.get("task_outcome", String.class),
                r.get("task_outcome_reason", String.class),
                r.get("task_outcome_detail", String.class),
                r.get("task_id", UUID.class),
                r.get("feedback_result", String.class),
                r.get("feedback_text", String.class),
                r.get("feedback_at", OffsetDateTime.class),
                r.get("closed_at", OffsetDateTime.class));
    }

    static List<String> statuses() {
        return Arrays.stream(ClueStatus.values()).map(Enum::name).toList();
    }
}
