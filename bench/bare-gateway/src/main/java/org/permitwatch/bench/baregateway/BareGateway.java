package org.permitwatch.bench.baregateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Spring Cloud Gateway as it comes: one static route to one address (application.yml), no security, no registry, no
 * circuit breaker, no rate limit, no observation. What the platform's gateway costs per request above this is ours;
 * what this costs is the price of the component itself (bench/bare-gateway-benchmark.sh).
 */
@SpringBootApplication
public class BareGateway {

    public static void main(String[] args) {
        SpringApplication.run(BareGateway.class, args);
    }
}
