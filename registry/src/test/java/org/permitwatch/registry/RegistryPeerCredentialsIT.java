package org.permitwatch.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.permitwatch.registry.RegistryClientHttp.instanceJson;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.permitwatch.registry.RegistryClientHttp.Credentials;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A replica (k8s: registry-0 and registry-1, ADR 0006) sends the peer credentials on everything it sends to its
 * peer — its own registration and the replication of what its clients registered — or the peer, which refuses
 * anonymous writes like any registry, would drop it. The peer is a WireMock stand-in that records the calls.
 */
// A context of its own (not @RegistryIntegrationTest): this replica has a peer to register and replicate to, the
// shared context is a standalone registry.
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.register-with-eureka=true",
            "eureka.client.fetch-registry=true",
            "eureka.client.initial-instance-info-replication-interval-seconds=1",
            "eureka.client.registry-fetch-interval-seconds=1",
            // The peer URL names 127.0.0.1; this replica must not take it for itself.
            "eureka.instance.hostname=localhost",
            "eureka.instance.prefer-ip-address=false",
            "REGISTRY_PASSWORD_REGISTRY=" + RegistryPeerCredentialsIT.PEER_PASSWORD,
            "REGISTRY_PASSWORD_REPORTING_SERVICE=" + RegistryPeerCredentialsIT.REPORTING_PASSWORD
        })
class RegistryPeerCredentialsIT {

    // Test-only values.
    static final String PEER_PASSWORD = "test-peer-registry-d1f3b5d7f9b1d3f5b7d9";
    static final String REPORTING_PASSWORD = "test-reporting-e2a4c6e8a0c2e4a6c8e0";
    private static final String PEER_BASIC = "Basic "
            + Base64.getEncoder().encodeToString(("registry:" + PEER_PASSWORD).getBytes(StandardCharsets.UTF_8));

    static final WireMockServer peer =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @DynamicPropertySource
    static void peerUrl(DynamicPropertyRegistry properties) {
        peer.start();
        peer.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
        properties.add("eureka.client.service-url.defaultZone", () -> "http://127.0.0.1:" + peer.port() + "/eureka/");
    }

    @AfterAll
    static void stopPeer() {
        peer.stop();
    }

    @LocalServerPort
    int port;

    @Test
    void registrationAndReplicationToThePeerCarryThePeerCredentials() throws Exception {
        String instance = instanceJson("REPORTING-SERVICE", "10.0.0.4:reporting-service:8084", "10.0.0.4", 8084);
        assertThat(new RegistryClientHttp(port)
                        .send(
                                "POST",
                                "/eureka/apps/REPORTING-SERVICE",
                                instance,
                                new Credentials("reporting-service", REPORTING_PASSWORD))
                        .statusCode())
                .isEqualTo(204);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while ((peer.findAll(postRequestedFor(urlPathMatching("/eureka/peerreplication/batch/?")))
                                .isEmpty()
                        || peer.findAll(postRequestedFor(urlPathMatching("/eureka/apps/REGISTRY/?")))
                                .isEmpty())
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(peer.findAll(postRequestedFor(urlPathMatching("/eureka/peerreplication/batch/?"))))
                .as("replication of REPORTING-SERVICE")
                .isNotEmpty();
        assertThat(peer.findAll(postRequestedFor(urlPathMatching("/eureka/apps/REGISTRY/?"))))
                .as("the replica's own registration")
                .isNotEmpty();
        List<LoggedRequest> calls = peer.findAll(anyRequestedFor(anyUrl()));
        assertThat(calls)
                .allSatisfy(call -> assertThat(call.getHeader("Authorization"))
                        .as("%s %s", call.getMethod(), call.getUrl())
                        .isEqualTo(PEER_BASIC));
    }
}
