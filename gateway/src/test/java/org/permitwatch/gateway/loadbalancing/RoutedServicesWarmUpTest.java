package org.permitwatch.gateway.loadbalancing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.route.Route;

class RoutedServicesWarmUpTest {

    @Test
    void takesEachLoadBalancedServiceOnceAndNothingElse() {
        List<Route> routes = List.of(
                route("a", "lb://permit-sync"),
                route("b", "http://localhost:8080"),
                route("c", "LB://inspection-service"),
                route("d", "lb://permit-sync"),
                route("e", "forward:/fallback"));

        assertThat(RoutedServicesWarmUp.routedServices(routes)).containsExactly("permit-sync", "inspection-service");
    }

    private static Route route(String id, String uri) {
        return Route.async()
                .id(id)
                .uri(URI.create(uri))
                .predicate(exchange -> true)
                .build();
    }
}
