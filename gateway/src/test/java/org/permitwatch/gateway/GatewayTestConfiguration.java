package org.permitwatch.gateway;

import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ApplicationListener;
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

    /** The services whose load balancer existed when the gateway reported itself ready for traffic. */
    public static final class LoadBalancersAtReadiness implements ApplicationListener<AvailabilityChangeEvent<?>> {

        private final LoadBalancerClientFactory loadBalancers;
        private final AtomicReference<Set<String>> services = new AtomicReference<>();

        LoadBalancersAtReadiness(LoadBalancerClientFactory loadBalancers) {
            this.loadBalancers = loadBalancers;
        }

        @Override
        public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
            if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
                services.compareAndSet(null, Set.copyOf(loadBalancers.getContextNames()));
            }
        }

        /** Null until the gateway was ready. */
        public Set<String> services() {
            return services.get();
        }
    }

    @Bean
    LoadBalancersAtReadiness loadBalancersAtReadiness(LoadBalancerClientFactory loadBalancers) {
        return new LoadBalancersAtReadiness(loadBalancers);
    }
}
