package org.permitwatch.support.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.permitwatch.support.testapp.SupportIntegrationTest;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 11 items 4 and 6: text with control characters, dates PostgreSQL cannot store or that are absurd, and
 * type mismatches are a 400 naming the field — in bodies, query parameters and path variables — and no problem
 * names a Java type.
 */
@SupportIntegrationTest
class HostileInputIT {

    @Autowired
    WebTestClient web;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    private WebTestClient.BodyContentSpec post(String json) {
        return web.post()
                .uri("/api/v1/orders")
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("CITY", "140100"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
    }

    private WebTestClient.BodyContentSpec get(String uri) {
        // URI.create: keep %00 as written; a URI template would encode the '%' itself.
        return web.get()
                .uri(java.net.URI.create("http://localhost:" + port + uri))
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("CITY", "140100"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
    }

    private static void noJavaNames(WebTestClient.BodyContentSpec body) {
        String text = new String(body.returnResult().getResponseBodyContent(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("java.", "org.permitwatch", "tools.jackson", "Cannot deserialize", "`");
    }

    @Test
    void nulInANestedFieldNamesItsPath() {
        var body =
                post("{\"title\":\"ok\",\"items\":[{\"code\":\"a\"},{\"code\":\"b\"},{\"code\":\"c\",\"note\":\"x\\u0000y\"}]}")
                        .jsonPath("$.errors[0].field")
                        .isEqualTo("items[2].note")
                        .jsonPath("$.errors[0].message")
                        .isEqualTo("must not contain control characters");
        noJavaNames(body);
    }

    @Test
    void controlCharactersAnywhereInTextAreRefusedButLineBreaksAndTabsPass() {
        post("{\"title\":\"a\\u0007b\"}").jsonPath("$.errors[0].field").isEqualTo("title");
        post("{\"data\":{\"outer\":{\"list\":[\"fine\",\"bad\\u0000\"]}}}")
                .jsonPath("$.errors[0].field")
                .isEqualTo("data.outer.list[1]");
        post("{\"labels\":{\"k\\u0000\":\"v\"}}").jsonPath("$.errors[0].field").isEqualTo("labels");
        web.post()
                .uri("/api/v1/orders")
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("CITY", "140100"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"line one\\r\\n\\tline two\"}")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void datesOutsideTheStorableAndPlausibleRangeNameTheField() {
        post("{\"day\":\"+999999999-12-31\"}")
                .jsonPath("$.errors[0].field")
                .isEqualTo("day")
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).contains("1950").contains("2999"));
        post("{\"day\":\"-999999999-01-01\"}").jsonPath("$.errors[0].field").isEqualTo("day");
        post("{\"day\":\"1900-01-01\"}").jsonPath("$.errors[0].field").isEqualTo("day");
        post("{\"day\":\"1949-12-31\"}").jsonPath("$.errors[0].field").isEqualTo("day");
        post("{\"at\":\"+999999999-12-31T23:59:59Z\"}")
                .jsonPath("$.errors[0].field")
                .isEqualTo("at");
        post("{\"stamp\":\"-999999999-01-01T00:00:00Z\"}")
                .jsonPath("$.errors[0].field")
                .isEqualTo("stamp");
        post("{\"items\":[],\"data\":{},\"at\":\"3000-01-01T12:00:00+08:00\"}")
                .jsonPath("$.errors[0].field")
                .isEqualTo("at");
    }

    @Test
    void aDomainDateBoundRefusesAClueRequestedBefore2000() {
        var body = post("{\"requestedBy\":\"1990-01-01\"}")
                .jsonPath("$.code")
                .isEqualTo("validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("requestedBy")
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).contains("2000-01-01"));
        noJavaNames(body);
        post("{\"requestedBy\":\"2999-01-01\"}").jsonPath("$.errors[0].field").isEqualTo("requestedBy");
        web.post()
                .uri("/api/v1/orders")
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("CITY", "140100"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                        "{\"requestedBy\":\"" + java.time.LocalDate.now().plusMonths(1) + "\",\"day\":\"1950-01-01\"}")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void nulInAQueryParameterOrPathVariableIsA400NamingIt() {
        noJavaNames(get("/api/v1/orders?q=a%00b").jsonPath("$.errors[0].field").isEqualTo("q"));
        // An encoded NUL in the path is already refused by Spring Security's exchange firewall (plain 400).
        web.get()
                .uri(java.net.URI.create("http://localhost:" + port + "/api/v1/labels/a%00b"))
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("CITY", "140100"))
                .exchange()
                .expectStatus()
                .isBadRequest();
        noJavaNames(get("/api/v1/labels/a%07b").jsonPath("$.errors[0].field").isEqualTo("path"));
        noJavaNames(get("/api/v1/orders?from=%2B999999999-12-31")
                .jsonPath("$.errors[0].field")
                .isEqualTo("from"));
    }

    @Test
    void badUuidsAndEnumsSayWhatIsExpectedWithoutJavaNames() {
        noJavaNames(get("/api/v1/orders/not-a-uuid")
                .jsonPath("$.errors[0].field")
                .isEqualTo("id")
                .jsonPath("$.errors[0].message")
                .isEqualTo("must be a UUID"));
        noJavaNames(get("/api/v1/orders/" + java.util.UUID.randomUUID() + "?colour=PURPLE")
                .jsonPath("$.errors[0].field")
                .isEqualTo("colour")
                .jsonPath("$.errors[0].message")
                .isEqualTo("must be one of RED, GREEN"));
        noJavaNames(post("{\"ref\":\"nope\"}")
                .jsonPath("$.errors[0].field")
                .isEqualTo("ref")
                .jsonPath("$.errors[0].message")
                .isEqualTo("must be a UUID"));
        noJavaNames(post("{\"colour\":\"PURPLE\"}")
                .jsonPath("$.errors[0].field")
                .isEqualTo("colour")
                .jsonPath("$.errors[0].message")
                .isEqualTo("must be one of RED, GREEN"));
        noJavaNames(post("{\"day\":\"31/12/2026\"}")
                .jsonPath("$.errors[0].field")
                .isEqualTo("day")
                .jsonPath("$.errors[0].message")
                .isEqualTo("must be a date (yyyy-MM-dd)"));
        noJavaNames(
                post("{\"items\":{\"code\":1}}").jsonPath("$.errors[0].field").isEqualTo("items"));
        noJavaNames(post("{\"title\":"));
    }
}
