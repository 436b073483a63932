package org.permitwatch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What every PermitWatch service must do from its first start: start against real PostgreSQL and Kafka, migrate the
 * library's and its own schema, report liveness and readiness, reject a call without a token with a problem+json
 * 401, let a valid token through, and publish its OpenAPI. A service's {@code *ApplicationIT} extends this class,
 * names itself and one of its own tables, and carries the service's integration-test annotation, so the checks run
 * in the same context (database, broker, web test client) as the service's other integration tests instead of
 * booting one of their own.
 */
public abstract class ServiceSmokeTest {

    @Autowired
    protected WebTestClient web;

    @Autowired
    protected DatabaseClient db;

    /** {@code spring.application.name}, also the OpenAPI title. */
    protected abstract String serviceName();

    /** A table the service's own first migration creates. */
    protected abstract String ownTable();

    @Test
    public void readinessIsUp() {
        web.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        web.get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }

    @Test
    public void libraryAndServiceMigrationsAreApplied() {
        List<String> tables = db.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                .map(row -> row.get("table_name", String.class))
                .all()
                .collectList()
                .block();
        assertThat(tables)
                .contains(
                        "outbox_event",
                        "processed_event",
                        "audit_log",
                        "support_schema_history",
                        "flyway_schema_history",
                        ownTable());
        Long serviceVersions = db.sql("SELECT count(*) AS n FROM flyway_schema_history WHERE version = '1' AND success")
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
        assertThat(serviceVersions).isEqualTo(1L);
    }

    @Test
    public void apiWithoutTokenIsRejectedWithProblem() {
        web.get()
                .uri("/api/v1/anything")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(401)
                .jsonPath("$.code")
                .isEqualTo("unauthorized")
                .jsonPath("$.type")
                .isEqualTo("urn:permitwatch:problem:unauthorized")
                .jsonPath("$.traceId")
                .isNotEmpty();
    }

    @Test
    public void validTokenPassesSecurityAndUnknownPathIsProblem404() {
        web.get()
                .uri("/api/v1/no-such-resource")
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("CITY", "140100"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not-found")
                .jsonPath("$.instance")
                .isEqualTo("/api/v1/no-such-resource");
    }

    @Test
    public void openApiDocsArePublic() {
        web.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.info.title")
                .isEqualTo(serviceName());
    }
}
