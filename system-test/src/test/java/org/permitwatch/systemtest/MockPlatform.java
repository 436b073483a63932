package org.permitwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** The national-platform mock: its admin switchboard ({@code /__mock/*}) and its contract API as the truth. */
final class MockPlatform {

    private static final String CLIENT = "client_id=permitwatch-sx&client_secret=permitwatch-sx-secret";

    private final Api api;

    MockPlatform(String url) {
        this.api = new Api(url);
    }

    void faults(String json) {
        Api.Reply reply = api.post("/__mock/faults", null, json);
        assertThat(reply.status()).as("enable faults %s: %s", json, reply).isEqualTo(200);
    }

    void clearFaults() {
        assertThat(api.send("DELETE", "/__mock/faults", null, null, Map.of()).status())
                .isEqualTo(200);
    }

    JsonNode activeFaults() {
        return api.get("/__mock/faults", null).json().get("faults");
    }

    JsonNode mutate(int updates, int statusChanges, int newPermits) {
        Api.Reply reply = api.post(
                "/__mock/mutations",
                null,
                Map.of("updates", updates, "statusChanges", statusChanges, "newPermits", newPermits));
        assertThat(reply.status()).as("mutations: %s", reply).isEqualTo(200);
        return reply.json();
    }

    JsonNode stats() {
        return api.get("/__mock/stats", null).json();
    }

    /** Every permit the platform lists for Shanxi, permitNo → version, read through its own contract API. */
    Map<String, Long> permits() {
        Api.Reply token = api.send(
                "POST",
                "/oauth/token",
                null,
                "grant_type=client_credentials&" + CLIENT,
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(token.status()).as("mock token: %s", token).isEqualTo(200);
        String bearer = token.json().get("access_token").asString();
        Map<String, Long> out = new TreeMap<>();
        for (int page = 1; ; page++) {
            Api.Reply reply = api.get("/api/v1/permits?provinceCode=14&pageNo=" + page + "&pageSize=500", bearer);
            assertThat(reply.status()).as("mock list page %s: %s", page, reply).isEqualTo(200);
            JsonNode records = reply.json().path("data").path("records");
            if (records.isEmpty()) {
                return out;
            }
            for (JsonNode r : records) {
                out.put(r.get("permitNo").asString(), r.get("version").asLong());
            }
        }
    }
}
