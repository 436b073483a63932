package org.permitwatch.support.security;

import org.junit.jupiter.api.Test;
import org.permitwatch.support.testapp.SupportIntegrationTest;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A service applies the area-scope rule itself (ADR 0018), so a city system's client limited to one area cannot
 * reach another area by calling a service directly: the test application is configured as the inspection area.
 */
@SupportIntegrationTest
class AreaScopeIT {

    @Autowired
    WebTestClient web;

    @Test
    void aTokenWithoutAreaScopesIsGovernedByItsRolesAlone() {
        get(TestJwts.builder()
                        .roles("CITY")
                        .division("140100")
                        .scopes("pii:read")
                        .build())
                .expectStatus()
                .isOk();
        post(TestJwts.builder().roles("CITY").division("140100").build())
                .expectStatus()
                .isCreated();
    }

    @Test
    void aReadScopeOfThisAreaReadsButDoesNotWrite() {
        String reader = TestJwts.builder()
                .roles("CITY")
                .division("140100")
                .scopes("inspection:read")
                .build();
        get(reader).expectStatus().isOk();
        post(reader)
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aWriteScopeOfThisAreaAlsoReads() {
        String writer = TestJwts.builder()
                .roles("CITY")
                .division("140100")
                .scopes("inspection:write")
                .build();
        get(writer).expectStatus().isOk();
        post(writer).expectStatus().isCreated();
    }

    @Test
    void scopesOfOtherAreasOnlyAreRefused() {
        String other = TestJwts.builder()
                .roles("CITY")
                .division("140100")
                .scopes("directory:read", "directory:write", "pii:read")
                .build();
        get(other).expectStatus().isForbidden();
        post(other).expectStatus().isForbidden();
    }

    @Test
    void withoutATokenItIsStillUnauthorizedNotForbidden() {
        web.get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
    }

    private WebTestClient.ResponseSpec get(String token) {
        return web.get()
                .uri("/api/v1/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange();
    }

    private WebTestClient.ResponseSpec post(String token) {
        return web.post()
                .uri("/api/v1/things")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"area\",\"count\":1}")
                .exchange();
    }
}
