package org.permitwatch.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway reads the registry as its own client (issue 11): REGISTRY_PASSWORD becomes HTTP basic credentials on
 * every registry call, and the gateway never tries to register (its client may only read). The registry is a
 * WireMock stand-in that, like the real one, answers 401 without the credentials.
 */
// A context of its own: the only gateway test with Eureka on. The stand-in must run, and EUREKA_URL and
// REGISTRY_PASSWORD be set, before the context starts: platform-test-support's listeners load the context in
// beforeTestClass, before a class's own @BeforeAll, so an extension declared ahead of @SpringBootTest (JUnit runs
// class-level extensions in declaration order) does it.
@ExtendWith(GatewayRegistryCredentialsIT.RegistryStandIn.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=true",
            "eureka.client.registry-fetch-interval-seconds=1",
            "eureka.client.initial-instance-info-replication-interval-seconds=1"
        })
class GatewayRegistryCredentialsIT {

    /** Test-only value. */
    private static final String PASSWORD = "test-gateway-5e7a9c1e3a5c7e9a1c3e";

    private static final String BASIC =
            "Basic " + Base64.getEncoder().encodeToString(("gateway:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    static WireMockServer registry;

    /** Starts the stand-in before the context, stops it after the class. */
    static final class RegistryStandIn implements BeforeAllCallback, AfterAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            startRegistry();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            stopRegistry();
        }
    }

    static void startRegistry() {
        registry = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        registry.start();
        registry.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(401)));
        registry.stubFor(
                get(urlPathMatching("/eureka/apps/.*"))
                        .atPriority(1)
                        .withHeader("Authorization", equalTo(BASIC))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"applications\":{\"versions__delta\":\"1\",\"apps__hashcode\":\"\",\"application\":[]}}")));
        // Read by the environment post-processor before the context starts, as the environment would be.
        System.setProperty("EUREKA_URL", "http://127.0.0.1:" + registry.port() + "/eureka/");
        System.setProperty("REGISTRY_PASSWORD", PASSWORD);
    }

    static void stopRegistry() {
        System.clearProperty("EUREKA_URL");
        System.clearProperty("REGISTRY_PASSWORD");
        registry.stop();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry properties) {
        TestJwts.register(properties);
    }

    @Test
    void everyRegistryCallCarriesTheGatewaysCredentialsAndNoneWrites() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (registry.findAll(getRequestedFor(urlPathMatching("/eureka/apps/.*")))
                                .size()
                        < 2
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        List<LoggedRequest> calls = registry.findAll(anyRequestedFor(anyUrl()));
        assertThat(calls).as("the gateway fetches the registry").hasSizeGreaterThanOrEqualTo(2);
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.getHeader("Authorization"))
                    .as("%s %s", call.getMethod(), call.getUrl())
                    .isEqualTo(BASIC);
            assertThat(call.getMethod().getName())
                    .as("the gateway only reads: %s", call.getUrl())
                    .isEqualTo("GET");
        });
    }
}
