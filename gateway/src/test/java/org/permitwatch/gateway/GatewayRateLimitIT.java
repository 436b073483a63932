package org.permitwatch.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A budget of 3 calls with a refill far slower than the test: the 4th call of a client is refused. */
// A context of its own: a budget of 3 would throttle every other gateway test (they all call from 127.0.0.1 with
// the same few token subjects), and the spoofing case needs the default (no trusted proxy), unlike
// GatewayRateLimitTrustedProxyIT.
@GatewayIntegrationTest
@TestPropertySource(
        properties = {
            "permitwatch.gateway.rate-limit.burst=3",
            "permitwatch.gateway.rate-limit.refill-per-second=0.001",
        })
class GatewayRateLimitIT {

    static final Downstreams DOWNSTREAMS = Downstreams.SHARED;

    /** The servers outlive other classes: their journals must not count those classes' requests. */
    @BeforeEach
    void resetDownstreams() {
        DOWNSTREAMS.resetStubs();
    }

    @LocalServerPort
    int port;

    @Test
    void clientOverItsBudgetGets429ProblemWhileAnotherClientStillPasses() {
        WebTestClient client = GatewayClients.unpooled(port);
        String greedy = TestJwts.builder()
                .subject("greedy")
                .roles("CITY")
                .division("140100")
                .bearer();
        String other = TestJwts.builder()
                .subject("other")
                .roles("CITY")
                .division("140100")
                .bearer();

        for (int i = 0; i < 3; i++) {
            client.get()
                    .uri("/api/v1/tasks")
                    .header(HttpHeaders.AUTHORIZATION, greedy)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        client.get()
                .uri("/api/v1/tasks")
                .header(HttpHeaders.AUTHORIZATION, greedy)
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:permitwatch:problem:rate-limited")
                .jsonPath("$.status")
                .isEqualTo(429);
        DOWNSTREAMS.of("inspection-service").verify(3, getRequestedFor(urlEqualTo("/api/v1/tasks")));

        client.get()
                .uri("/api/v1/tasks")
                .header(HttpHeaders.AUTHORIZATION, other)
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void anonymousCallersCannotEscapeTheirBucketBySpoofingXForwardedFor() {
        // By default no proxy is trusted, loopback included: every request below comes from the same peer
        // (127.0.0.1), so a made-up X-Forwarded-For must not buy a fresh budget.
        WebTestClient client = GatewayClients.unpooled(port);
        for (String spoofed : List.of("203.0.113.1", "203.0.113.2", "203.0.113.3")) {
            client.get()
                    .uri("/api/v1/public/units")
                    .header("X-Forwarded-For", spoofed)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        client.get()
                .uri("/api/v1/public/units")
                .header("X-Forwarded-For", "203.0.113.4")
                .exchange()
                .expectStatus()
                .isEqualTo(429);
        client.get().uri("/api/v1/public/units").exchange().expectStatus().isEqualTo(429);
    }
}
