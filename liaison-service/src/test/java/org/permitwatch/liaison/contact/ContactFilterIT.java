package org.permitwatch.liaison.contact;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.permitwatch.liaison.LiaisonIntegrationTest;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The list's division and role filters (the console's 联络员 screen): they narrow the visible rows, count what they
 * list, never widen the caller's scope, and a bad value is a problem naming the parameter.
 */
@LiaisonIntegrationTest
class ContactFilterIT {

    private static final String PROVINCE = TestJwts.token("PROVINCE", "140000");
    private static final String DATONG = TestJwts.token("CITY", "140200");

    @Autowired
    WebTestClient web;

    private void create(String role, String division, String name) {
        web.post()
                .uri("/api/v1/liaisons")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + PROVINCE)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "role",
                        role,
                        "divisionCode",
                        division,
                        "personName",
                        name,
                        "organisation",
                        "生态环境局",
                        "phone",
                        "13912345678",
                        "email",
                        "liaison@example.gov.cn"))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    private WebTestClient.BodyContentSpec list(String token, String query) {
        return web.get()
                .uri("/api/v1/liaisons?size=50" + query)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody();
    }

    @Test
    void divisionAndRoleNarrowTheListAndItsTotal() {
        create("ENFORCEMENT", "140100", "太原执法");
        create("PERMIT_ISSUING", "140100", "太原核发");
        create("ENFORCEMENT", "140200", "大同执法");
        create("PROVINCE", "140000", "省厅联系人");

        // No filter: the province sees all 4 = 2 (Taiyuan) + 1 (Datong) + 1 (province contact).
        list(PROVINCE, "").jsonPath("$.total").isEqualTo(4);
        // division=140100 matches 1401%: Taiyuan's 2, not Datong's, not the province contact at 140000.
        list(PROVINCE, "&division=140100")
                .jsonPath("$.total")
                .isEqualTo(2)
                .jsonPath("$.items.length()")
                .isEqualTo(2)
                .jsonPath("$.items[*].divisionCode")
                .value(codes -> org.assertj.core.api.Assertions.assertThat(codes.toString())
                        .doesNotContain("140200", "140000"));
        // division and role together: Taiyuan's permit-issuing liaison only (1).
        list(PROVINCE, "&division=140100&role=PERMIT_ISSUING")
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].personName")
                .isEqualTo("太原核发");
        // role alone: 2 enforcement liaisons (Taiyuan, Datong); 1 province contact.
        list(PROVINCE, "&role=ENFORCEMENT").jsonPath("$.total").isEqualTo(2);
        list(PROVINCE, "&role=PROVINCE").jsonPath("$.total").isEqualTo(1);
        // Datong sees its own liaison and the province contact (2); asking for Taiyuan lists nothing, not Taiyuan's.
        list(DATONG, "").jsonPath("$.total").isEqualTo(2);
        list(DATONG, "&division=140100")
                .jsonPath("$.total")
                .isEqualTo(0)
                .jsonPath("$.items.length()")
                .isEqualTo(0);
    }

    @Test
    void aBadFilterIsAProblemNamingTheParameter() {
        web.get()
                .uri("/api/v1/liaisons?division=14x&role=BOSS")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + PROVINCE)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("division")
                .jsonPath("$.errors[1].field")
                .isEqualTo("role");
    }
}
