package org.permitwatch.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One WireMock server per downstream service, found by the gateway's {@code lb://} routes through Spring
 * Cloud's simple discovery client instead of Eureka. Each answers every API path with its own name, so a
 * test sees which service a prefix reached.
 */
final class Downstreams {

    static final List<String> SERVICES =
            List.of("permit-sync", "inspection-service", "liaison-service", "reporting-service");

    private final Map<String, WireMockServer> servers = new LinkedHashMap<>();

    Downstreams(List<String> services) {
        for (String service : services) {
            WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            servers.put(service, server);
        }
        resetStubs();
    }

    WireMockServer of(String service) {
        return servers.get(service);
    }

    void resetStubs() {
        servers.forEach((service, server) -> {
            server.resetAll();
            server.stubFor(any(urlPathMatching("/api/v1/.*"))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withHeader("Location", "/api/v1/somewhere/1")
                            .withBody("{\"service\":\"" + service + "\"}")));
            server.stubFor(get(urlEqualTo("/v3/api-docs"))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"" + service + "\"}}")));
        });
    }

    void register(DynamicPropertyRegistry registry) {
        registry.add("eureka.client.enabled", () -> "false");
        servers.forEach((service, server) -> registry.add(
                "spring.cloud.discovery.client.simple.instances." + service + "[0].uri",
                () -> "http://127.0.0.1:" + server.port()));
    }

    void stop() {
        servers.values().forEach(WireMockServer::stop);
    }
}
