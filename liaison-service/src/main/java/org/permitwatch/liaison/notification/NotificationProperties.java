package org.permitwatch.liaison.notification;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code permitwatch.liaison.notification.*}.
 *
 * @param mailFrom       sender address of liaison mails
 * @param maxAttempts    deliveries tried before a notification is FAILED
 * @param initialBackoff wait after the first failure; doubles per failure up to {@code maxBackoff}
 * @param maxBackoff     longest wait between two attempts
 * @param claimLease     how long a claimed row is hidden from other relays; a relay that dies mid-send releases it
 *                       after this, which is the window in which a mail can be sent twice
 * @param pollInterval   relay poll period (commits also wake the relay)
 * @param batchSize      rows claimed per round
 * @param relayEnabled   false switches the relay off in this replica (rows wait for another replica)
 * @param webhook        work-chat robots
 */
@ConfigurationProperties("permitwatch.liaison.notification")
public record NotificationProperties(
        String mailFrom,
        Integer maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration claimLease,
        Duration pollInterval,
        Integer batchSize,
        Boolean relayEnabled,
        Webhook webhook) {

    public NotificationProperties {
        mailFrom = mailFrom == null || mailFrom.isBlank() ? "permitwatch@localhost" : mailFrom;
        maxAttempts = maxAttempts == null || maxAttempts < 1 ? 6 : maxAttempts;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(30) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(30) : maxBackoff;
        claimLease = claimLease == null ? Duration.ofMinutes(2) : claimLease;
        pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
        batchSize = batchSize == null || batchSize < 1 ? 20 : batchSize;
        relayEnabled = relayEnabled == null || relayEnabled;
        webhook = webhook == null ? new Webhook(null, Map.of(), null, null) : webhook;
    }

    /** Wait before attempt {@code failedAttempts + 1}: initial × 2^(failed−1), capped. */
    public Duration backoffAfter(int failedAttempts) {
        int exponent = Math.max(0, Math.min(failedAttempts - 1, 20));
        Duration wait = initialBackoff.multipliedBy(1L << exponent);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    /**
     * @param defaultUrl robot URL for divisions without their own (null = no webhook for them)
     * @param urls       robot URL per division code (a city code covers its counties)
     * @param secret     HMAC-SHA256 key for the body signature
     * @param timeout    per-request timeout
     */
    public record Webhook(String defaultUrl, Map<String, String> urls, String secret, Duration timeout) {

        public Webhook {
            defaultUrl = defaultUrl == null || defaultUrl.isBlank() ? null : defaultUrl;
            urls = urls == null ? Map.of() : Map.copyOf(urls);
            secret = secret == null ? "" : secret;
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }

        /** The most specific URL for a division: its own, its city's, its province's, else the default. */
        public String urlFor(String divisionCode) {
            if (divisionCode != null && divisionCode.length() == 6) {
                for (String code : new String[] {
                    divisionCode, divisionCode.substring(0, 4) + "00", divisionCode.substring(0, 2) + "0000"
                }) {
                    String url = urls.get(code);
                    if (url != null && !url.isBlank()) {
                        return url;
                    }
                }
            }
            return defaultUrl;
        }
    }
}
