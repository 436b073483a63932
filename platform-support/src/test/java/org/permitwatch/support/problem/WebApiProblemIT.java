package org.permitwatch.support.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.permitwatch.support.testapp.SupportIntegrationTest;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Problem shapes, security and audit of a WebFlux service using the library, over real HTTP and PostgreSQL. */
@SupportIntegrationTest
class WebApiProblemIT {

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    private static String cityToken() {
        return TestJwts.bearer("CITY", "140100");
    }

    @Test
    void beanValidationNamesEveryField() {
        web.post()
                .uri("/api/v1/things")
                .header(HttpHeaders.AUTHORIZATION, cityToken())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "name", " ", "count", 0, "division", "14", "parts", java.util.List.of(Map.of("code", ""))))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:permitwatch:problem:validation-failed")
                .jsonPath("$.code")
                .isEqualTo("validation-failed")
                .jsonPath("$.status")
                .isEqualTo(400)
                .jsonPath("$.instance")
                .isEqualTo("/api/v1/things")
                .jsonPath("$.traceId")
                .isNotEmpty()
                .jsonPath("$.errors.length()")
                .isEqualTo(4)
                .jsonPath("$.errors[?(@.field == 'count')].rejectedValue")
                .isEqualTo(0)
                .jsonPath("$.errors[?(@.field == 'division')].message")
                .isEqualTo("must be a 6-digit division code")
                .jsonPath("$.errors[?(@.field == 'name')].message")
                .isNotEmpty()
                .jsonPath("$.errors[?(@.field == 'parts[0].code')].message")
                .isNotEmpty();
    }

    @Test
    void unreadableBodyValueNamesTheJsonPath() {
        web.post()
                .uri("/api/v1/things")
                .header(HttpHeaders.AUTHORIZATION, cityToken())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"x\",\"count\":\"many\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("malformed-request")
                .jsonPath("$.errors[0].field")
                .isEqualTo("count");
    }

    @Test
    void brokenJsonIsMalformedRequest() {
        web.post()
                .uri("/api/v1/things")
                .header(HttpHeaders.AUTHORIZATION, cityToken())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("malformed-request");
    }

    @Test
    void pathVariableTypeMismatchNamesTheParameter() {
        web.get()
                .uri("/api/v1/things/abc")
                .header(HttpHeaders.AUTHORIZATION, cityToken())
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("malformed-request")
                .jsonPath("$.errors[0].field")
                .isEqualTo("id")
                .jsonPath("$.errors[0].rejectedValue")
                .isEqualTo("abc");
    }

    @Test
    void requestParameterConstraintNamesTheParameter() {
        web.get()
                .uri("/api/v1/things?size=500")
                .header(HttpHeaders.AUTHORIZATION, cityToken())
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("size")
                .jsonPath("$.errors[0].rejectedValue")
                .isEqualTo(500);
    }

    @Test
    void apiExceptionKeepsItsCodeAndStatus() {
        web.get()
                .uri("/api/v1/things/404")
                .header(HttpHeaders.AUTHORIZATION, cityToken())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:permitwatch:problem:thing-not-found")
                .jsonPath("$.detail")
                .isEqualTo("no thing 404");
        web.get()
                .uri("/api/v1/things/409")
                .header(HttpHeaders.AUTHORIZATION, cityToken())
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("thing-locked");
    }

    @Test
    void unexpectedErrorIs500WithoutInternals() {
        String body = web.get()
                .uri("/api/v1/boom")
                .header(HttpHeaders.AUTHORIZATION, cityToken())
                .exchange()
                .expectStatus()
                .is5xxServerError()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body)
                .contains("\"code\":\"internal-error\"")
                .doesNotContain("hunter2", "secret-host", "IllegalStateException");
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405() {
        web.get()
                .uri("/api/v1/nothing-here")
                .header(HttpHeaders.AUTHORIZATION, cityToken())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not-found");
        web.delete()
                .uri("/api/v1/things")
                .header(HttpHeaders.AUTHORIZATION, cityToken())
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("method-not-allowed");
    }

    @Test
    void missingTokenIs401ProblemWithChallenge() {
        web.get()
                .uri("/api/v1/things/1")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unauthorized")
                .jsonPath("$.status")
                .isEqualTo(401);
    }

    @Test
    void untrustedExpiredOrIncompleteTokensAre401() {
        String[] bad = {
            TestJwts.builder()
                    .roles("CITY")
                    .division("140100")
                    .signedWithUntrustedKey()
                    .bearer(),
            TestJwts.builder()
                    .roles("CITY")
                    .division("140100")
                    .expiresIn(Duration.ofMinutes(-5))
                    .bearer(),
            TestJwts.builder().roles("CITY").division(null).bearer(),
            TestJwts.builder().roles("CITY").division("14010").bearer(),
            TestJwts.builder().roles("JANITOR").division("140100").bearer(),
        };
        for (String token : bad) {
            web.get()
                    .uri("/api/v1/things/1")
                    .header(HttpHeaders.AUTHORIZATION, token)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .value(HttpHeaders.WWW_AUTHENTICATE, v -> assertThat(v).contains("invalid_token"))
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("unauthorized");
        }
    }

    @Test
    void wrongRoleIs403Problem() {
        web.get()
                .uri("/api/v1/province-only")
                .header(HttpHeaders.AUTHORIZATION, cityToken())
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("forbidden");
        web.get()
                .uri("/api/v1/province-only")
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("PROVINCE", "140000"))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void callerComesFromClaimsAndPersonalDataIsMaskedWithoutScope() {
        web.get()
                .uri("/api/v1/me")
                .header(
                        HttpHeaders.AUTHORIZATION,
                        TestJwts.builder()
                                .subject("u-1")
                                .name("张三丰")
                                .roles("CITY", "INSPECTOR")
                                .division("140100")
                                .bearer())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.subject")
                .isEqualTo("u-1")
                .jsonPath("$.name")
                .isEqualTo("张三丰")
                .jsonPath("$.prefix")
                .isEqualTo("1401")
                .jsonPath("$.roles[0]")
                .isEqualTo("CITY")
                .jsonPath("$.roles[1]")
                .isEqualTo("INSPECTOR")
                .jsonPath("$.phone")
                .isEqualTo("138****5678");
        web.get()
                .uri("/api/v1/me")
                .header(
                        HttpHeaders.AUTHORIZATION,
                        TestJwts.builder()
                                .roles("PROVINCE")
                                .division("140000")
                                .scopes("pii:read")
                                .bearer())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.phone")
                .isEqualTo("13812345678");
    }

    @Test
    void healthIsPublic() {
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void auditRowCarriesCallerClientAndTrace() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        web.post()
                .uri("/api/v1/things")
                .header(
                        HttpHeaders.AUTHORIZATION,
                        TestJwts.builder()
                                .subject("auditor-7")
                                .name("李四")
                                .roles("COUNTY")
                                .division("140105")
                                .bearer())
                .header("X-Forwarded-For", "203.0.113.9, 10.0.0.2")
                .header(HttpHeaders.USER_AGENT, "permitwatch-test/1.0")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "audited-thing", "count", 3, "division", "140105"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals("X-Trace-Id", traceId);
        Map<String, Object> row = db.sql("""
                        SELECT actor, actor_name, array_to_string(roles, ',') AS roles, division, action, resource_type,
                               resource_id, details::text AS details, client_ip, user_agent, trace_id
                        FROM audit_log WHERE resource_id = 'audited-thing'""").fetch().one().block();
        assertThat(row).isNotNull();
        assertThat(row)
                .containsEntry("actor", "auditor-7")
                .containsEntry("actor_name", "李四")
                .containsEntry("roles", "COUNTY")
                .containsEntry("division", "140105")
                .containsEntry("action", "thing.create")
                .containsEntry("resource_type", "thing")
                .containsEntry("client_ip", "203.0.113.9")
                .containsEntry("user_agent", "permitwatch-test/1.0")
                .containsEntry("trace_id", traceId);
        assertThat((String) row.get("details")).contains("\"count\": 3");
    }

    @Test
    void libraryMigrationsUseTheirOwnHistory() {
        Long applied = db.sql(
                        "SELECT count(*) AS n FROM support_schema_history WHERE success AND version IN ('1','2','3')")
                .map(r -> r.get("n", Long.class))
                .one()
                .block();
        assertThat(applied).isEqualTo(3L);
    }
}
