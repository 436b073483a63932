package org.permitwatch.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.gateway.GatewayClients;
import org.permitwatch.gateway.GatewayWithoutServicesIntegrationTest;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway applies the platform's token policy (ADR 0004): a signed token that breaks a claim rule is a 401
 * problem at the edge, never routed and never a 500. No service instance is registered, so a token the gateway
 * let through would show up as the fallback's 503 instead of the 401 expected here.
 */
@GatewayWithoutServicesIntegrationTest
class GatewayTokenPolicyIT {

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        client = GatewayClients.unpooled(port);
    }

    @Test
    void aValidTokenPassesTheEdge() {
        client.get()
                .uri("/api/v1/plans")
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("CITY", "140100"))
                .exchange()
                .expectStatus()
                .isEqualTo(503);
    }

    @Test
    void aSignedTokenWithoutSubjectIsA401ProblemNotA500() {
        String token = TestJwts.builder()
                .roles("CITY")
                .division("140100")
                .without("sub")
                .build();
        assertUnauthorized(token, "sub");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertUnauthorized(
                TestJwts.builder()
                        .roles("CITY")
                        .division("140100")
                        .audience("another-system")
                        .build(),
                "aud");
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        assertUnauthorized(
                TestJwts.builder()
                        .roles("CITY")
                        .division("140100")
                        .issuer("someone-else")
                        .build(),
                "iss");
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        assertUnauthorized(
                TestJwts.builder()
                        .roles("CITY")
                        .division("140100")
                        .without("exp")
                        .build(),
                "exp");
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() {
        Instant later = Instant.now().plus(Duration.ofMinutes(10));
        assertUnauthorized(
                TestJwts.builder()
                        .roles("CITY")
                        .division("140100")
                        .issuedAt(later)
                        .notBefore(Instant.now())
                        .expiresAt(later.plus(Duration.ofHours(1)))
                        .build(),
                "iat");
    }

    @Test
    void aTokenLivingLongerThanTheMaximumIsRefused() {
        assertUnauthorized(
                TestJwts.builder()
                        .roles("CITY")
                        .division("140100")
                        .expiresIn(Duration.ofDays(30))
                        .build(),
                "lifetime");
    }

    @Test
    void aCityRoleAtTheProvinceCodeIsRefused() {
        assertUnauthorized(TestJwts.token("CITY", "140000"), "CITY");
    }

    @Test
    void aProvinceRoleAtACityCodeIsRefused() {
        assertUnauthorized(TestJwts.token("PROVINCE", "140100"), "PROVINCE");
    }

    private void assertUnauthorized(String token, String mentioned) {
        client.get()
                .uri("/api/v1/plans")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(401)
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail)
                        .contains(mentioned)
                        .doesNotContain(token)
                        .hasSizeLessThan(400));
    }
}
