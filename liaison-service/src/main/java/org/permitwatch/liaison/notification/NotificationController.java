package org.permitwatch.liaison.notification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.tx.WholeTransactions;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/notifications")
@Tag(name = "Notifications", description = "E-mail and work-chat notifications to liaisons and their delivery log")
class NotificationController {

    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final NotificationQueries queries;
    private final Notifications notifications;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    NotificationController(
            NotificationQueries queries,
            Notifications notifications,
            AuditLog audit,
            ReactiveTransactionManager transactions) {
        this.queries = queries;
        this.notifications = notifications;
        this.audit = audit;
        this.tx = WholeTransactions.create(transactions);
    }

    @GetMapping
    @Operation(
            summary = "Delivery log of notifications addressed inside the caller's division",
            description = "E-mail addresses are masked without the pii:read scope.")
    Mono<PageResponse<NotificationViews.Notification>> list(
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) UUID requestId) {
        Paging paging = Paging.of(page, size);
        if (status != null && !Set.of("PENDING", "SENT", "FAILED").contains(status)) {
            throw ApiException.invalidField("status", "must be PENDING, SENT or FAILED", status);
        }
        return CurrentCaller.get()
                .flatMap(caller -> queries.list(caller, status, requestId, paging)
                        .map(n -> n.forCaller(caller))
                        .collectList()
                        .zipWith(queries.count(caller, status, requestId))
                        .map(t -> paging.page(t.getT1(), t.getT2())));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One notification with its delivery attempts")
    Mono<NotificationViews.Notification> get(@PathVariable UUID id) {
        return CurrentCaller.get().flatMap(caller -> queries.find(id, caller).map(n -> n.forCaller(caller)));
    }

    @PostMapping("/checklist-dispatch")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Send a checklist to every active liaison of the province (PROVINCE)",
            description =
                    "One notification per liaison with an e-mail (plus one per work-chat robot when webhook=true). "
                            + "Repeating the call with the same Idempotency-Key sends nothing new and returns the first dispatch.")
    Mono<NotificationViews.Dispatch> dispatchChecklist(
            @RequestBody ChecklistDispatchForm form,
            @RequestHeader(name = IDEMPOTENCY_HEADER, required = false) String idempotencyKey) {
        NotificationRequest.Attachment attachment = form.validated();
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 100)) {
            throw ApiException.invalidField(IDEMPOTENCY_HEADER, "must be 1..100 characters", idempotencyKey);
        }
        return CurrentCaller.get().flatMap(caller -> {
            requireProvince(caller);
            String key = "checklist-dispatch:" + caller.division().value() + ":"
                    + (idempotencyKey == null ? UUID.randomUUID() : idempotencyKey.trim());
            Set<NotificationRequest.Channel> channels = Boolean.TRUE.equals(form.webhook())
                    ? EnumSet.allOf(NotificationRequest.Channel.class)
                    : EnumSet.of(NotificationRequest.Channel.EMAIL);
            NotificationRequest request = new NotificationRequest(
                    key,
                    channels,
                    NotificationRequest.Recipients.division(caller.division().prefix(), Set.of()),
                    form.subject().trim(),
                    form.body(),
                    attachment);
            // A replay of a known Idempotency-Key answers with the first dispatch and writes (and audits) nothing.
            Mono<NotificationViews.Dispatch> replay = queries.requestIdFor(key)
                    .flatMap(requestId -> queries.countForRequest(requestId)
                            .map(count -> new NotificationViews.Dispatch(requestId, key, count)));
            Mono<NotificationViews.Dispatch> write = notifications
                    .request(request)
                    .flatMap(requestId -> queries.countForRequest(requestId)
                            .flatMap(count -> audit.record(
                                            "notification.checklist-dispatch",
                                            "notification_request",
                                            requestId.toString(),
                                            Map.of(
                                                    "eventKey",
                                                    key,
                                                    "notifications",
                                                    count,
                                                    "attachment",
                                                    attachment == null ? "" : attachment.fileName()))
                                    .thenReturn(new NotificationViews.Dispatch(requestId, key, count))));
            return replay.switchIfEmpty(Mono.defer(() -> tx.transactional(write)));
        });
    }

    private static void requireProvince(Caller caller) {
        if (!caller.hasRole(Role.PROVINCE)) {
            throw ApiException.forbidden("province-only", "only the province sends the checklist to every liaison");
        }
    }
}
