package org.permitwatch.gateway;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/** The shared test beans of {@link GatewayIntegrationTest}. */
@TestConfiguration(proxyBeanMethods = false)
public class GatewayTestConfiguration {

    /**
     * A filter that fails the way a bug would, on {@code /api/v1/plans/boom} only: the message names an internal
     * type that must not leak (GatewayEdgeProblemsIT). No other test uses that path.
     */
    @Bean
    WebFilter failOnBoomPath() {
        return (exchange, chain) -> exchange.getRequest().getPath().value().equals("/api/v1/plans/boom")
                ? Mono.error(new IllegalStateException("org.permitwatch.Secret broke"))
                : chain.filter(exchange);
    }
}
