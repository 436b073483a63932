package org.permitwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every response the gateway produces itself — not a routed service's — is RFC 9457 problem+json in the platform
 * shape (type, title, status, detail, code, traceId), including the ones Spring Security's firewall, the CORS
 * processor and Reactor Netty's header limit answer before any controller runs. Bodies never name Java types.
 */
// /api/v1/plans/boom fails in a filter the way a bug would (GatewayTestConfiguration): the message names an internal
// type that must not leak.
@GatewayIntegrationTest
class GatewayEdgeProblemsIT {

    static final Downstreams DOWNSTREAMS = Downstreams.SHARED;

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        DOWNSTREAMS.resetStubs();
        client = GatewayClients.unpooled(port);
    }

    private static void assertProblem(WebTestClient.ResponseSpec response, int status, String code) {
        response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:permitwatch:problem:" + code)
                .jsonPath("$.code")
                .isEqualTo(code)
                .jsonPath("$.status")
                .isEqualTo(status)
                .jsonPath("$.title")
                .isNotEmpty()
                .jsonPath("$.detail")
                .isNotEmpty()
                .jsonPath("$.traceId")
                .value(traceId -> assertThat((String) traceId).matches("[0-9a-f]{32}"));
    }

    @Test
    void unknownRouteIs404Problem() {
        assertProblem(
                client.get()
                        .uri("/api/v1/nowhere/1")
                        .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("CITY", "140100"))
                        .exchange(),
                404,
                "not-found");
    }

    @Test
    void unexposedActuatorEndpointIs404Problem() {
        assertProblem(
                client.get()
                        .uri("/actuator/env")
                        .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("PROVINCE", "140000"))
                        .exchange(),
                404,
                "not-found");
    }

    @Test
    void wrongMethodOnAnActuatorPathIs405ProblemWithAllow() {
        WebTestClient.ResponseSpec response = client.post().uri("/readyz").exchange();
        assertProblem(response, 405, "method-not-allowed");
        response.expectHeader()
                .value(HttpHeaders.ALLOW, allow -> assertThat(allow).contains("GET"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {"/api/v1/plans/a%2F..%2Fb", "/api/v1/directory/units;jsessionid=1", "/api/v1/directory/units/%00"
            })
    void firewallRejectionIs400Problem(String path) throws IOException {
        // An encoded slash, a semicolon, an encoded NUL: StrictServerWebExchangeFirewall's rejections (path confusion).
        RawResponse response = raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "Authorization: "
                + TestJwts.bearer("CITY", "140100") + "\r\nConnection: close\r\n\r\n");
        response.assertProblem(400, "request-rejected");
        Downstreams.SERVICES.forEach(service -> DOWNSTREAMS
                .of(service)
                .verify(
                        0,
                        com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                                com.github.tomakehurst.wiremock.client.WireMock.anyUrl())));
    }

    @Test
    void tooLargeHeaderIs431Problem() throws IOException {
        String big = "x".repeat(20_000);
        RawResponse response = raw("GET /api/v1/public/units HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + big
                + "\r\nConnection: close\r\n\r\n");
        response.assertProblem(431, "header-too-large");
    }

    @Test
    void corsRejectionIs403Problem() {
        assertProblem(
                client.options()
                        .uri("/api/v1/inspections")
                        .header(HttpHeaders.ORIGIN, "https://evil.example")
                        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                        .exchange(),
                403,
                "cors-rejected");
    }

    @Test
    void controlCharacterInAQueryParameterIs400ProblemNamingIt() {
        // The input guard (platform-support) runs at the gateway as well: refused before any service is called.
        WebTestClient.ResponseSpec response = client.get()
                .uri(java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/directory/units?q=a%00b"))
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("CITY", "140100"))
                .exchange();
        response.expectStatus()
                .isEqualTo(400)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(400)
                .jsonPath("$.errors[0].field")
                .isEqualTo("q")
                .jsonPath("$.traceId")
                .isNotEmpty();
        Downstreams.SERVICES.forEach(service -> DOWNSTREAMS
                .of(service)
                .verify(
                        0,
                        com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                                com.github.tomakehurst.wiremock.client.WireMock.anyUrl())));
    }

    @Test
    void unexpectedErrorIs500ProblemWithoutInternals() {
        WebTestClient.ResponseSpec response = client.get()
                .uri("/api/v1/plans/boom")
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("CITY", "140100"))
                .exchange();
        response.expectStatus()
                .isEqualTo(500)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .value(body -> assertThat(body)
                        .contains("\"code\":\"internal-error\"")
                        .contains("\"traceId\"")
                        .doesNotContain("Secret")
                        .doesNotContain("IllegalState")
                        .doesNotContain("org.permitwatch")
                        .doesNotContain("trace\":")
                        .doesNotContain("exception"));
    }

    private RawResponse raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return new RawResponse(bytes.toString(StandardCharsets.UTF_8));
        }
    }

    private record RawResponse(String text) {
        void assertProblem(int status, String code) {
            assertThat(text).startsWith("HTTP/1.1 " + status);
            String head =
                    text.substring(0, Math.max(0, text.indexOf("\r\n\r\n"))).toLowerCase();
            assertThat(head).contains("content-type: application/problem+json");
            String body = text.substring(text.indexOf("\r\n\r\n") + 4);
            for (String field : List.of(
                    "\"type\":\"urn:permitwatch:problem:" + code + "\"",
                    "\"code\":\"" + code + "\"",
                    "\"status\":" + status,
                    "\"title\":",
                    "\"detail\":",
                    "\"traceId\":")) {
                assertThat(body).contains(field);
            }
        }
    }
}
