package org.permitwatch.liaison.notification;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.Masking;

/** Delivery-log views. */
final class NotificationViews {

    private NotificationViews() {}

    /**
     * One notification in the delivery log. {@code recipient} is an e-mail address (masked without pii:read) or the
     * webhook URL without its query string (robot URLs carry their access key there).
     */
    record Notification(
            UUID id,
            UUID requestId,
            String eventKey,
            String channel,
            String recipient,
            UUID contactId,
            String divisionCode,
            String subject,
            String status,
            int attempts,
            OffsetDateTime nextAttemptAt,
            String lastError,
            String messageId,
            OffsetDateTime createdAt,
            OffsetDateTime sentAt,
            List<Attempt> attemptLog) {

        Notification forCaller(Caller caller) {
            String shown = "EMAIL".equals(channel)
                    ? (caller.canReadPersonalData() ? recipient : Masking.email(recipient))
                    : withoutQuery(recipient);
            return new Notification(
                    id,
                    requestId,
                    eventKey,
                    channel,
                    shown,
                    contactId,
                    divisionCode,
                    subject,
                    status,
                    attempts,
                    "PENDING".equals(status) ? nextAttemptAt : null,
                    lastError,
                    messageId,
                    createdAt,
                    sentAt,
                    attemptLog);
        }

        Notification withAttempts(List<Attempt> log) {
            return new Notification(
                    id,
                    requestId,
                    eventKey,
                    channel,
                    recipient,
                    contactId,
                    divisionCode,
                    subject,
                    status,
                    attempts,
                    nextAttemptAt,
                    lastError,
                    messageId,
                    createdAt,
                    sentAt,
                    List.copyOf(log));
        }

        private static String withoutQuery(String url) {
            int q = url.indexOf('?');
            return q < 0 ? url : url.substring(0, q) + "?…";
        }
    }

    record Attempt(int attemptNo, OffsetDateTime attemptedAt, String outcome, String error, long durationMs) {}

    /** Answer to a checklist dispatch: the request and how many notifications it produced. */
    record Dispatch(UUID requestId, String eventKey, long notifications) {}
}
