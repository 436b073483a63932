package org.permitwatch.liaison.notification;

import java.util.LinkedHashMap;
import java.util.Map;
import org.permitwatch.support.time.BureauClock;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts a notification to a work-chat robot as signed JSON. Any non-2xx answer or timeout is a failed attempt; the
 * relay retries it with the same {@link WebhookSignature#DELIVERY_HEADER} so the receiver can deduplicate.
 */
@Component
class WebhookChannel {

    private final WebClient client = WebClient.builder().build();
    private final NotificationProperties properties;
    private final JsonMapper json;

    private final BureauClock clock;

    WebhookChannel(NotificationProperties properties, JsonMapper json, BureauClock clock) {
        this.clock = clock;
        this.properties = properties;
        this.json = json;
    }

    Mono<Void> send(Delivery delivery) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("notificationId", delivery.id().toString());
        payload.put("eventKey", delivery.eventKey());
        payload.put("divisionCode", delivery.divisionCode());
        payload.put("subject", delivery.subject());
        payload.put("text", delivery.body());
        if (delivery.attachmentName() != null) {
            payload.put("attachmentName", delivery.attachmentName());
        }
        String body = json.writeValueAsString(payload);
        String timestamp = Long.toString(clock.now().toEpochSecond());
        return client.post()
                .uri(delivery.recipient())
                .contentType(MediaType.APPLICATION_JSON)
                .header(WebhookSignature.TIMESTAMP_HEADER, timestamp)
                .header(
                        WebhookSignature.SIGNATURE_HEADER,
                        WebhookSignature.sign(properties.webhook().secret(), timestamp, body))
                .header(WebhookSignature.DELIVERY_HEADER, delivery.id().toString())
                .bodyValue(body)
                .retrieve()
                .toBodilessEntity()
                .timeout(properties.webhook().timeout())
                .then();
    }
}
