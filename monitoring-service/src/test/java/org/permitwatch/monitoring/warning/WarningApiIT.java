package org.permitwatch.monitoring.warning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.monitoring.HeavyPollutionWarningChanged;
import org.permitwatch.events.monitoring.MonitoringTopics;
import org.permitwatch.monitoring.MonitoringIntegrationTest;
import org.permitwatch.monitoring.MonitoringTestData;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The heavy-pollution warning calendar through the real endpoints and database (ADR 0039). Directory: WARN-TY in 小店
 * (140105, 太原 140100) and WARN-DT in 大同 (140212, city 140200); no unit in 阳泉 (140300).
 */
@MonitoringIntegrationTest
class WarningApiIT {

    static final String TY_CITY = TestJwts.bearer("CITY", "140100");
    static final String PROVINCE = TestJwts.bearer("PROVINCE", "140000");

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    JsonMapper json;

    @BeforeAll
    static void directory(
            @Autowired KafkaTemplate<String, String> kafka, @Autowired JsonMapper json, @Autowired DatabaseClient db) {
        MonitoringTestData.publish(
                kafka,
                json,
                db,
                MonitoringTestData.unit(
                        "WARN-TY", "140105", "KEY", "VALID", MonitoringTestData.outlet("DA001", "主要排放口", "a21026")),
                MonitoringTestData.unit(
                        "WARN-DT", "140212", "KEY", "VALID", MonitoringTestData.outlet("DA001", "主要排放口", "a21026")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCityDeclaresLiftsAndRedeclaresWithoutOverlapAuditedAndPublished() {
        Map<String, Object> declared = declare(
                        TY_CITY, form("140100", "ORANGE", "2026-11-20T20:00:00+08:00", null, "并重污染办〔2026〕12号"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String id = (String) declared.get("id");
        assertThat(declared)
                .containsEntry("cityCode", "140100")
                .containsEntry("provinceCode", "140000")
                .containsEntry("level", "ORANGE")
                .containsEntry("startsAt", "2026-11-20T20:00:00+08:00")
                .containsEntry("reference", "并重污染办〔2026〕12号");
        assertThat(declared.get("endsAt")).isNull();

        // Overlapping (open-ended one in force from 20:00): a RED from 2026-11-21 is refused.
        declare(TY_CITY, form("140100", "RED", "2026-11-21T08:00:00+08:00", null, null))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("warning-overlaps");

        // Lifted at 2026-11-21 08:00, then RED from that very time: adjacent, not overlapping (ends are exclusive).
        web.post()
                .uri("/api/v1/monitoring/heavy-pollution-warnings/{id}/lift", id)
                .header("Authorization", TY_CITY)
                .bodyValue(Map.of("endsAt", "2026-11-21T08:00:00+08:00"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.endsAt")
                .isEqualTo("2026-11-21T08:00:00+08:00")
                .jsonPath("$.liftedBy")
                .isNotEmpty();
        web.post()
                .uri("/api/v1/monitoring/heavy-pollution-warnings/{id}/lift", id)
                .header("Authorization", TY_CITY)
                .bodyValue(Map.of("endsAt", "2026-11-21T09:00:00+08:00"))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("warning-lifted");
        declare(PROVINCE, form("140100", "RED", "2026-11-21T08:00:00+08:00", "2026-11-23T00:00:00+08:00", null))
                .expectStatus()
                .isCreated();

        // Audited: declared, then lifted.
        assertThat(count("SELECT count(*) FROM audit_log WHERE resource_type = 'heavy_pollution_warning'"
                        + " AND resource_id = '" + id + "'"))
                .isEqualTo(2);
        // Published through the outbox, keyed <city>|<id>: declared, lifted (and the second warning).
        String payload = db.sql(
                        "SELECT payload::text FROM outbox_event WHERE topic = :t AND message_key = :k ORDER BY seq DESC"
                                + " LIMIT 1")
                .bind("t", MonitoringTopics.WARNINGS)
                .bind("k", "140100|" + id)
                .map(r -> r.get(0, String.class))
                .one()
                .block();
        HeavyPollutionWarningChanged event = json.readValue(payload, HeavyPollutionWarningChanged.class);
        assertThat(event.level()).isEqualTo("ORANGE");
        assertThat(event.endsAt().toInstant().toString()).isEqualTo("2026-11-21T00:00:00Z");

        // Reads: a 小店 county user sees its city's two; 大同 city staff none of them; paged.
        web.get()
                .uri("/api/v1/monitoring/heavy-pollution-warnings?cityCode=140100&size=1")
                .header("Authorization", TestJwts.bearer("COUNTY", "140105"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(2)
                .jsonPath("$.items.length()")
                .isEqualTo(1)
                .jsonPath("$.items[0].level")
                .isEqualTo("RED"); // newest first
        web.get()
                .uri("/api/v1/monitoring/heavy-pollution-warnings")
                .header("Authorization", TestJwts.bearer("CITY", "140200"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
        web.get()
                .uri("/api/v1/monitoring/heavy-pollution-warnings/{id}", id)
                .header("Authorization", TestJwts.bearer("CITY", "140200"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsStored() {
        long before = count("SELECT count(*) FROM heavy_pollution_warning");
        declare(TY_CITY, form("140100", "ORANGE", "2026-10-02T00:00:00+08:00", "2026-10-01T00:00:00+08:00", null))
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("endsAt");
        // 阳泉 has no unit in the directory: unknown.
        declare(PROVINCE, form("140300", "RED", "2026-10-01T00:00:00+08:00", null, null))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("cityCode");
        // A county code is not a city.
        declare(PROVINCE, form("140105", "RED", "2026-10-01T00:00:00+08:00", null, null))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("cityCode");
        // 太原 staff cannot declare for 大同; a county cannot declare at all.
        declare(TY_CITY, form("140200", "RED", "2026-10-01T00:00:00+08:00", null, null))
                .expectStatus()
                .isForbidden();
        declare(TestJwts.bearer("COUNTY", "140105"), form("140100", "RED", "2026-10-01T00:00:00+08:00", null, null))
                .expectStatus()
                .isForbidden();
        declare(TY_CITY, form("140100", "PURPLE", "2026-10-01T00:00:00+08:00", null, null))
                .expectStatus()
                .isBadRequest();
        assertThat(count("SELECT count(*) FROM heavy_pollution_warning")).isEqualTo(before);
    }

    WebTestClient.ResponseSpec declare(String token, Map<String, Object> body) {
        return web.post()
                .uri("/api/v1/monitoring/heavy-pollution-warnings")
                .header("Authorization", token)
                .bodyValue(body)
                .exchange();
    }

    static Map<String, Object> form(String city, String level, String startsAt, String endsAt, String reference) {
        Map<String, Object> form = new HashMap<>();
        form.put("cityCode", city);
        form.put("level", level);
        form.put("startsAt", startsAt);
        form.put("endsAt", endsAt);
        form.put("reference", reference);
        return form;
    }

    long count(String sql) {
        return db.sql(sql).map(r -> r.get(0, Long.class)).one().block();
    }
}
