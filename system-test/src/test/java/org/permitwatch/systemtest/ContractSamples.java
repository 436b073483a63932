package org.permitwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

/**
 * Issue 16: a sample of real answers, read through the gateway after the campaign, checked against the schemas of
 * docs/api/&lt;service&gt;.json ({@link ContractSchemas}): per service a list, a detail and a problem+json error (a page
 * size of 0, which names the field in errors[]; identity-service also a 401 without token).
 */
final class ContractSamples {

    private final Campaign c;

    ContractSamples(Campaign c) {
        this.c = c;
    }

    void realAnswersMatchTheirSchemas() {
        String city = c.city();
        // permit-sync: the directory
        String permit = check("permit-sync", "/api/v1/directory/units?size=5", city, 200)
                .get("items")
                .get(0)
                .get("permitNo")
                .asString();
        check("permit-sync", "/api/v1/directory/units/" + permit, city, 200);
        check("permit-sync", "/api/v1/directory/units?size=0", city, 400);
        // inspection-service: the campaign's plan
        check("inspection-service", "/api/v1/plans?size=5", city, 200);
        check("inspection-service", "/api/v1/plans/" + c.planId, city, 200);
        check("inspection-service", "/api/v1/plans/" + UUID.randomUUID(), city, 404);
        // liaison-service: the clue the campaign transferred
        String clue = check("liaison-service", "/api/v1/clues?direction=INCOMING&size=5", city, 200)
                .get("items")
                .get(0)
                .get("id")
                .asString();
        check("liaison-service", "/api/v1/clues/" + clue, city, 200);
        check("liaison-service", "/api/v1/clues?size=0", city, 400);
        // reporting-service: the public inspection list and the scenario unit's history
        check("reporting-service", "/api/v1/public/inspections?city=" + Campaign.CITY + "&size=5", null, 200);
        check("reporting-service", "/api/v1/reports/units/" + c.scenarioPermit, city, 200);
        check("reporting-service", "/api/v1/public/inspections?size=0", null, 400);
        // monitoring-service: the point the monitoring scenario (order 85) registered, coverage, a refused query
        check("monitoring-service", "/api/v1/monitoring/points?size=5", city, 200);
        check("monitoring-service", "/api/v1/monitoring/points/SYSTEST000001", city, 200);
        check("monitoring-service", "/api/v1/monitoring/coverage", city, 200);
        check("monitoring-service", "/api/v1/monitoring/points?size=0", city, 400);
        // identity-service: the admin API under /auth
        String user = check("identity-service", "/auth/api/v1/users?size=5", city, 200)
                .get("items")
                .get(0)
                .get("id")
                .asString();
        check("identity-service", "/auth/api/v1/users/" + user, city, 200);
        check("identity-service", "/auth/api/v1/users/" + UUID.randomUUID(), city, 404);
        check("identity-service", "/auth/api/v1/users", null, 401);
    }

    private tools.jackson.databind.JsonNode check(String service, String path, String token, int status) {
        Api.Reply reply = c.gateway.get(path, token);
        assertThat(reply.status()).as("%s %s", path, reply).isEqualTo(status);
        ContractSchemas.of(service).assertMatches("GET", path, reply);
        return reply.json();
    }
}
