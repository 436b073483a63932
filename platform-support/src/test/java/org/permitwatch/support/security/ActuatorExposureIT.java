package org.permitwatch.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.permitwatch.support.testapp.SupportIntegrationTest;
import org.permitwatch.testsupport.UnpooledWebTestClientAutoConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A service as run.sh and Kubernetes start it, with the actuator on its own port: metrics are not served to anonymous
 * callers on the API port, the probes stay there (/livez, /readyz), and the management port serves the scraper
 * without a token.
 */
// A context of its own: the management endpoints on a port of their own (127.0.0.1, random), as in production;
// the shared context serves them on the API port (WebApiProblemIT reads /actuator/health/readiness there).
@SupportIntegrationTest
@TestPropertySource(properties = {"management.server.port=0", "management.server.address=127.0.0.1"})
class ActuatorExposureIT {

    @LocalManagementPort
    int managementPort;

    @LocalServerPort
    int port;

    private static WebTestClient client(int port) {
        return WebTestClient.bindToServer(UnpooledWebTestClientAutoConfiguration.connector())
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    @Test
    void metricsAreNotServedAnonymouslyOnTheApiPort() {
        client(port).get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        client(port).get().uri("/actuator/metrics").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void probesAreServedOnTheApiPort() {
        client(port).get().uri("/livez").exchange().expectStatus().isOk();
        client(port).get().uri("/readyz").exchange().expectStatus().isOk();
    }

    @Test
    void theManagementPortServesTheScraperWithoutAToken() {
        client(managementPort)
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("jvm_memory_used_bytes"));
        client(managementPort)
                .get()
                .uri("/actuator/metrics")
                .exchange()
                .expectStatus()
                .isOk();
    }
}
