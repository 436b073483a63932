package org.permitwatch.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.permitwatch.support.testapp.SupportIntegrationTest;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A service reached directly (not through the gateway) applies the same token policy: the library's decoder
 * refuses what the gateway refuses, with a 401 problem.
 */
@SupportIntegrationTest
class ServiceTokenPolicyIT {

    @Autowired
    WebTestClient web;

    @Test
    void aValidTokenIsAccepted() {
        web.get()
                .uri("/api/v1/me")
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("COUNTY", "140105"))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void tokensBreakingThePolicyAreRefusedByTheServiceItself() {
        assertRefused(
                TestJwts.builder()
                        .roles("CITY")
                        .division("140100")
                        .without("sub")
                        .build(),
                "sub");
        assertRefused(
                TestJwts.builder()
                        .roles("CITY")
                        .division("140100")
                        .audience("another-system")
                        .build(),
                "aud");
        assertRefused(
                TestJwts.builder()
                        .roles("CITY")
                        .division("140100")
                        .issuer("someone-else")
                        .build(),
                "iss");
        assertRefused(
                TestJwts.builder()
                        .roles("CITY")
                        .division("140100")
                        .without("exp")
                        .build(),
                "exp");
        assertRefused(
                TestJwts.builder()
                        .roles("CITY")
                        .division("140100")
                        .expiresIn(Duration.ofDays(30))
                        .build(),
                "lifetime");
        assertRefused(TestJwts.token("CITY", "140000"), "CITY");
        assertRefused(TestJwts.token("COUNTY", "140000"), "COUNTY");
        assertRefused(TestJwts.token("PROVINCE", "140105"), "PROVINCE");
    }

    private void assertRefused(String token, String mentioned) {
        web.get()
                .uri("/api/v1/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unauthorized")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail)
                        .as("detail for a token that should mention %s", mentioned)
                        .contains(mentioned)
                        .doesNotContain(token));
    }
}
