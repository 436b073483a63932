package org.permitwatch.testsupport.openapi;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A service's served {@code /v3/api-docs} is valid OpenAPI 3 and is its contract of record
 * ({@link OpenApiContract}). A service's {@code OpenApiContractIT} extends this class and carries the service's
 * integration-test annotation, so it runs in the context the other integration tests share.
 */
public abstract class OpenApiContractTest {

    @Autowired
    protected WebTestClient web;

    /** {@code spring.application.name}: names the file docs/api/&lt;service&gt;.json. */
    protected abstract String serviceName();

    @Test
    public void servedDocumentIsTheContractOfRecord() {
        String served = web.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        OpenApiContract.assertKept(serviceName(), served);
    }
}
