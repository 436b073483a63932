package org.permitwatch.liaison;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 11 items 4 and 6 on the liaison service's real endpoints: NUL characters, dates PostgreSQL cannot store and
 * implausible business dates are a 400 naming the field with nothing stored; bad UUIDs and enums name no Java type.
 */
@LiaisonIntegrationTest
class HostileInputApiIT {

    private static final String PROVINCE = TestJwts.token("PROVINCE", "140000");

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @LocalServerPort
    int port;

    private static String clue(String requestedBy, String summary, String fromDepartment) {
        return """
                {"fromDepartment":"%s","toDivisionCode":"140105","toDepartment":"ENFORCEMENT",
                 "permitNumber":"91140105MA0HOSTILE01P","summary":"%s",
                 "evidence":[{"kind":"PHOTO","description":"ok"}],"requestedBy":"%s"}""".formatted(fromDepartment, summary, requestedBy);
    }

    private WebTestClient.BodyContentSpec badPost(String uri, String json, String field) {
        WebTestClient.BodyContentSpec body = web.post()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + PROVINCE)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo(field);
        assertNoJavaNames(body);
        return body;
    }

    private static void assertNoJavaNames(WebTestClient.BodyContentSpec body) {
        String text = new String(body.returnResult().getResponseBodyContent(), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("java.", "org.permitwatch", "tools.jackson", "`");
    }

    private long count(String table) {
        return db.sql("SELECT count(*) FROM " + table)
                .map(r -> r.get(0, Long.class))
                .one()
                .block();
    }

    @Test
    void aClueRequestedIn1900OrInYear999999999IsRefusedAndNothingIsStored() {
        long clues = count("clue");
        // 1900 is outside every date window of the platform; 1990 is storable but not a date a clue can ask for.
        badPost("/api/v1/clues", clue("1900-01-01", "超标", "MONITORING"), "requestedBy")
                .jsonPath("$.errors[0].message")
                .isEqualTo("must be between 1950-01-01 and 2999-12-31");
        badPost("/api/v1/clues", clue("1990-01-01", "超标", "MONITORING"), "requestedBy")
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).startsWith("must be between 2000-01-01"));
        badPost("/api/v1/clues", clue("+999999999-12-31", "超标", "MONITORING"), "requestedBy");
        badPost("/api/v1/clues", clue("-999999999-01-01", "超标", "MONITORING"), "requestedBy");
        badPost(
                "/api/v1/clues",
                clue(java.time.LocalDate.now().plusYears(5).toString(), "超标", "MONITORING"),
                "requestedBy");
        assertThat(count("clue")).isEqualTo(clues);
    }

    @Test
    void nulInAnyTextFieldIsA400NamingItAndNothingIsStored() {
        long clues = count("clue");
        long contacts = count("liaison_contact");
        long obligations = count("deadline_obligation");
        badPost("/api/v1/clues", clue("2026-12-31", "超\\u0000标", "MONITORING"), "summary");
        badPost(
                "/api/v1/clues",
                clue("2026-12-31", "超标", "MONITORING")
                        .replace("\"description\":\"ok\"", "\"description\":\"o\\u0000k\""),
                "evidence[0].description");
        badPost("/api/v1/liaisons", """
                {"role":"ENFORCEMENT","divisionCode":"140100","personName":"王\\u0000","organisation":"局",
                 "phone":"13912345678","email":"w@ty.gov.cn"}""", "personName");
        badPost("/api/v1/deadlines", """
                {"code":"HOSTILE","title":"月报\\u0000","recurrence":"ONCE","dueDate":"2026-12-31"}""", "title");
        badPost("/api/v1/submissions", """
                {"deadlineId":"%s","data":{"rows":[{"name":"a\\u0000"}]}}""".formatted(java.util.UUID.randomUUID()), "data.rows[0].name");
        assertThat(count("clue")).isEqualTo(clues);
        assertThat(count("liaison_contact")).isEqualTo(contacts);
        assertThat(count("deadline_obligation")).isEqualTo(obligations);
    }

    @Test
    void aDeadlineAtTheYearLimitIsA400NotA500() {
        long obligations = count("deadline_obligation");
        badPost("/api/v1/deadlines", """
                {"code":"HOSTILE_Y","title":"月报","recurrence":"ONCE","dueDate":"+999999999-12-31"}""", "dueDate");
        badPost("/api/v1/deadlines", """
                {"code":"HOSTILE_M","title":"月报","recurrence":"MONTHLY","dueDay":5,"firstMonth":"-999999999-01",
                 "lastMonth":"2026-12"}""", "firstMonth");
        assertThat(count("deadline_obligation")).isEqualTo(obligations);
        // Every date of a request, whatever the endpoint, is refused before 1950 and after 2999.
        badPost("/api/v1/submissions", """
                {"deadlineId":"%s","period":"1900-11","note":"x"}""".formatted(java.util.UUID.randomUUID()), "period");
    }

    @Test
    void nulInAQueryParameterIsA400NamingIt() {
        assertNoJavaNames(web.get()
                .uri(URI.create("http://localhost:" + port + "/api/v1/clues?note=a%00b"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + PROVINCE)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("note"));
    }

    @Test
    void badUuidsAndEnumsNameNoJavaType() {
        badPost("/api/v1/clues", clue("2026-12-31", "超标", "NOPE"), "fromDepartment")
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).startsWith("must be one of "));
        for (String uri : List.of("/api/v1/clues/not-a-uuid", "/api/v1/liaisons/not-a-uuid")) {
            assertNoJavaNames(web.get()
                    .uri(uri)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + PROVINCE)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("id")
                    .jsonPath("$.errors[0].message")
                    .isEqualTo("must be a UUID"));
        }
        badPost("/api/v1/submissions", "{\"deadlineId\":\"not-a-uuid\",\"note\":\"x\"}", "deadlineId")
                .jsonPath("$.errors[0].message")
                .isEqualTo("must be a UUID");
    }
}
