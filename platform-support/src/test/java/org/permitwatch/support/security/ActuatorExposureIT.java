package org.permitwatch.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.permitwatch.support.testapp.TestApplication;
import org.permitwatch.testsupport.TestJwts;
import org.permitwatch.testsupport.TestPostgres;
import org.permitwatch.testsupport.UnpooledWebTestClientAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A service as run.sh and Kubernetes start it, with the actuator on its own port: metrics are not served to anonymous
 * callers on the API port, the probes stay there (/livez, /readyz), and the management port serves the scraper
 * without a token.
 */
@SpringBootTest(
        classes = TestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=support-actuator-test",
            "permitwatch.outbox.enabled=false",
            "permitwatch.kafka.consumer.error-handler-enabled=false",
            "management.server.address=127.0.0.1"
        })
class ActuatorExposureTest {

    static int managementPort;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestPostgres.register(registry, "support_actuator");
        TestJwts.register(registry);
        try (ServerSocket socket = new ServerSocket(0)) {
            managementPort = socket.getLocalPort();
        }
        registry.add("management.server.port", () -> managementPort);
    }

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
