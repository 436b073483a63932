package org.permitwatch.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
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

/**
 * Behind configured proxies (here: the test client's loopback address stands in for the ingress, 10.0.0.x for a
 * second proxy hop) an anonymous caller is the right-most X-Forwarded-For entry that is not a trusted proxy: the
 * entries left of it were sent by the client and prove nothing.
 */
// A context of its own: a budget of 3 would throttle every other gateway test, and trusting loopback as a proxy
// contradicts GatewayRateLimitIT's spoofing case (the default trusts no proxy).
@GatewayIntegrationTest
@TestPropertySource(
        properties = {
            "permitwatch.gateway.rate-limit.burst=3",
            "permitwatch.gateway.rate-limit.refill-per-second=0.001",
            "spring.cloud.gateway.server.webflux.trusted-proxies=127\\\\.0\\\\.0\\\\.1|10\\\\.0\\\\.0\\\\.\\\\d+",
        })
class GatewayRateLimitTrustedProxyIT {

    /** The servers outlive other classes, which may have left other stubs behind. */
    @BeforeEach
    void resetDownstreams() {
        Downstreams.SHARED.resetStubs();
    }

    @LocalServerPort
    int port;

    @Test
    void theRightMostUntrustedForwardedAddressIsTheClient() {
        WebTestClient client = GatewayClients.unpooled(port);
        // The same real client (203.0.113.7) with a different forged left part each time, once via a second proxy.
        for (String forwarded : List.of(
                "198.51.100.1, 203.0.113.7", "198.51.100.2, 203.0.113.7", "198.51.100.3, 203.0.113.7, 10.0.0.5")) {
            client.get()
                    .uri("/api/v1/public/units")
                    .header("X-Forwarded-For", forwarded)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        client.get()
                .uri("/api/v1/public/units")
                .header("X-Forwarded-For", "203.0.113.7")
                .exchange()
                .expectStatus()
                .isEqualTo(429);
        // Another client behind the same proxy keeps its own budget.
        client.get()
                .uri("/api/v1/public/units")
                .header("X-Forwarded-For", "203.0.113.7, 198.51.100.9")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void signInAttemptsAreBudgetedPerAddressWhateverTokenTheyCarry() {
        // Issue 15, login brute force: the gateway reads no token on the provider's paths, so a fresh (even valid)
        // token per attempt does not buy a fresh budget; the address does not change.
        WebTestClient client = GatewayClients.unpooled(port);
        for (int i = 0; i < 3; i++) {
            client.post()
                    .uri("/auth/login")
                    .header("X-Forwarded-For", "203.0.113.8")
                    .header(
                            HttpHeaders.AUTHORIZATION,
                            TestJwts.builder()
                                    .subject("attempt-" + i)
                                    .roles("CITY")
                                    .division("140100")
                                    .bearer())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .bodyValue("username=ty-admin&password=guess" + i)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        client.post()
                .uri("/auth/login")
                .header("X-Forwarded-For", "203.0.113.8")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("username=ty-admin&password=guess3")
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists("Retry-After");
        Downstreams.SHARED.of("identity-service").verify(3, postRequestedFor(urlEqualTo("/auth/login")));
        client.post()
                .uri("/auth/login")
                .header("X-Forwarded-For", "203.0.113.9")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("username=ty-admin&password=right")
                .exchange()
                .expectStatus()
                .isOk();
    }
}
