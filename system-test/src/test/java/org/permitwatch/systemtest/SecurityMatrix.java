package org.permitwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;

/**
 * The attacks of issue 11 played against the running platform, each written so that it failed on the platform
 * before the fixes: the registry taken over anonymously, signed tokens with wrong claims, edge errors that were not
 * problem+json, forwarded-for spoofing around the rate limit, metrics on anonymous ports. Soft assertions: one run
 * lists every offending cell. The scope holes (clues, an inspector reading cases, draw publishing) and masking are in
 * {@link InputMatrix} and {@link ScopeChecks}.
 */
final class SecurityMatrix {

    private static final String ATTACKER_HOST = "127.0.0.9";

    private final Campaign c;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    SecurityMatrix(Campaign campaign) {
        this.c = campaign;
    }

    /**
     * Item 1: an anonymous caller registers a second REPORTING-SERVICE instance pointing elsewhere, overrides the real
     * one's status and deletes it. Every write must be refused, and the gateway must still reach the real service.
     */
    void registryRefusesAnonymousWrites() {
        String registry = c.platform.serviceUrl("REGISTRY_PORT") + "/eureka";
        Map<String, String> asReporting = basic("reporting-service");
        Map<String, String> asPermitSync = basic("permit-sync");
        // The real instance's id, read as its owner may: the attacks below aim at it.
        HttpResponse<String> apps =
                raw("GET", registry + "/apps/REPORTING-SERVICE", null, with(asReporting, "Accept", "application/json"));
        assertThat(apps.statusCode())
                .as("the owner reads its application: %s", apps.body())
                .isEqualTo(200);
        String realInstance = Api.JSON
                .readTree(apps.body())
                .at("/application/instance/0/instanceId")
                .asString();
        assertThat(realInstance).as("the real reporting-service instance").isNotBlank();
        String fakeInstance = ATTACKER_HOST + ":reporting-service:9";
        String registration = """
                {"instance":{"instanceId":"%s","hostName":"%s","app":"REPORTING-SERVICE","ipAddr":"%s",
                 "status":"UP","port":{"$":9,"@enabled":"true"},"securePort":{"$":443,"@enabled":"false"},
                 "vipAddress":"reporting-service","secureVipAddress":"reporting-service",
                 "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"}}}
                """.formatted(fakeInstance, ATTACKER_HOST, ATTACKER_HOST);
        SoftAssertions soft = new SoftAssertions();
        // Anonymous, and with another service's valid credentials (one compromised service must not take another's
        // name).
        for (Map.Entry<String, Map<String, String>> who : Map.of(
                        "anonymous", Map.<String, String>of(), "permit-sync's credentials", asPermitSync)
                .entrySet()) {
            int expected = who.getValue().isEmpty() ? 401 : 403;
            soft.assertThat(raw(
                                    "POST",
                                    registry + "/apps/REPORTING-SERVICE",
                                    registration,
                                    with(who.getValue(), "Content-Type", "application/json"))
                            .statusCode())
                    .as("%s: registration", who.getKey())
                    .isEqualTo(expected);
            soft.assertThat(raw(
                                    "POST",
                                    registry + "/apps/reporting-service",
                                    registration,
                                    with(who.getValue(), "Content-Type", "application/json"))
                            .statusCode())
                    .as("%s: registration, lower case", who.getKey())
                    .isEqualTo(expected);
            soft.assertThat(raw(
                                    "PUT",
                                    registry + "/apps/REPORTING-SERVICE/" + realInstance
                                            + "/status?value=OUT_OF_SERVICE",
                                    null,
                                    who.getValue())
                            .statusCode())
                    .as("%s: status override", who.getKey())
                    .isEqualTo(expected);
            soft.assertThat(raw("DELETE", registry + "/apps/REPORTING-SERVICE/" + realInstance, null, who.getValue())
                            .statusCode())
                    .as("%s: delete", who.getKey())
                    .isEqualTo(expected);
        }
        soft.assertThat(raw("GET", registry + "/apps", null, Map.of("Accept", "application/json"))
                        .statusCode())
                .as("anonymous read of every instance's address")
                .isEqualTo(401);
        soft.assertAll();
        // The real instance is still the only one, and UP: ten public reads in a row all reach it.
        HttpResponse<String> after =
                raw("GET", registry + "/apps/REPORTING-SERVICE", null, with(asReporting, "Accept", "application/json"));
        assertThat(after.body()).doesNotContain(ATTACKER_HOST).doesNotContain("OUT_OF_SERVICE");
        for (int i = 0; i < 10; i++) {
            assertThat(c.gateway.get("/api/v1/public/draws", null).status())
                    .as("public read %d after the attack", i)
                    .isEqualTo(200);
        }
    }

    /** A client's registry login, from the password run.sh created for it under the platform's keys. */
    private Map<String, String> basic(String client) {
        try {
            String password = java.nio.file.Files.readString(
                            c.platform.local.resolve("keys/registry/" + client + ".password"))
                    .strip();
            return Map.of(
                    "Authorization",
                    "Basic "
                            + java.util.Base64.getEncoder()
                                    .encodeToString((client + ":" + password)
                                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("no registry password for " + client, e);
        }
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> out = new java.util.LinkedHashMap<>(headers);
        out.put(name, value);
        return out;
    }

    /**
     * Item 2 and the division-level bullet of item 3: tokens signed with the identity provider's own active key (read
     * from its database with its KEK, issue 15) whose claims are wrong are refused with a 401 problem by the gateway and by a service reached directly.
     */
    void tokensWithWrongClaimsAreRefusedEverywhere() {
        String validToken = c.platform.token("CITY", Campaign.CITY, "--sub", "claims-probe");
        HostileTokens tokens = new HostileTokens(c.db, c.platform.local.resolve("keys/identity-kek"), validToken);
        Api direct = new Api(c.platform.serviceUrl("PERMIT_SYNC_PORT"));
        String path = "/api/v1/directory/units?size=1";
        SoftAssertions soft = new SoftAssertions();
        String control = tokens.valid();
        soft.assertThat(c.gateway.get(path, control).status())
                .as("control token through the gateway")
                .isEqualTo(200);
        soft.assertThat(direct.get(path, control).status())
                .as("control token straight to permit-sync")
                .isEqualTo(200);
        tokens.flawed().forEach((flaw, token) -> {
            for (Api target : new Api[] {c.gateway, direct}) {
                Api.Reply reply = target.get(path, token);
                soft.assertThat(reply.status())
                        .as("%s at %s: %s", flaw, target.base(), reply)
                        .isEqualTo(401);
                soft.assertThat(reply.isProblem())
                        .as("%s at %s is problem+json", flaw, target.base())
                        .isTrue();
                soft.assertThat(reply.body().length())
                        .as("%s at %s: a short answer, no stack trace", flaw, target.base())
                        .isLessThan(2000);
            }
        });
        soft.assertAll();
    }

    /** Item 6: what the gateway answers itself is problem+json and names no Java type. */
    void edgeErrorsAreProblems() {
        String token = c.city();
        SoftAssertions soft = new SoftAssertions();
        problem(soft, "unknown route", c.gateway.get("/api/v1/no-such-resource", token), 404);
        problem(soft, "unexposed actuator endpoint", c.gateway.get("/actuator/env", c.province()), 404);
        problem(
                soft,
                "wrong method on an actuator endpoint",
                c.gateway.send("DELETE", "/actuator/health", c.province(), null, Map.of()),
                404,
                405);
        problem(
                soft,
                "firewall: semicolon in the path",
                c.gateway.get("/api/v1/directory/units;jsessionid=1", token),
                400);
        problem(soft, "firewall: encoded NUL in the path", c.gateway.get("/api/v1/directory/units/%00", token), 400);
        problem(soft, "NUL in a query parameter", c.gateway.get("/api/v1/directory/units?q=a%00b", token), 400);
        problem(
                soft,
                "oversized header",
                c.gateway.send("GET", "/api/v1/directory/units", token, null, Map.of("X-Padding", "x".repeat(40_000))),
                431,
                400);
        HttpResponse<String> cors = raw(
                "OPTIONS",
                c.gateway.base() + "/api/v1/directory/units",
                null,
                Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "GET"));
        soft.assertThat(cors.statusCode())
                .as("CORS preflight from a foreign origin")
                .isEqualTo(403);
        soft.assertThat(cors.headers().firstValue("Content-Type").orElse(""))
                .as("CORS refusal: %s", cors.body())
                .startsWith("application/problem+json");
        // Type names: a malformed UUID and an unknown enum constant.
        problem(soft, "malformed UUID", c.gateway.get("/api/v1/cases/not-a-uuid", token), 400);
        problem(
                soft,
                "unknown enum constant",
                c.gateway.post(
                        "/api/v1/clues",
                        token,
                        Map.of(
                                "fromDepartment",
                                "NOPE",
                                "toDivisionCode",
                                Campaign.CITY,
                                "toDepartment",
                                "ENFORCEMENT",
                                "permitNumber",
                                "x",
                                "summary",
                                "x")),
                400);
        soft.assertAll();
    }

    private static void problem(SoftAssertions soft, String what, Api.Reply reply, Integer... statuses) {
        soft.assertThat(reply.status()).as("%s: %s", what, reply).isIn((Object[]) statuses);
        soft.assertThat(reply.isProblem())
                .as("%s is problem+json: %s", what, reply)
                .isTrue();
        soft.assertThat(reply.body())
                .as("%s names no Java type", what)
                .doesNotContain("java.")
                .doesNotContain("org.permitwatch")
                .doesNotContain("org.springframework");
    }

    /**
     * Item 7: a spoofed X-Forwarded-For does not buy a fresh anonymous budget, a single subject is limited before it
     * can take the platform, and metrics are not served anonymously on any port.
     */
    void rateLimitsEngageAndMetricsAreNotPublic() {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(firstRefusal(null, true, 3000))
                .as("anonymous calls each with a new X-Forwarded-For: " + "request number of the first 429")
                .isPositive();
        String hog = c.platform.token("CITY", Campaign.CITY, "--sub", "rate-probe-" + UUID.randomUUID());
        soft.assertThat(firstRefusal(hog, false, 3000))
                .as("one subject as fast as it can: request number of the first 429")
                .isPositive();
        for (String port :
                new String[] {"GATEWAY_PORT", "PERMIT_SYNC_PORT", "INSPECTION_PORT", "LIAISON_PORT", "REPORTING_PORT"
                }) {
            for (String endpoint : new String[] {"/actuator/prometheus", "/actuator/metrics"}) {
                int status = raw("GET", c.platform.serviceUrl(port) + endpoint, null, Map.of())
                        .statusCode();
                soft.assertThat(status).as("anonymous %s on %s", endpoint, port).isIn(401, 403, 404);
            }
            // ... while the scraper still gets them on the loopback-only management port.
            HttpResponse<String> scrape =
                    raw("GET", c.platform.managementUrl(port) + "/actuator/prometheus", null, Map.of());
            soft.assertThat(scrape.statusCode())
                    .as("metrics of %s on its management port", port)
                    .isEqualTo(200);
            soft.assertThat(scrape.body()).as("metrics of %s", port).contains("jvm_memory_used_bytes");
        }
        // The registry has no management port: its metrics need the scraper's login, which run.sh does not create.
        soft.assertThat(raw("GET", c.platform.serviceUrl("REGISTRY_PORT") + "/actuator/prometheus", null, Map.of())
                        .statusCode())
                .as("anonymous /actuator/prometheus on the registry")
                .isEqualTo(401);
        soft.assertAll();
    }

    /** Sends up to {@code limit} requests back to back; the number of the first 429, or -1 if none came. */
    private int firstRefusal(String token, boolean spoofForwardedFor, int limit) {
        for (int i = 1; i <= limit; i++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(c.gateway.base()
                            + (token == null ? "/api/v1/public/draws?size=1" : "/api/v1/directory/units?size=1")))
                    .timeout(Duration.ofSeconds(10))
                    .GET();
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (spoofForwardedFor) {
                request.header("X-Forwarded-For", "10." + (i / 65536 % 256) + "." + (i / 256 % 256) + "." + (i % 256));
            }
            if (send(request.build()).statusCode() == 429) {
                System.out.printf(
                        "[system-test] rate limit: first 429 after %d requests (%s)%n",
                        i, token == null ? "anonymous, spoofed X-Forwarded-For" : "one subject");
                Api.sleep(2000);
                return i;
            }
        }
        return -1;
    }

    private HttpResponse<String> raw(String method, String url, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Api.TransportFailure(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
