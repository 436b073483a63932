package org.permitwatch.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IdentityIntegrationTest
class SkeletonIT {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void discoveryJwksAndLocalCliToken() throws Exception {
        JsonNode discovery = get("/auth/.well-known/openid-configuration");
        assertThat(discovery.get("issuer").asString()).isEqualTo(IdentityIntegrationTest.ISSUER);
        assertThat(discovery.get("jwks_uri").asString()).isEqualTo(IdentityIntegrationTest.ISSUER + "/oauth2/jwks");
        JsonNode jwks = get("/auth/oauth2/jwks");
        assertThat(jwks.get("keys").size()).isGreaterThanOrEqualTo(1);
        String basic = Base64.getEncoder()
                .encodeToString(("permitwatch-local-cli:" + IdentityIntegrationTest.CLI_SECRET)
                        .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> token = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/auth/oauth2/token"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "grant_type=client_credentials&role=CITY&division=140100&ttl=1h"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(get("/auth/readyz")).isNotNull();
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
