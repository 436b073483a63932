package org.permitwatch.gateway.security;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.gateway.GatewayClients;
import org.permitwatch.gateway.GatewayWithoutServicesIntegrationTest;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Area scopes at the edge (ADR 0018): a token limited to some API areas is refused on the routes of the others with
 * a 403 problem, before anything is forwarded. No service instance is registered, so a request the gateway lets
 * through ends in the fallback's 503 — which is how "passed" shows here.
 */
@GatewayWithoutServicesIntegrationTest
class GatewayAreaScopeIT {

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        client = GatewayClients.unpooled(port);
    }

    @Test
    void aDirectoryReaderReadsTheDirectoryOnly() {
        String directoryReader = token("directory:read");
        call(HttpMethod.GET, "/api/v1/directory/units", directoryReader)
                .expectStatus()
                .isEqualTo(503);
        call(HttpMethod.POST, "/api/v1/sync/runs", directoryReader)
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("forbidden");
        call(HttpMethod.GET, "/api/v1/plans", directoryReader).expectStatus().isForbidden();
        call(HttpMethod.GET, "/api/v1/reports/summary", directoryReader)
                .expectStatus()
                .isForbidden();
    }

    @Test
    void writeIncludesReadAndEachRouteKnowsItsArea() {
        String inspectionWriter = token("inspection:write");
        call(HttpMethod.GET, "/api/v1/plans", inspectionWriter).expectStatus().isEqualTo(503);
        call(HttpMethod.POST, "/api/v1/cases", inspectionWriter).expectStatus().isEqualTo(503);
        call(HttpMethod.POST, "/api/v1/clues", inspectionWriter).expectStatus().isForbidden();
        String liaisonReader = token("liaison:read");
        call(HttpMethod.GET, "/api/v1/clues", liaisonReader).expectStatus().isEqualTo(503);
        call(HttpMethod.GET, "/api/v1/directory/units", liaisonReader)
                .expectStatus()
                .isForbidden();
        String monitoringReader = token("monitoring:read");
        call(HttpMethod.GET, "/api/v1/monitoring/coverage", monitoringReader)
                .expectStatus()
                .isEqualTo(503);
        call(HttpMethod.POST, "/api/v1/monitoring/points", monitoringReader)
                .expectStatus()
                .isForbidden();
        call(HttpMethod.GET, "/api/v1/monitoring/coverage", liaisonReader)
                .expectStatus()
                .isForbidden();
    }

    @Test
    void aPersonsTokenWithoutAreaScopesIsNotLimited() {
        String person = TestJwts.builder()
                .roles("CITY")
                .division("140100")
                .scopes("openid", "pii:read")
                .build();
        call(HttpMethod.POST, "/api/v1/sync/runs", person).expectStatus().isEqualTo(503);
        call(HttpMethod.GET, "/api/v1/reports/summary", person).expectStatus().isEqualTo(503);
    }

    @Test
    void theApiDocumentsAreOutsideEveryArea() {
        call(HttpMethod.GET, "/v3/api-docs/inspection-service", token("directory:read"))
                .expectStatus()
                .isEqualTo(503);
    }

    @Test
    void theIdentityProviderIsOutsideEveryArea() {
        // A city system limited to directory:read still reaches the provider (token, revocation, its document): the
        // provider decides there, not the area rule (no instance here, so "let through" is the fallback's 503).
        String directoryReader = token("directory:read");
        call(HttpMethod.POST, "/auth/oauth2/revoke", directoryReader)
                .expectStatus()
                .isEqualTo(503);
        call(HttpMethod.GET, "/v3/api-docs/identity-service", directoryReader)
                .expectStatus()
                .isEqualTo(503);
    }

    private static String token(String... scopes) {
        return TestJwts.builder()
                .roles("CITY")
                .division("140100")
                .subject("city-system-" + String.join("-", scopes).replace(':', '-'))
                .scopes(scopes)
                .build();
    }

    private WebTestClient.ResponseSpec call(HttpMethod method, String path, String token) {
        WebTestClient.RequestBodySpec request =
                client.method(method).uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        if (method == HttpMethod.POST) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
        }
        return request.exchange();
    }
}
