package org.permitwatch.inspection.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.permitwatch.inspection.InspectionFixtures.bearer;
import static org.permitwatch.inspection.InspectionFixtures.conflict;
import static org.permitwatch.inspection.InspectionFixtures.inspector;
import static org.permitwatch.inspection.InspectionFixtures.unit;
import static org.permitwatch.inspection.InspectionItSupport.post;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.permitwatch.inspection.InspectionIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Reassigning a task's officers: the assignment rules of draws and manual tasks, before the inspection starts. */
@InspectionIntegrationTest
class TaskReassignIT {

    private static final String DUE = (java.time.Year.now().getValue() + 1) + "-03-15";

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    TaskAccess tasks;

    @Autowired
    tools.jackson.databind.json.JsonMapper json;

    private WebTestClient.ResponseSpec reassign(String token, Object taskId, List<UUID> ids, String reason) {
        return web.put()
                .uri("/api/v1/tasks/" + taskId + "/inspectors")
                .header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("inspectorIds", ids, "reason", reason))
                .exchange();
    }

    private String task(String city, String permit, List<UUID> ids) {
        return (String) post(
                        web,
                        city,
                        "/api/v1/tasks",
                        Map.of(
                                "permitNumber",
                                permit,
                                "origin",
                                "MANUAL",
                                "method",
                                "ON_SITE",
                                "dueDate",
                                DUE,
                                "department",
                                "LAW_ENFORCEMENT",
                                "inspectorIds",
                                ids),
                        201)
                .get("id");
    }

    private void refused(String city, String taskId, List<UUID> ids, String field, String message) {
        reassign(city, taskId, ids, "调整")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo(field)
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).contains(message));
    }

    @Test
    @SuppressWarnings("unchecked")
    void officersAreReplacedByEligibleOnesWithAReasonAndAudited() {
        unit(db, "REASSIGN-1", "改派单位", "140105", "COKING");
        UUID a = inspector(db, "140105", true);
        UUID b = inspector(db, "140105", true);
        UUID c = inspector(db, "140100", true);
        UUID d = inspector(db, "140105", true);
        String city = bearer("CITY", "140100");
        String taskId = task(city, "REASSIGN-1", List.of(a, b));

        Map<String, Object> after = reassign(city, taskId, List.of(c, d, c), "张某回避，改派")
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(after.get("inspectorIds"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactlyInAnyOrder(c.toString(), d.toString());
        Map<String, Object> audit = db.sql("SELECT details::text AS d FROM audit_log WHERE action = 'task.reassign'"
                        + " AND resource_id = :id")
                .bind("id", taskId)
                .map(r -> (Map<String, Object>) json.readValue(r.get("d", String.class), Map.class))
                .one()
                .block();
        assertThat(audit).containsEntry("reason", "张某回避，改派").containsEntry("permitNumber", "REASSIGN-1");
        assertThat((List<Object>) audit.get("from")).containsExactlyInAnyOrder(a.toString(), b.toString());
        assertThat((List<Object>) audit.get("to")).containsExactly(c.toString(), d.toString());
    }

    @Test
    void eachRuleOfTheAssignmentIsEnforcedAndNamed() {
        unit(db, "REASSIGN-2", "改派单位", "140105", "COKING");
        UUID a = inspector(db, "140105", true);
        UUID b = inspector(db, "140105", true);
        UUID offPost = inspector(db, "140105", false);
        UUID otherCity = inspector(db, "140200", true);
        UUID conflicted = inspector(db, "140105", true);
        conflict(db, conflicted, "REASSIGN-2");
        String city = bearer("CITY", "140100");
        String taskId = task(city, "REASSIGN-2", List.of(a, b));

        // two officers inspect (the draw's floor too): the same officer twice is one
        refused(city, taskId, List.of(a, a), "inspectorIds", "at least two different inspectors");
        refused(city, taskId, List.of(a, offPost), "inspectorIds[1]", "not an on-post inspector of the unit's city");
        refused(city, taskId, List.of(otherCity, a), "inspectorIds[0]", "not an on-post inspector of the unit's city");
        refused(city, taskId, List.of(a, conflicted), "inspectorIds[1]", "conflict of interest");
        reassign(city, taskId, List.of(a, b), " ")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("reason");

        // another city's bureau does not see the task; an inspector is no bureau
        reassign(bearer("CITY", "140200"), taskId, List.of(a, b), "调整")
                .expectStatus()
                .isNotFound();
        reassign(bearer("INSPECTOR", "140105"), taskId, List.of(a, b), "调整")
                .expectStatus()
                .isForbidden();

        // once the inspection has started, the officers who started it stay
        tasks.markInProgress(UUID.fromString(taskId)).block();
        UUID c = inspector(db, "140105", true);
        reassign(city, taskId, List.of(a, c), "调整")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("task-started");
        assertThat(db.sql("SELECT count(*) FROM task_inspector WHERE task_id = :id AND inspector_id = :c")
                        .bind("id", UUID.fromString(taskId))
                        .bind("c", c)
                        .map(r -> ((Number) r.get(0)).longValue())
                        .one()
                        .block())
                .isZero();
    }
}
