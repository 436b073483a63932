package org.permitwatch.systemtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.api.SoftAssertions;

/**
 * The edge (issue 11, items 6 and 7): every answer the gateway gives itself is problem+json; metrics are reachable on
 * no API port without a token, only on the loopback management ports; the rate limits engage for one subject and
 * for one anonymous peer however it forges X-Forwarded-For. Raw HTTP, not {@link Api}: Api waits out 429s.
 */
final class EdgeMatrix {

    private static final List<String> SPRING_PORTS = List.of("GATEWAY_PORT", "PERMIT_SYNC_PORT", "INSPECTION_PORT",
            "LIAISON_PORT", "REPORTING_PORT");

    private final Campaign c;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    EdgeMatrix(Campaign campaign) {
        this.c = campaign;
    }

    private record Cell(String what, String method, String path, String token, Map<String, String> headers, int status) {
    }

    void gatewayAnswersAreProblems() {
        String big = "x".repeat(20_000);
        List<Cell> cells = List.of(
                new Cell("unknown route", "GET", "/api/v1/nowhere/1", c.city, Map.of(), 404),
                new Cell("unexposed actuator", "GET", "/actuator/env", c.province, Map.of(), 404),
                new Cell("wrong method", "POST", "/readyz", null, Map.of(), 405),
                new Cell("firewall: encoded slash", "GET", "/api/v1/plans/a%2F..%2Fb", c.city, Map.of(), 400),
                new Cell("header too large", "GET", "/api/v1/public/units", null, Map.of("X-Big", big), 431),
                new Cell("CORS from a foreign origin", "OPTIONS", "/api/v1/inspections", null,
                        Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"), 403));
        SoftAssertions soft = new SoftAssertions();
        for (Cell cell : cells) {
            HttpResponse<String> response = send(c.platform.gatewayUrl(), cell.method(), cell.path(), cell.token(), cell.headers());
            String type = response.headers().firstValue("Content-Type").orElse("");
            soft.assertThat(response.statusCode()).as("%s: %s", cell.what(), response.body()).isEqualTo(cell.status());
            soft.assertThat(type).as("%s content type", cell.what()).startsWith("application/problem+json");
            soft.assertThat(response.body()).as("%s body", cell.what())
                    .contains("\"code\":").contains("\"traceId\":").contains("\"title\":").contains("\"detail\":");
        }
        soft.assertAll();
    }

    void metricsAreOnlyOnTheManagementPorts() {
        SoftAssertions soft = new SoftAssertions();
        for (String port : SPRING_PORTS) {
            String api = c.platform.serviceUrl(port);
            for (String path : List.of("/actuator/prometheus", "/actuator/metrics")) {
                HttpResponse<String> anonymous = send(api, "GET", path, null, Map.of());
                soft.assertThat(anonymous.statusCode()).as("%s %s anonymously: %s", port, path, anonymous.body())
                        .isIn(401, 404);
            }
            soft.assertThat(send(api, "GET", "/readyz", null, Map.of()).statusCode()).as("%s /readyz", port)
                    .isEqualTo(200);
            HttpResponse<String> scrape = send(c.platform.managementUrl(port), "GET", "/actuator/prometheus", null, Map.of());
            soft.assertThat(scrape.statusCode()).as("%s management port scrape", port).isEqualTo(200);
            soft.assertThat(scrape.body()).as("%s metrics", port).contains("jvm_memory_used_bytes");
        }
        soft.assertAll();
    }

    /** One subject alone, then one anonymous peer forging a new X-Forwarded-For per request: both meet 429s. */
    void rateLimitsEngage() {
        String greedy = c.platform.token("CITY", "140100", "--sub", "greedy-" + UUID.randomUUID());
        long subjectLimited = burst(i -> Map.of(), "/api/v1/public/units", greedy);
        long spoofLimited = burst(i -> Map.of("X-Forwarded-For", "203.0.113." + (i % 250)), "/api/v1/public/nowhere", null);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(subjectLimited).as("429s for one subject sending 200 requests at once").isPositive();
        soft.assertThat(spoofLimited).as("429s for one peer with 200 forged X-Forwarded-For").isPositive();
        soft.assertAll();
        // Let both buckets refill before the next test (the limit is per subject / per peer, 20/s).
        Api.sleep(4_000);
    }

    private long burst(java.util.function.IntFunction<Map<String, String>> headers, String path, String token) {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(http.sendAsync(request(c.platform.gatewayUrl(), "GET", path, token, headers.apply(i)),
                    HttpResponse.BodyHandlers.ofString()));
        }
        return calls.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 429).count();
    }

    private HttpResponse<String> send(String base, String method, String path, String token, Map<String, String> headers) {
        try {
            return http.send(request(base, method, path, token, headers), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest request(String base, String method, String path, String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return request.build();
    }
}
