package org.permitwatch.liaison.notification;

import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * The one entry point other features use to notify liaisons. {@link #request} only writes pending rows (inside the
 * caller's reactive transaction when there is one, so a rolled-back business change notifies nobody); delivery
 * happens afterwards in {@link DeliveryRelay} with retries.
 */
public interface Notifications {

    /**
     * Records a notification for every addressed recipient and channel.
     *
     * @return the id of the notification request (see {@code GET /api/v1/notifications?requestId=}); for a repeated
     * {@code eventKey} the id of the first request, and no new rows are written
     */
    Mono<UUID> request(NotificationRequest request);
}
