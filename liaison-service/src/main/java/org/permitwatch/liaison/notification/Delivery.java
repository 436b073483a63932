package org.permitwatch.liaison.notification;

import java.util.UUID;

/** One claimed notification with everything needed to deliver it. */
record Delivery(
        UUID id,
        String eventKey,
        NotificationRequest.Channel channel,
        String recipient,
        String divisionCode,
        int attempt,
        String subject,
        String body,
        String attachmentName,
        String attachmentType,
        byte[] attachment) {

    /**
     * The RFC 5322 Message-ID of this notification's mail: derived from the id only, so every retry (including one
     * after a crash between the SMTP hand-off and marking the row SENT) carries the same id and the duplicate is
     * recognisable by the receiving mail system or the liaison.
     */
    String messageId() {
        return "<" + id + "@notification.permitwatch>";
    }
}
