package org.permitwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The platform's identity provider as the harness uses it (issue 15), always through the gateway: the demo users run.sh
 * wrote (keys/demo-users.json: passwords and TOTP secrets), people signing in ({@link SignIn}), users and city-system
 * clients created through the admin API, and a city system's client-credentials token.
 */
final class Identity {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Platform platform;
    private final Api gateway;
    private final SignIn signIn;

    Identity(Platform platform, Api gateway) {
        this.platform = platform;
        this.gateway = gateway;
        this.signIn = new SignIn(platform.gatewayUrl());
    }

    /** A demo user's credentials as run.sh wrote them (0600, under the platform's keys). */
    SignIn.Credentials demoUser(String username) {
        try {
            JsonNode users = Api.JSON.readTree(
                    Files.readString(platform.local.resolve("keys/demo-users.json"), StandardCharsets.UTF_8));
            for (JsonNode user : users) {
                if (username.equals(user.get("username").asString())) {
                    return new SignIn.Credentials(
                            username,
                            user.get("password").asString(),
                            user.has("totpSecret") ? user.get("totpSecret").asString() : null,
                            user.has("piiRead") && user.get("piiRead").asBoolean());
                }
            }
            throw new IllegalStateException("no demo user " + username + " in keys/demo-users.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A demo inspector run.sh registered (certificate number) and gave a user (demo-inspectors.json). */
    record DemoInspector(String certificateNo, SignIn.Credentials credentials) {}

    List<DemoInspector> demoInspectors() {
        try {
            JsonNode entries = Api.JSON.readTree(
                    Files.readString(platform.local.resolve("keys/demo-inspectors.json"), StandardCharsets.UTF_8));
            List<DemoInspector> out = new java.util.ArrayList<>();
            for (JsonNode entry : entries) {
                out.add(new DemoInspector(
                        entry.get("certificateNo").asString(),
                        new SignIn.Credentials(
                                entry.get("username").asString(),
                                entry.get("password").asString(),
                                null,
                                false)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SignIn.Session signIn(SignIn.Credentials who) {
        return signIn.signIn(who);
    }

    /**
     * An INSPECTOR user for a registered inspector, created by an administrator (a city manages its inspectors'
     * users), with a fresh password the policy accepts; the inspector's directory id becomes the token's subject.
     */
    SignIn.Credentials createInspectorUser(
            String adminToken, String username, String displayName, String division, String inspectorId) {
        String password = password();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("displayName", displayName);
        body.put("role", "INSPECTOR");
        body.put("division", division);
        body.put("inspectorId", inspectorId);
        body.put("password", password);
        Api.Reply created = gateway.post("/auth/api/v1/users", adminToken, body);
        assertThat(created.status()).as("create user %s: %s", username, created).isEqualTo(201);
        return new SignIn.Credentials(username, password, null, false);
    }

    /** A city system's credentials: the client id and the secret the admin API shows once. */
    record Client(String clientId, String secret) {}

    Client registerClient(String adminToken, String name, String division, List<String> scopes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("division", division);
        body.put("scopes", scopes);
        Api.Reply created = gateway.post("/auth/api/v1/clients", adminToken, body);
        assertThat(created.status()).as("register client %s: %s", name, created).isEqualTo(201);
        JsonNode json = created.json();
        return new Client(
                json.get("clientId").asString(), json.get("clientSecret").asString());
    }

    /** client_credentials with client_secret_basic, through the gateway; the answer (not 429) for the test to judge. */
    HttpResponse<String> clientToken(Client client, String scope) {
        String basic = Base64.getEncoder()
                .encodeToString((client.clientId() + ":" + client.secret()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/auth/oauth2/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        SignIn.form(Map.of("grant_type", "client_credentials", "scope", scope))))
                .build();
        try {
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            // The token endpoint shares the gateway's per-address budget with every anonymous call of the run: wait
            // out a 429 as a well-behaved city system does.
            for (int attempt = 0; ; attempt++) {
                HttpResponse<String> reply = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (reply.statusCode() != 429 || attempt >= 20) {
                    return reply;
                }
                SignIn.sleep(Duration.ofSeconds(
                        Long.parseLong(reply.headers().firstValue("Retry-After").orElse("1"))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** 20 random characters of the four classes (the provider's policy: at least 12, three classes). */
    private static String password() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).replace('+', 'x').replace('/', 'y') + "-7Kq";
    }
}
