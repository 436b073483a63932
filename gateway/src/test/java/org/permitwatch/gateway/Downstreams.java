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
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * One WireMock server per downstream service, found by the gateway's {@code lb://} routes through Spring
 * Cloud's simple discovery client instead of Eureka. Each answers every API path with its own name, so a
 * test sees which service a prefix reached.
 *
 * <p>The identity provider answers under its context path {@code /auth} (its API, pages and OAuth2 endpoints) and
 * serves its OpenAPI document at {@code /auth/v3/api-docs}.
 *
 * <p>{@link #SHARED} serves all six services for the whole test JVM; {@link Initializer} registers them in the
 * contexts of {@link GatewayIntegrationTest}. The servers outlive the test classes: a class resets their stubs and
 * request journals ({@link #resetStubs}) before it counts requests.
 */
final class Downstreams {

    static final List<String> SERVICES = List.of(
            "permit-sync",
            "inspection-service",
            "liaison-service",
            "reporting-service",
            "identity-service",
            "monitoring-service");

    /** One server per service, started once per JVM. */
    static final Downstreams SHARED = new Downstreams(SERVICES);

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
            server.stubFor(any(urlPathMatching("/api/v1/.*|/auth(/.*)?"))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withHeader("Location", "/api/v1/somewhere/1")
                            .withBody("{\"service\":\"" + service + "\"}")));
            server.stubFor(get(urlEqualTo("identity-service".equals(service) ? "/auth/v3/api-docs" : "/v3/api-docs"))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"" + service + "\"}}")));
        });
    }

    /** The gateway finds the {@link #SHARED} servers through the simple discovery client. */
    static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Map<String, Object> instances = new LinkedHashMap<>();
            SHARED.servers.forEach((service, server) -> instances.put(
                    "spring.cloud.discovery.client.simple.instances." + service + "[0].uri",
                    "http://127.0.0.1:" + server.port()));
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("downstreams", instances));
        }
    }
}
