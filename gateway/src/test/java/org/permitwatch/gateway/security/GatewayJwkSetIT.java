package org.permitwatch.gateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.gateway.GatewayClients;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 15: the gateway verifies tokens against the identity provider's JWK set ({@code JWT_JWK_SET_URI}, as
 * run.sh and the cluster configure it) instead of a PEM on disk. The provider is a WireMock publishing the test
 * key; no service is registered, so a token the gateway accepts ends in the fallback's 503, one it refuses in 401.
 */
// A context of its own: the key source differs from every other gateway context (they read the PEM).
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"eureka.client.enabled=false"})
@ContextConfiguration(initializers = GatewayJwkSetIT.Provider.class)
class GatewayJwkSetIT {

    static final WireMockServer PROVIDER = start();

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        client = GatewayClients.unpooled(port);
    }

    @Test
    void aTokenSignedWithAPublishedKeyPassesAndOneSignedWithAnotherKeyDoesNot() {
        client.get()
                .uri("/api/v1/plans")
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("CITY", "140100"))
                .exchange()
                .expectStatus()
                .isEqualTo(503);
        client.get()
                .uri("/api/v1/plans")
                .header(
                        HttpHeaders.AUTHORIZATION,
                        TestJwts.builder()
                                .roles("CITY")
                                .division("140100")
                                .signedWithUntrustedKey()
                                .bearer())
                .exchange()
                .expectStatus()
                .isUnauthorized();
        PROVIDER.verify(moreThanOrExactly(1), getRequestedFor(urlEqualTo("/auth/oauth2/jwks")));
    }

    @Test
    void theTokenPolicyStillAppliesToTokensFromTheProvider() {
        client.get()
                .uri("/api/v1/plans")
                .header(
                        HttpHeaders.AUTHORIZATION,
                        TestJwts.builder()
                                .roles("CITY")
                                .division("140100")
                                .issuer("https://idp.attacker.example")
                                .bearer())
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        String jwks = new JWKSet(new RSAKey.Builder(TestJwts.publicKey())
                        .keyID("test-active")
                        .build())
                .toString(true);
        server.stubFor(get(urlEqualTo("/auth/oauth2/jwks"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(jwks)));
        return server;
    }

    /** jwk-set-uri and the token policy's issuer/audience, no PEM: the JWK set is the only key source. */
    static final class Provider implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "identityProvider",
                            Map.of(
                                    "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                                    "http://127.0.0.1:" + PROVIDER.port() + "/auth/oauth2/jwks",
                                    "spring.security.oauth2.resourceserver.jwt.public-key-location",
                                    "file:/nonexistent/jwt-public.pem",
                                    TestJwts.ISSUER_PROPERTY,
                                    TestJwts.ISSUER,
                                    TestJwts.AUDIENCES_PROPERTY,
                                    TestJwts.AUDIENCE)));
        }
    }
}
