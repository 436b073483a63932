package org.permitwatch.liaison.notification;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What to tell whom, handed to {@link Notifications#request(NotificationRequest)}.
 *
 * @param eventKey   idempotency key of the business event (e.g. {@code deadline-reminder:<obligationId>:<city>:D-3});
 *                   a second request with the same key is a no-op, so nothing is delivered twice for one event
 * @param channels   EMAIL and/or WEBHOOK
 * @param recipients which liaisons (e-mail) and which divisions' robots (webhook) to address
 * @param subject    mail subject and webhook title
 * @param body       plain-text body
 * @param attachment optional file sent with the mail (webhooks carry only its name)
 */
public record NotificationRequest(
        String eventKey,
        Set<Channel> channels,
        Recipients recipients,
        String subject,
        String body,
        Attachment attachment) {

    public NotificationRequest {
        if (eventKey == null || eventKey.isBlank() || eventKey.length() > 200) {
            throw new IllegalArgumentException("eventKey is required, at most 200 characters");
        }
        if (channels == null || channels.isEmpty()) {
            throw new IllegalArgumentException("at least one channel is required");
        }
        channels = Set.copyOf(channels);
        Objects.requireNonNull(recipients, "recipients");
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject is required");
        }
        body = body == null ? "" : body;
    }

    /** E-mail only, the most common case. */
    public static NotificationRequest email(String eventKey, Recipients recipients, String subject, String body) {
        return new NotificationRequest(eventKey, Set.of(Channel.EMAIL), recipients, subject, body, null);
    }

    public enum Channel {
        EMAIL,
        WEBHOOK
    }

    /**
     * Either explicit contacts or a filter over active liaison contacts.
     *
     * @param contactIds     explicit {@code liaison_contact} ids; when non-empty the filter fields are ignored
     * @param divisionPrefix contacts whose division code starts with this prefix ("14" = whole province, "1401" = a
     *                       city); null = everyone
     * @param roles          contact roles (ENFORCEMENT, PERMIT_ISSUING, PROVINCE); empty = any role
     */
    public record Recipients(List<UUID> contactIds, String divisionPrefix, Set<String> roles) {

        public Recipients {
            contactIds = contactIds == null ? List.of() : List.copyOf(contactIds);
            roles = roles == null ? Set.of() : Set.copyOf(roles);
            if (divisionPrefix != null && !divisionPrefix.matches("\\d{2,6}")) {
                throw new IllegalArgumentException("divisionPrefix must be 2 to 6 digits: " + divisionPrefix);
            }
        }

        public static Recipients contacts(List<UUID> ids) {
            if (ids == null || ids.isEmpty()) {
                throw new IllegalArgumentException("at least one contact id is required");
            }
            return new Recipients(ids, null, Set.of());
        }

        /** Active contacts of a division (by prefix) with any of the given roles (none = all roles). */
        public static Recipients division(String divisionPrefix, Set<String> roles) {
            return new Recipients(List.of(), divisionPrefix, roles);
        }

        /** Every active liaison. */
        public static Recipients everyone() {
            return new Recipients(List.of(), null, Set.of());
        }

        boolean explicit() {
            return !contactIds.isEmpty();
        }
    }

    /** A file attached to the mail; kept in the database until delivered. */
    public record Attachment(String fileName, String contentType, byte[] content) {

        public Attachment {
            if (fileName == null || fileName.isBlank()) {
                throw new IllegalArgumentException("attachment file name is required");
            }
            contentType = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
            Objects.requireNonNull(content, "attachment content");
        }
    }
}
