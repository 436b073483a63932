package org.permitwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.permitwatch.registry.RegistryClientHttp.instanceJson;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.registry.RegistryClientHttp.Credentials;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 11, registry hijack: the requests an attacker would send to take over REPORTING-SERVICE (register an
 * instance at their own address, force its status, delete the real one) must fail without the reporting service's
 * own credentials — anonymously with 401, with another client's credentials with 403.
 */
@RegistryIntegrationTest
class RegistrySecurityIT {

    // Test-only values, random-looking and long enough for the registry's minimum length.
    static final String GATEWAY_PASSWORD = "test-gateway-3f9c1e7a5b2d4c6e8f0a";
    static final String INSPECTION_PASSWORD = "test-inspection-7d1e9a3c5b7f2e4d6c8a";
    static final String REPORTING_PASSWORD = "test-reporting-a4c6e8f0b2d4f6a8c0e2";
    static final String PEER_PASSWORD = "test-peer-registry-b5d7f9a1c3e5a7c9e1f3";
    static final String METRICS_PASSWORD = "test-metrics-c6e8a0b2d4f6a8c0e2b4";
    static final String IDENTITY_PASSWORD = "test-identity-d8f0a2c4e6b8d0f2a4c6";

    static final Credentials GATEWAY = new Credentials("gateway", GATEWAY_PASSWORD);
    static final Credentials INSPECTION = new Credentials("inspection-service", INSPECTION_PASSWORD);
    static final Credentials REPORTING = new Credentials("reporting-service", REPORTING_PASSWORD);
    static final Credentials PEER = new Credentials("registry", PEER_PASSWORD);
    static final Credentials METRICS = new Credentials("metrics", METRICS_PASSWORD);
    static final Credentials IDENTITY = new Credentials("identity-service", IDENTITY_PASSWORD);

    private static final String APP = "/eureka/apps/REPORTING-SERVICE";
    private static final String GENUINE = "10.0.0.4:reporting-service:8084";
    private static final String ROGUE = "203.0.113.66:reporting-service:8084";

    @LocalServerPort
    int port;

    RegistryClientHttp registry;

    @BeforeEach
    void setUp() throws Exception {
        registry = new RegistryClientHttp(port);
        // Start each test from a registry without REPORTING-SERVICE instances.
        registry.send("DELETE", APP + "/" + GENUINE, null, REPORTING);
        registry.send("DELETE", APP + "/" + ROGUE, null, REPORTING);
    }

    @Test
    void anonymousRegisterStatusOverrideAndDeleteAreRefused() throws Exception {
        String rogue = instanceJson("REPORTING-SERVICE", ROGUE, "203.0.113.66", 8084);
        assertThat(registry.send("POST", APP, rogue, null).statusCode()).isEqualTo(401);
        // The same request by the other spellings Eureka accepts.
        assertThat(registry.send("POST", "/eureka/apps/reporting-service", rogue, null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(registry.send("POST", "/eureka/v2/apps/REPORTING-SERVICE", rogue, null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(registry.send("PUT", APP + "/" + ROGUE + "/status?value=UP", null, null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(registry.send("PUT", APP + "/" + ROGUE, null, null).statusCode())
                .isEqualTo(401);
        assertThat(registry.send("POST", "/eureka/peerreplication/batch/", "{\"replicationList\":[]}", null)
                        .statusCode())
                .isEqualTo(401);
        assertNotRegistered(ROGUE);

        registerGenuineInstance();
        assertThat(registry.send("PUT", APP + "/" + GENUINE + "/status?value=OUT_OF_SERVICE", null, null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(registry.send("DELETE", APP + "/" + GENUINE, null, null).statusCode())
                .isEqualTo(401);
        assertThat(registry.send("GET", APP, null, GATEWAY).body())
                .contains(GENUINE)
                .contains("\"UP\"");
    }

    @Test
    void anotherServiceCannotRegisterOverrideOrDeleteTheApplication() throws Exception {
        String rogue = instanceJson("REPORTING-SERVICE", ROGUE, "203.0.113.66", 8084);
        for (Credentials other : new Credentials[] {INSPECTION, GATEWAY}) {
            assertThat(registry.send("POST", APP, rogue, other).statusCode()).isEqualTo(403);
            assertThat(registry.send("POST", "/eureka/apps/reporting-service", rogue, other)
                            .statusCode())
                    .isEqualTo(403);
            assertThat(registry.send("POST", "/eureka/v2/apps/REPORTING-SERVICE", rogue, other)
                            .statusCode())
                    .isEqualTo(403);
            assertThat(registry.send("POST", "/eureka/peerreplication/batch/", "{\"replicationList\":[]}", other)
                            .statusCode())
                    .isEqualTo(403);
        }
        assertNotRegistered(ROGUE);

        registerGenuineInstance();
        assertThat(registry.send("PUT", APP + "/" + GENUINE + "/status?value=OUT_OF_SERVICE", null, INSPECTION)
                        .statusCode())
                .isEqualTo(403);
        assertThat(registry.send("PUT", APP + "/" + GENUINE + "/metadata?zone=evil", null, INSPECTION)
                        .statusCode())
                .isEqualTo(403);
        assertThat(registry.send("DELETE", APP + "/" + GENUINE, null, INSPECTION)
                        .statusCode())
                .isEqualTo(403);
        assertThat(registry.send("DELETE", APP + "/" + GENUINE, null, GATEWAY).statusCode())
                .isEqualTo(403);
        HttpResponse<String> app = registry.send("GET", APP, null, GATEWAY);
        assertThat(app.body()).contains(GENUINE).contains("\"UP\"").doesNotContain("OUT_OF_SERVICE");
    }

    @Test
    void theOwnerRegistersRenewsOverridesAndDeletesAndEveryClientReads() throws Exception {
        registerGenuineInstance();
        assertThat(registry.send("PUT", APP + "/" + GENUINE, null, REPORTING).statusCode())
                .isEqualTo(200);
        for (Credentials reader : new Credentials[] {GATEWAY, INSPECTION, REPORTING, PEER}) {
            assertThat(registry.send("GET", "/eureka/apps/", null, reader).statusCode())
                    .isEqualTo(200);
            assertThat(registry.send("GET", APP, null, reader).body()).contains(GENUINE);
        }
        assertThat(registry.send("PUT", APP + "/" + GENUINE + "/status?value=OUT_OF_SERVICE", null, REPORTING)
                        .statusCode())
                .isEqualTo(200);
        assertThat(registry.send("DELETE", APP + "/" + GENUINE + "/status?value=UP", null, REPORTING)
                        .statusCode())
                .isEqualTo(200);
        assertThat(registry.send("DELETE", APP + "/" + GENUINE, null, REPORTING).statusCode())
                .isEqualTo(200);
        assertNotRegistered(GENUINE);
    }

    @Test
    void aRegistryPeerMayWriteEveryApplication() throws Exception {
        String instance = instanceJson("REPORTING-SERVICE", GENUINE, "10.0.0.4", 8084);
        assertThat(registry.send("POST", APP, instance, PEER).statusCode()).isEqualTo(204);
        assertThat(registry.send("POST", "/eureka/peerreplication/batch/", "{\"replicationList\":[]}", PEER)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void wrongPasswordsAndUnknownClientsAreUnauthorized() throws Exception {
        String rogue = instanceJson("REPORTING-SERVICE", ROGUE, "203.0.113.66", 8084);
        Credentials wrongPassword = new Credentials("reporting-service", REPORTING_PASSWORD + "x");
        Credentials unknown = new Credentials("attacker", REPORTING_PASSWORD);
        Credentials emptyPassword = new Credentials("liaison-service", "");
        for (Credentials bad : new Credentials[] {wrongPassword, unknown, emptyPassword}) {
            HttpResponse<String> refused = registry.send("POST", APP, rogue, bad);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Basic"));
            assertThat(registry.send("GET", "/eureka/apps/", null, bad).statusCode())
                    .isEqualTo(401);
        }
        assertNotRegistered(ROGUE);
    }

    @Test
    void readsAndTheDashboardNeedCredentialsButProbesDoNot() throws Exception {
        assertThat(registry.send("GET", "/eureka/apps/", null, null).statusCode())
                .isEqualTo(401);
        assertThat(registry.send("GET", APP, null, null).statusCode()).isEqualTo(401);
        assertThat(registry.send("GET", "/", null, null).statusCode()).isEqualTo(401);
        assertThat(registry.send("GET", "/", null, GATEWAY).statusCode()).isEqualTo(200);
        assertThat(registry.send("GET", "/actuator/health/readiness", null, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(registry.send("GET", "/actuator/health/liveness", null, null).statusCode())
                .isEqualTo(200);
        assertThat(registry.send("GET", "/actuator/info", null, null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void metricsAreForTheScraperWhichReadsNothingElse() throws Exception {
        // Issue 11 item 7: no anonymous metrics on any port, the registry's included.
        assertThat(registry.send("GET", "/actuator/prometheus", null, null, "text/plain")
                        .statusCode())
                .isEqualTo(401);
        HttpResponse<String> scraped = registry.send("GET", "/actuator/prometheus", null, METRICS, "text/plain");
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("jvm_memory_used_bytes");
        // The scraper learns no instance address: neither the registry's REST API nor the dashboard.
        registerGenuineInstance();
        assertThat(registry.send("GET", APP, null, METRICS).statusCode()).isEqualTo(403);
        assertThat(registry.send("GET", "/eureka/apps/", null, METRICS).statusCode())
                .isEqualTo(403);
        assertThat(registry.send("GET", "/", null, METRICS).statusCode()).isEqualTo(403);
        assertThat(registry.send("POST", APP, instanceJson("REPORTING-SERVICE", ROGUE, "203.0.113.66", 8084), METRICS)
                        .statusCode())
                .isEqualTo(403);
        assertNotRegistered(ROGUE);
    }

    @Test
    void theIdentityProviderRegistersItselfAndNothingElse() throws Exception {
        // Issue 15: identity-service is a registry client like the services — its own application only, so a stolen
        // identity password cannot redirect another service's traffic, and no other client can stand in for the
        // provider (the gateway sends every sign-in there).
        String idp = "/eureka/apps/IDENTITY-SERVICE";
        String genuine = "10.0.0.5:identity-service:8085";
        String instance = instanceJson("IDENTITY-SERVICE", genuine, "10.0.0.5", 8085);
        try {
            assertThat(registry.send("POST", idp, instance, INSPECTION).statusCode())
                    .isEqualTo(403);
            assertThat(registry.send("POST", idp, instance, null).statusCode()).isEqualTo(401);
            assertThat(registry.send("POST", idp, instance, IDENTITY).statusCode())
                    .isEqualTo(204);
            assertThat(registry.send("GET", idp, null, GATEWAY).body()).contains(genuine);
            assertThat(registry.send(
                                    "POST",
                                    APP,
                                    instanceJson("REPORTING-SERVICE", ROGUE, "203.0.113.66", 8084),
                                    IDENTITY)
                            .statusCode())
                    .isEqualTo(403);
            assertNotRegistered(ROGUE);
        } finally {
            registry.send("DELETE", idp + "/" + genuine, null, IDENTITY);
        }
    }

    private void registerGenuineInstance() throws Exception {
        String instance = instanceJson("REPORTING-SERVICE", GENUINE, "10.0.0.4", 8084);
        assertThat(registry.send("POST", APP, instance, REPORTING).statusCode()).isEqualTo(204);
    }

    private void assertNotRegistered(String instanceId) throws Exception {
        HttpResponse<String> app = registry.send("GET", APP, null, PEER);
        assertThat(app.statusCode() == 404 || !app.body().contains(instanceId))
                .as("%s must not be in the registry: %s", instanceId, app.body())
                .isTrue();
    }
}
