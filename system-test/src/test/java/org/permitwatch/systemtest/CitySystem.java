package org.permitwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15, "a city system gets a token with its client id and secret and calls the REST API": the province registers
 * Taiyuan's system as a client (division 140100, area scope {@code directory:read}) through the admin API, the
 * system gets a client-credentials token with the id and the one-time secret, reads Taiyuan's directory through the
 * gateway and is refused everything outside its area and rights (the area-scope rule, ADR 0018).
 */
final class CitySystem {

    private final Campaign c;

    CitySystem(Campaign campaign) {
        this.c = campaign;
    }

    void readsItsDirectoryAndNothingElse() {
        Identity.Client client =
                c.identity.registerClient(c.province(), "太原市生态环境智慧监管平台", Campaign.CITY, List.of("directory:read"));

        HttpResponse<String> wrongSecret =
                c.identity.clientToken(new Identity.Client(client.clientId(), client.secret() + "x"), "directory:read");
        assertThat(wrongSecret.statusCode())
                .as("a wrong secret: %s", wrongSecret.body())
                .isEqualTo(401);

        HttpResponse<String> issued = c.identity.clientToken(client, "directory:read");
        assertThat(issued.statusCode())
                .as("client credentials: %s", issued.body())
                .isEqualTo(200);
        String token = Api.JSON.readTree(issued.body()).get("access_token").asString();
        JsonNode claims = SignIn.claims(token);
        // The contract's claims for a city system: bound to its division, role from the code's level (140100 is a
        // city: CITY), only the scopes it was registered with, itself as the subject.
        assertThat(claims.get("division").asString()).isEqualTo(Campaign.CITY);
        assertThat(strings(claims.get("roles"))).containsExactly("CITY");
        assertThat(strings(claims.get("scope"))).containsExactly("directory:read");
        assertThat(claims.get("sub").asString()).isEqualTo(client.clientId());

        // Reads the directory of its own city (the division rule of every service still applies).
        List<JsonNode> units = c.directory.units(token, "");
        assertThat(units).as("Taiyuan's directory read by its system").isNotEmpty();
        assertThat(units)
                .allSatisfy(unit -> assertThat(unit.get("cityCode").asString()).isEqualTo(Campaign.CITY));

        SoftAssertions soft = new SoftAssertions();
        // Outside its area: another area's read and write, and a write in its own area (read only), 403 problems.
        for (Api.Reply refused : List.of(
                c.gateway.get("/api/v1/plans?size=1", token),
                c.gateway.post("/api/v1/plans", token, Map.of()),
                c.gateway.get("/api/v1/reports/dispatch?month=" + Campaign.MONTH, token),
                c.gateway.post("/api/v1/sync/runs", token, Map.of("mode", "FULL")))) {
            soft.assertThat(refused.status()).as("%s", refused).isEqualTo(403);
            soft.assertThat(refused.isProblem())
                    .as("403 as problem+json: %s", refused)
                    .isTrue();
        }
        soft.assertAll();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(v -> out.add(v.asString()));
        }
        return out;
    }
}
