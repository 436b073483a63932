package org.permitwatch.gateway;

import org.junit.jupiter.api.Test;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With the actuator on its own port (as run.sh and the Kubernetes manifests configure it), the API port serves no
 * metrics to anyone — not even to a PROVINCE token — while the probes stay there as /livez and /readyz, and the
 * management port serves Prometheus without a token (it is reachable only by the scraper).
 */
// the management port (127.0.0.1) is set by @GatewayWithoutServicesIntegrationTest
@GatewayWithoutServicesIntegrationTest
class GatewayManagementPortIT {

    @Value("${management.server.port}")
    int managementPort;

    @LocalServerPort
    int port;

    private static WebTestClient client(int port) {
        return GatewayClients.unpooled(port);
    }

    @Test
    void metricsAreNotServedOnTheApiPort() {
        for (String path : new String[] {"/actuator/prometheus", "/actuator/metrics"}) {
            client(port).get().uri(path).exchange().expectStatus().isUnauthorized();
            client(port)
                    .get()
                    .uri(path)
                    .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("PROVINCE", "140000"))
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void probesStayOnTheApiPort() {
        client(port).get().uri("/livez").exchange().expectStatus().isOk();
        client(port).get().uri("/readyz").exchange().expectStatus().isOk();
    }

    @Test
    void theManagementPortServesPrometheusToTheScraper() {
        client(managementPort)
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(body -> org.assertj.core.api.Assertions.assertThat(body).contains("jvm_memory_used_bytes"));
        client(managementPort)
                .get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk();
    }
}
