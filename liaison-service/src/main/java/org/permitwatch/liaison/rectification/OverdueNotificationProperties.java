package org.permitwatch.liaison.rectification;

import java.util.Set;
import org.permitwatch.liaison.notification.NotificationRequest;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code permitwatch.liaison.rectification.overdue.*}: who hears about an overdue rectification. The notice does not
 * fix it, so it is data.
 *
 * @param roles    liaison roles of the unit's city to notify (default: both liaisons, ENFORCEMENT and PERMIT_ISSUING)
 * @param channels EMAIL and/or WEBHOOK (default both; a webhook goes out only where the city has a robot URL)
 */
@ConfigurationProperties("permitwatch.liaison.rectification.overdue")
record OverdueNotificationProperties(Set<String> roles, Set<NotificationRequest.Channel> channels) {

    OverdueNotificationProperties {
        roles = roles == null || roles.isEmpty() ? Set.of("ENFORCEMENT", "PERMIT_ISSUING") : Set.copyOf(roles);
        channels = channels == null || channels.isEmpty()
                ? Set.of(NotificationRequest.Channel.EMAIL, NotificationRequest.Channel.WEBHOOK)
                : Set.copyOf(channels);
    }
}
