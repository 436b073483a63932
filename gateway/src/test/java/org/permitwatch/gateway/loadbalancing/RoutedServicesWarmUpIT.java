package org.permitwatch.gateway.loadbalancing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.permitwatch.gateway.GatewayIntegrationTest;
import org.permitwatch.gateway.GatewayTestConfiguration.LoadBalancersAtReadiness;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.route.RouteLocator;

/**
 * Every routed service's load balancer exists before the gateway reports itself ready, so no request builds one on
 * its event loop (ADR 0070). The snapshot is taken at the readiness event, before any test request: what later
 * requests build lazily cannot make this pass.
 */
@GatewayIntegrationTest
class RoutedServicesWarmUpIT {

    @Autowired
    RouteLocator routes;

    @Autowired
    LoadBalancersAtReadiness atReadiness;

    @Test
    void everyRoutedServiceHasItsLoadBalancerBeforeTheFirstRequest() {
        List<String> routed = RoutedServicesWarmUp.routedServices(
                routes.getRoutes().collectList().block());

        // The routes name the six services (application.yml); a route that lost its lb:// would drop one here.
        assertThat(routed)
                .containsExactlyInAnyOrder(
                        "permit-sync",
                        "inspection-service",
                        "liaison-service",
                        "monitoring-service",
                        "reporting-service",
                        "identity-service");
        assertThat(atReadiness.services()).as("load balancers at readiness").containsAll(routed);
    }
}
