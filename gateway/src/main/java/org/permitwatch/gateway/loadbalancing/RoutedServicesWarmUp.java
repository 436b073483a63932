package org.permitwatch.gateway.loadbalancing;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Builds Spring Cloud LoadBalancer's child context for every service a route sends to ({@code lb://<service>}) before
 * the gateway takes traffic.
 *
 * <p>Why: by default the context is built on the first request routed to a service, on the event loop serving that
 * request, with a class path scan and jar reads; every request queued on that loop waits (NoBlockingCalls found it,
 * ADR 0070). {@code spring.cloud.loadbalancer.eager-load.clients} does the same from a list, but a list is a second
 * copy of the routes that a new route can forget; here the routes are the list. Runs on {@link ApplicationReadyEvent},
 * like the library's own eager loader, which Boot publishes before the readiness probe reports ACCEPTING_TRAFFIC.
 */
@Component
class RoutedServicesWarmUp implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(RoutedServicesWarmUp.class);

    private final RouteLocator routes;
    private final LoadBalancerClientFactory loadBalancers;

    RoutedServicesWarmUp(RouteLocator routes, LoadBalancerClientFactory loadBalancers) {
        this.routes = routes;
        this.loadBalancers = loadBalancers;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        // The start-up thread, not an event loop: the route list is built in memory (properties and beans).
        List<String> services = routedServices(routes.getRoutes().collectList().block());
        services.forEach(loadBalancers::getInstance);
        log.info("Load balancers ready for the routed services {}", services);
    }

    /** The distinct service ids of the routes that go through the load balancer, in route order. */
    static List<String> routedServices(List<Route> routes) {
        return routes.stream()
                .map(Route::getUri)
                .filter(uri -> "lb".equalsIgnoreCase(uri.getScheme()))
                .map(URI::getHost)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
    }
}
