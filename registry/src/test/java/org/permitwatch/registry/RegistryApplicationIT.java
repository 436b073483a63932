package org.permitwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Smoke test: the registry starts, reports ready and accepts a registration over the Eureka REST API from the
 * service's own client (writes need credentials since issue 11, see RegistrySecurityIT).
 */
@RegistryIntegrationTest
class RegistryApplicationIT {

    /** Test-only value. */
    static final String PASSWORD = "test-permit-sync-0c2e4a6c8e0a2c4e6a8c";

    @LocalServerPort
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void readinessAndLivenessAreUp() throws Exception {
        HttpResponse<String> readiness = get("/actuator/health/readiness", "application/json");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"UP\"");
        assertThat(get("/actuator/health/liveness", "application/json").statusCode())
                .isEqualTo(200);
    }

    @Test
    void registeredInstanceIsListedWithLoopbackAddress() throws Exception {
        String instance = """
                {"instance":{"instanceId":"127.0.0.1:permit-sync:9999","hostName":"127.0.0.1","app":"PERMIT-SYNC",
                 "ipAddr":"127.0.0.1","status":"UP","port":{"$":9999,"@enabled":"true"},
                 "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"}}}
                """;
        HttpResponse<String> registered = http.send(
                HttpRequest.newBuilder(uri("/eureka/apps/PERMIT-SYNC"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", basicAuth())
                        .POST(HttpRequest.BodyPublishers.ofString(instance))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).isEqualTo(204);

        HttpResponse<String> app = get("/eureka/apps/PERMIT-SYNC", "application/json");
        assertThat(app.statusCode()).isEqualTo(200);
        assertThat(app.body()).contains("127.0.0.1:permit-sync:9999").contains("\"UP\"");
    }

    @Test
    void unknownApplicationIsNotFound() throws Exception {
        assertThat(get("/eureka/apps/NO-SUCH-SERVICE", "application/json").statusCode())
                .isEqualTo(404);
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Accept", accept)
                        .header("Authorization", basicAuth())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String basicAuth() {
        return "Basic "
                + Base64.getEncoder().encodeToString(("permit-sync:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
