package org.permitwatch.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.permitwatch.testsupport.openapi.OpenApiContract;

/**
 * The served OpenAPI document of identity-service's admin API is docs/api/identity-service.json, or changed only
 * compatibly and on purpose. The same {@link OpenApiContract} rule as the WebFlux services' OpenApiContractIT; the
 * document is read over HTTP here because this servlet app has no WebTestClient (platform-test-support's
 * OpenApiContractTest uses one).
 */
@IdentityIntegrationTest
class OpenApiContractIT extends IdentityItSupport {

    @Test
    void servedDocumentIsTheContractOfRecord() throws Exception {
        HttpResponse<String> response = api.send(
                HttpRequest.newBuilder(URI.create(base() + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        OpenApiContract.assertKept("identity-service", response.body());
    }
}
