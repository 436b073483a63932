package org.permitwatch.systemtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hostile bodies every write endpoint gets, derived from a well-formed body of that endpoint so the attack
 * reaches the service's own parsing and validation (not only the gateway's).
 */
final class HostileInput {

    static final String INJECTION =
            "'; DROP TABLE inspection_task; -- <script>alert(1)</script> ${jndi:ldap://x/a} %00";
    private static final int TWO_MB = 2 * 1024 * 1024;
    private static final java.util.regex.Pattern DAY = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final java.util.regex.Pattern MONTH = java.util.regex.Pattern.compile("\\d{4}-\\d{2}");
    private static final java.util.regex.Pattern TIMESTAMP = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.+");

    private HostileInput() {}

    /** attack name → raw body. */
    static Map<String, String> attacks(JsonNode valid) {
        Map<String, String> out = new LinkedHashMap<>();
        String json = Api.JSON.writeValueAsString(valid);
        out.put("malformed JSON", json.substring(0, Math.max(1, json.length() / 2)));
        out.put("not an object", "[1,2,3]");
        out.put("missing fields", "{}");
        out.put("wrong types", Api.JSON.writeValueAsString(map(valid, HostileInput::wrongType)));
        out.put("injection strings", Api.JSON.writeValueAsString(map(valid, HostileInput::injection)));
        out.put("2 MB body", twoMegabytes(valid));
        // Issue 11 item 4: PostgreSQL refuses U+0000 in text, and dates at Java's year limits overflow its range;
        // both once gave a 500. An attack that would leave the body unchanged (no string, no date) is not sent: it
        // would be a valid request.
        putIfChanged(out, "NUL character in every string", valid, map(valid, HostileInput::nul));
        putIfChanged(out, "dates at the year limit", valid, map(valid, leaf -> date(leaf, "+999999999-12-31")));
        putIfChanged(out, "dates before the year limit", valid, map(valid, leaf -> date(leaf, "-999999999-01-01")));
        putIfChanged(out, "implausible dates (1900)", valid, map(valid, leaf -> date(leaf, "1900-01-01")));
        return out;
    }

    /** The valid body with every leaf replaced. */
    private static JsonNode map(JsonNode node, Function<JsonNode, JsonNode> leaf) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), map(e.getValue(), leaf)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> copy.add(map(e, leaf)));
            return copy;
        }
        return leaf.apply(node);
    }

    /** A string where a number or boolean belongs, an object where a string belongs. */
    private static JsonNode wrongType(JsonNode leaf) {
        if (leaf.isString()) {
            return JsonNodeFactory.instance.objectNode().put("unexpected", 1);
        }
        return JsonNodeFactory.instance.stringNode(
                "not-a-" + leaf.getNodeType().name().toLowerCase());
    }

    private static void putIfChanged(Map<String, String> out, String name, JsonNode valid, JsonNode attack) {
        if (!attack.equals(valid)) {
            out.put(name, Api.JSON.writeValueAsString(attack));
        }
    }

    private static JsonNode nul(JsonNode leaf) {
        return leaf.isString() ? JsonNodeFactory.instance.stringNode(leaf.asString() + "\u0000x") : leaf;
    }

    /**
     * A date (yyyy-MM-dd), month (yyyy-MM) or timestamp (yyyy-MM-ddT…) leaf moved to {@code day} in the same form;
     * other leaves unchanged.
     */
    private static JsonNode date(JsonNode leaf, String day) {
        if (!leaf.isString()) {
            return leaf;
        }
        String value = leaf.asString();
        String replaced = DAY.matcher(value).matches()
                ? day
                : MONTH.matcher(value).matches()
                        ? day.substring(0, day.length() - 3)
                        : TIMESTAMP.matcher(value).matches() ? day + "T00:00:00Z" : null;
        return replaced == null ? leaf : JsonNodeFactory.instance.stringNode(replaced);
    }

    private static JsonNode injection(JsonNode leaf) {
        return leaf.isString() ? JsonNodeFactory.instance.stringNode(INJECTION) : leaf;
    }

    /** The valid body's first string field padded to 2 MB (a photo pasted into a text field). */
    private static String twoMegabytes(JsonNode valid) {
        ObjectNode copy = valid.isObject() ? (ObjectNode) valid.deepCopy() : JsonNodeFactory.instance.objectNode();
        List<String> strings = new ArrayList<>();
        copy.properties().forEach(e -> {
            if (e.getValue().isString()) {
                strings.add(e.getKey());
            }
        });
        copy.put(strings.isEmpty() ? "padding" : strings.get(0), "x".repeat(TWO_MB));
        return Api.JSON.writeValueAsString(copy);
    }
}
