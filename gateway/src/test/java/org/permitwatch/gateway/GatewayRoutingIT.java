package org.permitwatch.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

// liaison-service has a 1 s timeout in @GatewayIntegrationTest
@GatewayIntegrationTest
@SuppressWarnings("unchecked")
class GatewayRoutingIT {

    static final Downstreams DOWNSTREAMS = Downstreams.SHARED;

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        DOWNSTREAMS.resetStubs();
        client = GatewayClients.unpooled(port);
    }

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of("/api/v1/sync/runs", "permit-sync"),
                Arguments.of("/api/v1/directory/units", "permit-sync"),
                Arguments.of("/api/v1/checklists/c1", "inspection-service"),
                Arguments.of("/api/v1/plans/p1", "inspection-service"),
                Arguments.of("/api/v1/inspectors", "inspection-service"),
                Arguments.of("/api/v1/draws/d1", "inspection-service"),
                Arguments.of("/api/v1/tasks", "inspection-service"),
                Arguments.of("/api/v1/inspections/i1/findings", "inspection-service"),
                Arguments.of("/api/v1/findings/f1", "inspection-service"),
                Arguments.of("/api/v1/cases/c1", "inspection-service"),
                Arguments.of("/api/v1/rectifications/r1", "inspection-service"),
                Arguments.of("/api/v1/alerts", "inspection-service"),
                Arguments.of("/api/v1/remote-checks/runs", "inspection-service"),
                Arguments.of("/api/v1/discretion/rules", "inspection-service"),
                Arguments.of("/api/v1/document-templates", "inspection-service"),
                Arguments.of("/api/v1/liaisons", "liaison-service"),
                Arguments.of("/api/v1/deadlines/d1", "liaison-service"),
                Arguments.of("/api/v1/submissions", "liaison-service"),
                Arguments.of("/api/v1/notifications/n1", "liaison-service"),
                Arguments.of("/api/v1/clues/c1/feedback", "liaison-service"),
                Arguments.of("/api/v1/monitoring/points", "monitoring-service"),
                Arguments.of("/api/v1/monitoring/series", "monitoring-service"),
                Arguments.of("/api/v1/reports/summary", "reporting-service"),
                Arguments.of("/api/v1/public/disclosures", "reporting-service"),
                Arguments.of("/api/v1/public/draws", "reporting-service"),
                Arguments.of("/api/v1/public/draws/d1/inputs", "inspection-service"),
                Arguments.of("/auth/oauth2/authorize", "identity-service"),
                Arguments.of("/auth/api/v1/users", "identity-service"),
                Arguments.of("/auth/.well-known/openid-configuration", "identity-service"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("routes")
    void routesEachPrefixToItsServiceWithThePathUnchanged(String path, String service) {
        String pathAndQuery = path + "?page=0&size=20";
        client.get()
                .uri(pathAndQuery)
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("CITY", "140100"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.service")
                .isEqualTo(service);

        DOWNSTREAMS.of(service).verify(1, getRequestedFor(urlEqualTo(pathAndQuery)));
        Downstreams.SERVICES.stream()
                .filter(other -> !other.equals(service))
                .forEach(other -> DOWNSTREAMS.of(other).verify(0, anyRequestedFor(anyUrl())));
    }

    @Test
    void unknownApiPathIsNotRouted() {
        client.get()
                .uri("/api/v1/nowhere/1")
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("CITY", "140100"))
                .exchange()
                .expectStatus()
                .isNotFound();
        Downstreams.SERVICES.forEach(service -> DOWNSTREAMS.of(service).verify(0, anyRequestedFor(anyUrl())));
    }

    @Test
    void aPublishedDrawsInputsAreInspectionServicesAndNeedNoTokenWhileTheRestOfItsApiDoes() {
        // ADR 0027: the one anonymous inspection-service path, routed ahead of reporting's /api/v1/public/**
        client.get()
                .uri("/api/v1/public/draws/d1/inputs?page=0")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.service")
                .isEqualTo("inspection-service");
        DOWNSTREAMS
                .of("inspection-service")
                .verify(
                        1,
                        getRequestedFor(urlEqualTo("/api/v1/public/draws/d1/inputs?page=0"))
                                .withoutHeader(HttpHeaders.AUTHORIZATION));
        DOWNSTREAMS.of("reporting-service").verify(0, anyRequestedFor(anyUrl()));

        // the published list itself stays reporting's, also without a token
        client.get().uri("/api/v1/public/draws").exchange().expectStatus().isOk();
        DOWNSTREAMS.of("reporting-service").verify(1, getRequestedFor(urlEqualTo("/api/v1/public/draws")));

        // everything else of inspection-service still needs a token, the same draw's confidential API included
        for (String path : List.of("/api/v1/draws/d1", "/api/v1/draws/d1/verification", "/api/v1/plans")) {
            client.get().uri(path).exchange().expectStatus().isUnauthorized();
        }
        DOWNSTREAMS.of("inspection-service").verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void requestWithoutTokenIsRejectedWithProblemJsonAndNeverForwarded() {
        client.get()
                .uri("/api/v1/plans")
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:permitwatch:problem:unauthorized")
                .jsonPath("$.code")
                .isEqualTo("unauthorized")
                .jsonPath("$.status")
                .isEqualTo(401)
                .jsonPath("$.title")
                .isNotEmpty()
                .jsonPath("$.detail")
                .isNotEmpty()
                .jsonPath("$.instance")
                .isEqualTo("/api/v1/plans")
                .jsonPath("$.traceId")
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        DOWNSTREAMS.of("inspection-service").verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void tokensThatAreExpiredOrSignedByAnotherKeyAreRejected() {
        List.of(
                        TestJwts.builder()
                                .roles("CITY")
                                .division("140100")
                                .expiresIn(Duration.ofMinutes(-5))
                                .bearer(),
                        TestJwts.builder()
                                .roles("CITY")
                                .division("140100")
                                .signedWithUntrustedKey()
                                .bearer(),
                        "Bearer not-a-jwt")
                .forEach(bearer -> client.get()
                        .uri("/api/v1/tasks")
                        .header(HttpHeaders.AUTHORIZATION, bearer)
                        .exchange()
                        .expectStatus()
                        .isUnauthorized()
                        .expectHeader()
                        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody()
                        .jsonPath("$.code")
                        .isEqualTo("unauthorized")
                        .jsonPath("$.traceId")
                        .value(traceId -> assertThat((String) traceId).matches("[0-9a-f]{32}")));
        DOWNSTREAMS.of("inspection-service").verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void relaysTokenUnchangedWithForwardedAndTraceHeaders() {
        String bearer = TestJwts.bearer("INSPECTOR", "140105");
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        String sameTrace = "00-0af7651916cd43dd8448eb211c80319c-(?!b7ad6b7169203331)[0-9a-f]{16}-0[01]";
        String gatewaySpan = client.post()
                .uri("/api/v1/sync/runs")
                .header(HttpHeaders.AUTHORIZATION, bearer)
                .header("traceparent", traceparent)
                .header("X-Request-Id", "req-123")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"mode\":\"FULL\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                // The caller's trace continues; the span id is the gateway's own (ADR 0043: W3C parent/child).
                .value("traceparent", value -> assertThat(value).matches(sameTrace))
                .expectHeader()
                .valueEquals("X-Request-Id", "req-123")
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst("traceparent");

        DOWNSTREAMS
                .of("permit-sync")
                .verify(postRequestedFor(urlEqualTo("/api/v1/sync/runs"))
                        .withHeader(HttpHeaders.AUTHORIZATION, equalTo(bearer))
                        // The gateway's server span itself is the service's parent: no client span in between
                        // (ADR 0059), so the trace has no hop the gateway's logs and answers do not name.
                        .withHeader("traceparent", equalTo(gatewaySpan))
                        .withHeader("X-Request-Id", equalTo("req-123"))
                        .withHeader("X-Forwarded-For", matching(".*127\\.0\\.0\\.1.*"))
                        .withHeader("X-Forwarded-Proto", equalTo("http"))
                        .withHeader("X-Forwarded-Host", matching("127\\.0\\.0\\.1(:" + port + ")?"))
                        .withRequestBody(equalTo("{\"mode\":\"FULL\"}")));
    }

    @Test
    void startsATraceWhenTheCallerSentNone() {
        client.get()
                .uri("/api/v1/alerts")
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("CITY", "140100"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                // The flags say whether this trace was sampled (ADR 0043: the sampling share is configuration); the id
                // exists
                // either way.
                .value("traceparent", value -> assertThat(value).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"));
        DOWNSTREAMS
                .of("inspection-service")
                .verify(getRequestedFor(urlEqualTo("/api/v1/alerts"))
                        .withHeader("traceparent", matching("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"))
                        .withHeader("X-Request-Id", matching("[0-9a-f-]{36}")));
    }

    @Test
    void publicDisclosureNeedsNoToken() {
        client.get()
                .uri("/api/v1/public/disclosures?year=2026")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.service")
                .isEqualTo("reporting-service");
        DOWNSTREAMS.of("reporting-service").verify(getRequestedFor(urlEqualTo("/api/v1/public/disclosures?year=2026")));
    }

    @Test
    void theIdentityProviderIsReachedWithoutATokenWithPathAndHostUnchanged() {
        // Issue 15: the sign-in pages and the token endpoint are what a caller without a token needs. The Host is
        // the gateway's (PreserveHostHeader), so the provider's absolute redirects lead back through the gateway.
        client.get()
                .uri("/auth/login?error")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.service")
                .isEqualTo("identity-service");
        client.post()
                .uri("/auth/oauth2/token")
                .header(HttpHeaders.AUTHORIZATION, "Basic Y2l0eS1zeXN0ZW06c2VjcmV0")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials&scope=directory%3Aread")
                .exchange()
                .expectStatus()
                .isOk();
        DOWNSTREAMS
                .of("identity-service")
                .verify(getRequestedFor(urlEqualTo("/auth/login?error"))
                        .withHeader(HttpHeaders.HOST, equalTo("127.0.0.1:" + port)));
        DOWNSTREAMS
                .of("identity-service")
                .verify(postRequestedFor(urlEqualTo("/auth/oauth2/token"))
                        .withHeader(HttpHeaders.AUTHORIZATION, equalTo("Basic Y2l0eS1zeXN0ZW06c2VjcmV0"))
                        .withRequestBody(equalTo("grant_type=client_credentials&scope=directory%3Aread")));
    }

    @Test
    void theGatewayLeavesTokensOnTheProvidersPathsToTheProvider() {
        // An expired or foreign token at /auth/** is the provider's to judge (a sign-out, a revocation, its admin
        // API answering 401 itself): the gateway forwards it unchanged instead of answering 401 at the edge.
        String expired = TestJwts.builder()
                .roles("PROVINCE")
                .division("140000")
                .expiresIn(Duration.ofMinutes(-5))
                .bearer();
        for (String bearer : List.of(expired, "Bearer not-a-jwt")) {
            client.get()
                    .uri("/auth/api/v1/users")
                    .header(HttpHeaders.AUTHORIZATION, bearer)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        DOWNSTREAMS.of("identity-service").verify(2, getRequestedFor(urlEqualTo("/auth/api/v1/users")));
        // The exception is exactly the provider's prefix: a look-alike path is an ordinary API path.
        client.get().uri("/authx/api").exchange().expectStatus().isUnauthorized();
        DOWNSTREAMS.of("identity-service").verify(0, getRequestedFor(urlEqualTo("/authx/api")));
    }

    @Test
    void identityProviderDownIsA503ProblemNamingIt() {
        DOWNSTREAMS
                .of("identity-service")
                .stubFor(get(urlEqualTo("/auth/login"))
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        client.get()
                .uri("/auth/login")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("service-unavailable")
                .jsonPath("$.service")
                .isEqualTo("identity-service")
                .jsonPath("$.instance")
                .isEqualTo("/auth/login");
    }

    @Test
    void corsPreflightFromAllowedOriginIsAnsweredWithoutToken() {
        client.options()
                .uri("/api/v1/inspections")
                .header(HttpHeaders.ORIGIN, "http://localhost:5173")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,idempotency-key,content-type")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173")
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS,
                        methods -> assertThat(methods).contains("POST"))
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        headers -> assertThat(headers.toLowerCase())
                                .contains("authorization")
                                .contains("idempotency-key"));
        DOWNSTREAMS.of("inspection-service").verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void corsPreflightFromUnknownOriginIsRefused() {
        client.options()
                .uri("/api/v1/inspections")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void corsResponseExposesLocationAndTraceparent() {
        client.get()
                .uri("/api/v1/plans")
                .header(HttpHeaders.ORIGIN, "http://localhost:5173")
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("CITY", "140100"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173")
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        exposed -> assertThat(exposed).contains("Location").contains("traceparent"));
    }

    @Test
    void slowServiceIsCutOffByTheBreakerWith503Problem() {
        DOWNSTREAMS
                .of("liaison-service")
                .stubFor(get(urlEqualTo("/api/v1/clues/slow"))
                        .willReturn(
                                aResponse().withStatus(200).withFixedDelay(4000).withBody("{}")));

        client.get()
                .uri("/api/v1/clues/slow")
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("CITY", "140100"))
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:permitwatch:problem:service-unavailable")
                .jsonPath("$.code")
                .isEqualTo("service-unavailable")
                .jsonPath("$.status")
                .isEqualTo(503)
                .jsonPath("$.service")
                .isEqualTo("liaison-service")
                .jsonPath("$.detail")
                .value(detail ->
                        assertThat((String) detail).contains("liaison-service").contains("1000 ms"))
                .jsonPath("$.instance")
                .isEqualTo("/api/v1/clues/slow")
                .jsonPath("$.traceId")
                .isNotEmpty();
    }

    @Test
    void brokenConnectionFallsBackTo503NamingTheService() {
        DOWNSTREAMS
                .of("reporting-service")
                .stubFor(get(urlEqualTo("/api/v1/reports/broken"))
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        client.get()
                .uri("/api/v1/reports/broken")
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("PROVINCE", "140000"))
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals("Retry-After", "5")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("service-unavailable")
                .jsonPath("$.service")
                .isEqualTo("reporting-service")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("reporting-service"));
    }

    @Test
    void serviceErrorsPassThroughUnchanged() {
        DOWNSTREAMS
                .of("inspection-service")
                .stubFor(get(urlEqualTo("/api/v1/cases/missing"))
                        .willReturn(aResponse()
                                .withStatus(404)
                                .withHeader("Content-Type", "application/problem+json")
                                .withBody("{\"code\":\"case-not-found\",\"status\":404}")));

        client.get()
                .uri("/api/v1/cases/missing")
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("CITY", "140100"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("case-not-found");
    }

    @Test
    void serviceOpenApiIsServedUnderTheServiceNameWithoutToken() {
        client.get()
                .uri("/v3/api-docs/inspection-service")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.info.title")
                .isEqualTo("inspection-service");
        DOWNSTREAMS.of("inspection-service").verify(1, getRequestedFor(urlEqualTo("/v3/api-docs")));
    }

    @Test
    void identityProviderOpenApiIsServedFromUnderItsContextPath() {
        client.get()
                .uri("/v3/api-docs/identity-service")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.info.title")
                .isEqualTo("identity-service");
        DOWNSTREAMS.of("identity-service").verify(1, getRequestedFor(urlEqualTo("/auth/v3/api-docs")));
    }

    @Test
    void swaggerUiListsAllFiveServices() {
        client.get()
                .uri("/v3/api-docs/swagger-config")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.urls[*].name")
                .value(names -> assertThat((List<Object>) names)
                        .containsExactlyInAnyOrder(
                                "permit-sync",
                                "inspection-service",
                                "liaison-service",
                                "reporting-service",
                                "identity-service",
                                "monitoring-service"))
                .jsonPath("$.urls[*].url")
                .value(urls -> assertThat((List<Object>) urls)
                        .containsExactlyInAnyOrder(
                                "/v3/api-docs/permit-sync",
                                "/v3/api-docs/inspection-service",
                                "/v3/api-docs/liaison-service",
                                "/v3/api-docs/reporting-service",
                                "/v3/api-docs/identity-service",
                                "/v3/api-docs/monitoring-service"));
        client.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }

    @Test
    void healthIsOpenButOperationalEndpointsNeedProvinceRole() {
        client.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        client.get()
                .uri("/actuator/gateway/routes")
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("CITY", "140100"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:permitwatch:problem:forbidden");
        client.get()
                .uri("/actuator/gateway/routes")
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("PROVINCE", "140000"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[*].route_id")
                .value(ids -> assertThat(ids.toString())
                        .contains(
                                "permit-sync",
                                "inspection-service",
                                "liaison-service",
                                "reporting-service",
                                "identity-service",
                                "monitoring-service"));
    }

    @Test
    void fallbackForAnUnknownServiceIsNotFound() {
        client.get()
                .uri("/fallback/no-such-service")
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("CITY", "140100"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Autowired
    ConfigurableApplicationContext context;

    /**
     * The routes are static (lb:// names the load balancer resolves per request from the registry), so a discovery
     * heartbeat must not rebuild them. With Spring Cloud Gateway's default RouteRefreshListener it did, on every
     * registry fetch (3 s locally, 5 s in a cluster): all routes, their filters and circuit breakers re-created, 12 %
     * of the gateway's CPU under load in the profile of docs/benchmarks.md.
     */
    @Test
    void discoveryHeartbeatsDoNotRebuildTheRoutes() {
        AtomicInteger refreshes = new AtomicInteger();
        context.addApplicationListener((ApplicationListener<RefreshRoutesEvent>) e -> refreshes.incrementAndGet());

        for (long beat = 1; beat <= 3; beat++) {
            context.publishEvent(new HeartbeatEvent(this, beat));
        }

        assertThat(refreshes).hasValue(0);
        // and the routes still route
        client.get()
                .uri("/api/v1/directory/units")
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("CITY", "140100"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.service")
                .isEqualTo("permit-sync");
    }
}
