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

    /** The answer is problem+json with {@code status} and the stable {@code code}. */
    public static void problem(WebTestClient.ResponseSpec response, int status, String code) {
        response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code);
    }

    /** The answer is problem+json with {@code status} naming {@code field} among its errors. */
    public static void field(WebTestClient.ResponseSpec response, int status, String field) {
        response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[?(@.field == '" + field + "')]")
                .exists();
    }
}
