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
 * Tasks to inspect for the load run and the drills: units across Shanxi with no task yet, on-post inspectors in each
 * city (at least two, and enough that no phone carries more than {@link #TASKS_PER_PHONE} of a batch), one targeted
 * task per unit created by the province through the gateway (in its own month, so nothing merges with the campaign's
 * tasks) and assigned to two of the city's inspectors.
 */
final class Workload {

    /**
     * At most this many of a batch's submissions on one phone: a field inspector does not submit more at once, and
     * ~2.3 requests each (the retried copies) stay inside the gateway's per-subject burst of 60. With two inspectors
     * per city, the busiest city's phones met the limit (126 answers 429 in a CI run, docs/benchmarks.md).
     */
    static final int TASKS_PER_PHONE = 10;

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
        Map<String, Integer> batchInCity = new HashMap<>();
        cityOf.values().forEach(city -> batchInCity.merge(city, 1, Integer::sum));
        batchInCity.forEach(
                (city, tasks) -> ensureInspectors(city, Math.max(2, (tasks + TASKS_PER_PHONE - 1) / TASKS_PER_PHONE)));
        Map<String, Integer> tasksInCity = new HashMap<>();
        cityOf.forEach((permit, city) -> {
            List<String> pool = inspectorsByCity.get(city);
            // The city's inspectors take turns as the phone; the next one is the task's second inspector.
            int turn = tasksInCity.merge(city, 1, Integer::sum) - 1;
            String phone = pool.get(turn % pool.size());
            List<String> inspectors = List.of(phone, pool.get((turn + 1) % pool.size()));
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
            jobs.add(new Job(
                    permit,
                    reply.json().get("id").asString(),
                    c.platform.token("INSPECTOR", city, "--sub", phone),
                    itemByIndustry.computeIfAbsent(industryOf.get(permit), c::checklistItem)));
        });
        return jobs;
    }

    /** Registers the city's inspectors ST-city-1, -2, … up to {@code size} (a later batch reuses and extends them). */
    private void ensureInspectors(String city, int size) {
        List<String> pool = inspectorsByCity.computeIfAbsent(city, k -> new ArrayList<>());
        while (pool.size() < size) {
            pool.add(c.registerInspector(city, "ST-" + city + "-" + (pool.size() + 1), c.province()));
        }
    }
}
