package org.permitwatch.liaison.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.tx.WholeTransactions;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes notification requests and their per-recipient rows. Joins the caller's transaction when one is open
 * ({@link TransactionalOperator} with the default REQUIRED propagation), otherwise opens its own, so the request and
 * its rows are always all-or-nothing.
 */
@Service
class NotificationService implements Notifications {

    private static final String INSERT_REQUEST = """
            INSERT INTO notification_request (id, event_key, subject, body, attachment_name, attachment_type, attachment,
                                              requested_by, requester_division)
            VALUES (:id, :eventKey, :subject, :body, :attachmentName, :attachmentType, :attachment, :requestedBy,
                    :requesterDivision)
            ON CONFLICT (event_key) DO NOTHING
            """;

    private static final String INSERT_NOTIFICATION = """
            INSERT INTO notification (id, request_id, event_key, channel, recipient, contact_id, division_code)
            VALUES (:id, :requestId, :eventKey, :channel, :recipient, :contactId, :division)
            ON CONFLICT ON CONSTRAINT notification_once DO NOTHING
            """;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final RecipientDirectory directory;
    private final NotificationProperties properties;
    private final DeliveryWakeUp wakeUp;

    NotificationService(
            DatabaseClient db,
            ReactiveTransactionManager transactions,
            RecipientDirectory directory,
            NotificationProperties properties,
            DeliveryWakeUp wakeUp) {
        this.db = db;
        this.tx = WholeTransactions.create(transactions);
        this.directory = directory;
        this.properties = properties;
        this.wakeUp = wakeUp;
    }

    @Override
    public Mono<UUID> request(NotificationRequest request) {
        return tx.transactional(Mono.defer(() -> insertRequest(request))).flatMap(this::wakeRelayAfterCommit);
    }

    private Mono<UUID> insertRequest(NotificationRequest request) {
        UUID id = UUID.randomUUID();
        return CurrentCaller.find()
                .map(c -> new String[] {c.subject(), c.division().value()})
                .defaultIfEmpty(new String[] {"system", null})
                .flatMap(requester -> {
                    var spec = db.sql(INSERT_REQUEST)
                            .bind("id", id)
                            .bind("eventKey", request.eventKey())
                            .bind("subject", request.subject())
                            .bind("body", request.body())
                            .bind("requestedBy", requester[0]);
                    spec = bindNullable(spec, "requesterDivision", requester[1], String.class);
                    NotificationRequest.Attachment a = request.attachment();
                    spec = bindNullable(spec, "attachmentName", a == null ? null : a.fileName(), String.class);
                    spec = bindNullable(spec, "attachmentType", a == null ? null : a.contentType(), String.class);
                    spec = bindNullable(spec, "attachment", a == null ? null : a.content(), byte[].class);
                    return spec.fetch().rowsUpdated();
                })
                .flatMap(inserted -> inserted == 0
                        ? existingRequest(request.eventKey())
                        : insertNotifications(id, request).thenReturn(id));
    }

    private Mono<UUID> existingRequest(String eventKey) {
        return db.sql("SELECT id FROM notification_request WHERE event_key = :eventKey")
                .bind("eventKey", eventKey)
                .map(row -> row.get("id", UUID.class))
                .one();
    }

    private Mono<Void> insertNotifications(UUID requestId, NotificationRequest request) {
        return directory
                .resolve(request.recipients())
                .collectList()
                .flatMapMany(contacts -> {
                    Flux<Mono<Long>> rows = Flux.empty();
                    if (request.channels().contains(NotificationRequest.Channel.EMAIL)) {
                        rows = rows.concatWith(Flux.fromIterable(contacts)
                                .map(c -> insert(
                                        requestId,
                                        request.eventKey(),
                                        NotificationRequest.Channel.EMAIL,
                                        c.email(),
                                        c.id(),
                                        c.divisionCode())));
                    }
                    if (request.channels().contains(NotificationRequest.Channel.WEBHOOK)) {
                        rows = rows.concatWith(Flux.fromIterable(webhookTargets(contacts, request.recipients())
                                        .entrySet())
                                .map(e -> insert(
                                        requestId,
                                        request.eventKey(),
                                        NotificationRequest.Channel.WEBHOOK,
                                        e.getKey(),
                                        null,
                                        e.getValue())));
                    }
                    return rows.concatMap(m -> m);
                })
                .then();
    }

    /** One webhook per distinct robot URL, attributed to the first division that maps to it. */
    private Map<String, String> webhookTargets(
            List<RecipientDirectory.Contact> contacts, NotificationRequest.Recipients recipients) {
        Map<String, String> byUrl = new LinkedHashMap<>();
        for (RecipientDirectory.Contact c : contacts) {
            String url = properties.webhook().urlFor(c.divisionCode());
            if (url != null) {
                byUrl.putIfAbsent(url, c.divisionCode());
            }
        }
        // A division with no liaison on file still gets its robot message when addressed by division.
        if (byUrl.isEmpty() && !recipients.explicit() && recipients.divisionPrefix() != null) {
            String division = (recipients.divisionPrefix() + "0000").substring(0, 6);
            String url = properties.webhook().urlFor(division);
            if (url != null) {
                byUrl.put(url, division);
            }
        }
        return byUrl;
    }

    private Mono<Long> insert(
            UUID requestId,
            String eventKey,
            NotificationRequest.Channel channel,
            String recipient,
            UUID contactId,
            String division) {
        var spec = db.sql(INSERT_NOTIFICATION)
                .bind("id", UUID.randomUUID())
                .bind("requestId", requestId)
                .bind("eventKey", eventKey)
                .bind("channel", channel.name())
                .bind("recipient", recipient)
                .bind("division", division);
        spec = bindNullable(spec, "contactId", contactId, UUID.class);
        return spec.fetch().rowsUpdated();
    }

    /** Inside a transaction the relay may only look after the commit; outside, the rows are already visible. */
    private Mono<UUID> wakeRelayAfterCommit(UUID id) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .flatMap(tsm -> {
                    if (tsm.isActualTransactionActive() && tsm.isSynchronizationActive()) {
                        tsm.registerSynchronization(new TransactionSynchronization() {
                            @Override
                            public Mono<Void> afterCommit() {
                                return Mono.fromRunnable(wakeUp::wakeUp);
                            }
                        });
                    } else {
                        wakeUp.wakeUp();
                    }
                    return Mono.just(id);
                })
                .onErrorResume(e -> {
                    wakeUp.wakeUp();
                    return Mono.just(id);
                });
    }

    private static DatabaseClient.GenericExecuteSpec bindNullable(
            DatabaseClient.GenericExecuteSpec spec, String name, Object value, Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
