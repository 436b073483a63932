package org.permitwatch.mock;

import com.github.tomakehurst.wiremock.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A plain HTTP client of the contract for the tests: real sockets, no WireMock client API. */
final class PlatformClient {

    record Reply(int status, String body, HttpResponse<String> raw) {

        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return Json.read(body, Map.class);
        }

        int code() {
            return ((Number) json().get("code")).intValue();
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> data() {
            return (Map<String, Object>) json().get("data");
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> records() {
            return (List<Map<String, Object>>) data().get("records");
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final NationalPlatformMock mock;
    private String token;

    PlatformClient(NationalPlatformMock mock) {
        this.mock = mock;
    }

    Reply tokenRequest(String form) {
        return send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    }

    String login() {
        Reply r = tokenRequest(
                "grant_type=client_credentials&client_id=" + mock.clientId() + "&client_secret=" + mock.clientSecret());
        if (r.status() != 200) {
            throw new IllegalStateException("login failed: " + r.status() + " " + r.body());
        }
        token = (String) r.json().get("access_token");
        return token;
    }

    Reply get(String pathAndQuery) {
        if (token == null) {
            login();
        }
        return getWithToken(pathAndQuery, token);
    }

    Reply getWithToken(String pathAndQuery, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(mock.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(20))
                .GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    Reply list(String query) {
        return get("/api/v1/permits?" + query);
    }

    Reply admin(String method, String path, String json) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(mock.baseUrl() + path)).header("Content-Type", "application/json");
        b.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return send(b.build());
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
