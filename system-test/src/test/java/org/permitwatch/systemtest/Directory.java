package org.permitwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** The object directory as a city system reads it: through the gateway, page by page. */
final class Directory {

    private final Api gateway;

    Directory(Api gateway) {
        this.gateway = gateway;
    }

    /** Every unit the token's division sees, in the directory's order. */
    List<JsonNode> units(String token, String query) {
        List<JsonNode> out = new ArrayList<>();
        for (int page = 0; ; page++) {
            Api.Reply reply = gateway.get(
                    "/api/v1/directory/units?size=200&page=" + page + (query.isEmpty() ? "" : "&" + query), token);
            assertThat(reply.status()).as("directory page %s: %s", page, reply).isEqualTo(200);
            JsonNode items = reply.json().get("items");
            if (items.isEmpty()) {
                return out;
            }
            items.forEach(out::add);
        }
    }

    /** permitNo → version of every unit, failing on a permit listed twice. */
    Map<String, Long> versions(String token) {
        Map<String, Long> out = new TreeMap<>();
        for (JsonNode unit : units(token, "")) {
            Long previous =
                    out.put(unit.get("permitNo").asString(), unit.get("version").asLong());
            assertThat(previous)
                    .as("permit %s listed twice", unit.get("permitNo"))
                    .isNull();
        }
        return out;
    }

    JsonNode unit(String token, String permitNo) {
        Api.Reply reply = gateway.get("/api/v1/directory/units/" + permitNo, token);
        assertThat(reply.status()).as("unit %s: %s", permitNo, reply).isEqualTo(200);
        return reply.json();
    }
}
