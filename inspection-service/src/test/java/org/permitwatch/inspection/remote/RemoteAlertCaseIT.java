package org.permitwatch.inspection.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.permitwatch.inspection.InspectionIntegrationTest;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Review CASE: the alert becomes a case through {@code cases.CaseFiling} in the same transaction. Kept apart from
 * {@link RemoteCheckApiIT} because it depends on the cases feature's implementation of the interface.
 */
@InspectionIntegrationTest
class RemoteAlertCaseIT {

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Test
    @SuppressWarnings("unchecked")
    void reviewCaseOpensACaseFromTheAlertWithItsEvidence() {
        LocalDate validTo = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(90);
        db.sql("""
                        INSERT INTO directory_unit (permit_number, unit_name, division_code, snapshot, source_event, uscc,
                               city_code, county_code, industry_code, key_industry, management_category, status,
                               without_permit, source_type, positive_list, version)
                        VALUES ('YQ-CASE', '阳泉测试焦化厂', '140302', CAST(:snapshot AS jsonb), 'test', '91140300MA0000000X',
                                '140300', '140302', '2521', 'COKING', 'KEY', 'EXPIRED', true, 'KEY', false, 2)""")
                .bind("snapshot", "{\"validTo\": \"" + validTo + "\"}")
                .then()
                .block();
        String token = "Bearer " + TestJwts.token("CITY", "140300");
        web.post()
                .uri("/api/v1/remote-checks/runs")
                .header(HttpHeaders.AUTHORIZATION, token)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.raised")
                .isEqualTo(1);
        Map<String, Object> page = web.get()
                .uri("/api/v1/alerts?rule=PERMIT_NOT_VALID_BUT_OPERATING")
                .header(HttpHeaders.AUTHORIZATION, token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<String, Object> alert = ((List<Map<String, Object>>) page.get("items")).get(0);
        String facts = "该单位排污许可证已于" + validTo + "到期，未申请延续，仍在生产排污。";

        Map<String, Object> cased = web.post()
                .uri("/api/v1/alerts/" + alert.get("id") + "/review")
                .header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("decision", "CASE", "facts", facts))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(cased).containsEntry("status", "CASED");
        String caseId = (String) cased.get("caseId");
        assertThat(caseId).isNotNull();
        assertThat(db.sql("SELECT origin || '|' || alert_id || '|' || permit_number || '|' || violation_type || '|' "
                                + "|| article || '|' || facts FROM enforcement_case WHERE id = CAST(:id AS uuid)")
                        .bind("id", caseId)
                        .map(r -> r.get(0, String.class))
                        .one()
                        .block())
                .isEqualTo("ALERT|" + alert.get("id") + "|YQ-CASE|UNPERMITTED_DISCHARGE|33(2)|" + facts);
        assertThat(db.sql(
                                "SELECT evidence -> 0 -> 'data' ->> 'validTo' FROM enforcement_case WHERE id = CAST(:id AS uuid)")
                        .bind("id", caseId)
                        .map(r -> r.get(0, String.class))
                        .one()
                        .block())
                .isEqualTo(validTo.toString());
        assertThat(db.sql("SELECT string_agg(payload ->> 'status', ',' ORDER BY seq) FROM outbox_event "
                                + "WHERE message_key = :id AND topic = 'inspection.alert.events.v1'")
                        .bind("id", alert.get("id"))
                        .map(r -> r.get(0, String.class))
                        .one()
                        .block())
                .isEqualTo("OPEN,CASED");

        // reviewed once only
        web.post()
                .uri("/api/v1/alerts/" + alert.get("id") + "/review")
                .header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("decision", "CASE", "facts", facts))
                .exchange()
                .expectStatus()
                .isEqualTo(409);
    }
}
