package org.permitwatch.inspection;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** JSON calls with a bearer token and an expected status, as inspection's integration tests make them. */
public final class InspectionItSupport {

    private InspectionItSupport() {}

    /** POST a JSON body, expect {@code status}, the answer as a map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> post(WebTestClient web, String bearer, String uri, Object body, int status) {
        return web.post()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, bearer)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    /** GET, expect {@code status}, the answer as a map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> get(WebTestClient web, String bearer, String uri, int status) {
        return web.get()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, bearer)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }
}
