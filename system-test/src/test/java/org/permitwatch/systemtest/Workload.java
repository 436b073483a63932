package org.permitwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Tasks to inspect for the load run and the drills: units across Shanxi with no task yet, two on-post inspectors per
 * city, one targeted task per unit created by the province through the gateway (in its own month, so nothing
 * merges with the campaign's tasks).
 */
final class Workload {

    /**
     * A task to inspect and the token of the phone that writes its record: an inspector assigned to the task (an
     * INSPECTOR token whose subject is the inspector), as in the field, where every inspector signs in on their own
     * phone. The gateway limits requests per token subject; one city token for all of a city's phones would put them
     * all in one bucket (a load run that way waited out 765 answers 429, docs/benchmarks.md).
     */
    record Job(String permit, String taskId, String phoneToken, String checklistItemId) {}

    private final Campaign c;
    private final Map<String, List<String>> inspectorsByCity = new HashMap<>();
    private final Map<String, String> itemByIndustry = new HashMap<>();

    Workload(Campaign campaign) {
        this.c = campaign;
    }

    List<Job> tasks(int count, String dueDate) {
        Set<String> withTask = new HashSet<>(c.db.column("inspection", "SELECT permit_number FROM inspection_task"));
        Map<String, String> cityOf = new LinkedHashMap<>();
        Map<String, String> industryOf = new HashMap<>();
        // Not Taiyuan's: the campaign's clue steps need Taiyuan units without a task.
        for (JsonNode unit : c.directory.units(c.province(), "status=VALID")) {
            String permit = unit.get("permitNo").asString();
            // A record needs a checklist item of the unit's key industry to be submitted.
            if (!withTask.contains(permit)
                    && !Campaign.CITY.equals(unit.get("cityCode").asString())
                    && unit.get("keyIndustry").isString()) {
                cityOf.put(permit, unit.get("cityCode").asString());
                industryOf.put(permit, unit.get("keyIndustry").asString());
            }
            if (cityOf.size() == count) {
                break;
            }
        }
        assertThat(cityOf).as("units without a task").hasSize(count);
        List<Job> jobs = new ArrayList<>();
        Map<String, Integer> tasksInCity = new HashMap<>();
        cityOf.forEach((permit, city) -> {
            List<String> inspectors = inspectorsByCity.computeIfAbsent(
                    city,
                    k -> List.of(
                            c.registerInspector(k, "ST-" + k + "-1", c.province()),
                            c.registerInspector(k, "ST-" + k + "-2", c.province())));
            Api.Reply reply = c.gateway.post(
                    "/api/v1/tasks",
                    c.province(),
                    Map.of(
                            "permitNumber",
                            permit,
                            "origin",
                            "MANUAL",
                            "method",
                            "ON_SITE",
                            "dueDate",
                            dueDate,
                            "department",
                            "ENFORCEMENT",
                            "inspectorIds",
                            inspectors));
            assertThat(reply.status()).as("task for %s: %s", permit, reply).isEqualTo(201);
            // The city's two inspectors take turns: each phone carries half the city's submissions.
            String inspector = inspectors.get(tasksInCity.merge(city, 1, Integer::sum) % inspectors.size());
            jobs.add(new Job(
                    permit,
                    reply.json().get("id").asString(),
                    c.platform.token("INSPECTOR", city, "--sub", inspector),
                    itemByIndustry.computeIfAbsent(industryOf.get(permit), c::checklistItem)));
        });
        return jobs;
    }
}
