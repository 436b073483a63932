package org.permitwatch.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Gateway settings under {@code permitwatch.gateway}.
 *
 * @param cors     browser origins allowed to call the API
 * @param services the downstream services by Eureka name; the fallback only names these
 * @param defaultTimeout how long a routed call may take before its circuit breaker gives up
 * @param rateLimit per-client request budget
 */
@ConfigurationProperties("permitwatch.gateway")
public record GatewaySettings(Cors cors, Map<String, Service> services, Duration defaultTimeout, RateLimit rateLimit) {

    public GatewaySettings {
        cors = cors == null ? new Cors(null) : cors;
        rateLimit = rateLimit == null ? new RateLimit(true, 0, 0) : rateLimit;
        services = services == null ? Map.of() : Map.copyOf(services);
        defaultTimeout = defaultTimeout == null ? Duration.ofSeconds(10) : defaultTimeout;
    }

    public Duration timeoutOf(String service) {
        Service settings = services.get(service);
        return settings == null || settings.timeout() == null ? defaultTimeout : settings.timeout();
    }

    public boolean knows(String service) {
        return services.containsKey(service);
    }

    /** @param allowedOrigins origin patterns, e.g. {@code http://localhost:*} */
    public record Cors(List<String> allowedOrigins) {
        public Cors {
            allowedOrigins = allowedOrigins == null || allowedOrigins.isEmpty()
                    ? List.of("http://localhost:*", "http://127.0.0.1:*")
                    : List.copyOf(allowedOrigins);
        }
    }

    /** @param timeout overrides the default timeout for this service (e.g. report exports are slower) */
    public record Service(Duration timeout) {}

    /**
     * A token bucket per client (token subject, or address when anonymous).
     *
     * @param burst           requests a client may send at once (a few page loads)
     * @param refillPerSecond sustained requests per second; a small share of what the slowest route serves
     *                        (docs/benchmarks.md, "Sizing the rate limits")
     */
    public record RateLimit(boolean enabled, int burst, double refillPerSecond) {
        public RateLimit {
            burst = burst <= 0 ? 60 : burst;
            refillPerSecond = refillPerSecond <= 0 ? 20 : refillPerSecond;
        }
    }
}
