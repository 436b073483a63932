package org.permitwatch.gateway;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Services that are down (nothing listening) or not registered at all: 503 problem+json from the fallback. */
// permit-sync is registered but nothing listens; inspection-service has no instance at all.
@GatewayWithoutServicesIntegrationTest
class GatewayServiceDownIT {

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        client = GatewayClients.unpooled(port);
    }

    @Test
    void serviceThatIsDownAnswers503ProblemNamingIt() {
        client.post()
                .uri("/api/v1/sync/runs")
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("PROVINCE", "140000"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"mode\":\"FULL\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:permitwatch:problem:service-unavailable")
                .jsonPath("$.code")
                .isEqualTo("service-unavailable")
                .jsonPath("$.service")
                .isEqualTo("permit-sync")
                .jsonPath("$.detail")
                .isEqualTo("permit-sync is not reachable; try again shortly")
                .jsonPath("$.instance")
                .isEqualTo("/api/v1/sync/runs");
    }

    @Test
    void serviceWithoutInstanceAnswers503Problem() {
        client.get()
                .uri("/api/v1/plans")
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("CITY", "140100"))
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.service")
                .isEqualTo("inspection-service")
                .jsonPath("$.detail")
                .isEqualTo("inspection-service has no running instance; try again shortly");
    }

    @Test
    void openApiOfAServiceThatIsDownIsA503Too() {
        client.get()
                .uri("/v3/api-docs/permit-sync")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("service-unavailable");
    }
}
