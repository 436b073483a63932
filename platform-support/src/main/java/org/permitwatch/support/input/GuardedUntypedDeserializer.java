package org.permitwatch.support.input;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * Free-form values ({@code Object}, e.g. the values of a {@code Map<String, Object>}): read as a tree, checked with
 * the full path inside, then turned into the maps, lists and scalars Jackson's untyped deserializer would give.
 * Jackson's own untyped deserializer cannot simply be wrapped: once a guarded String deserializer exists it reads
 * nested strings through it, and the refusal would lose the path inside the free-form value.
 */
final class GuardedUntypedDeserializer extends StdDeserializer<Object> {

    GuardedUntypedDeserializer() {
        super(Object.class);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
        JsonNode tree = ctxt.readTree(p);
        GuardedDeserializer.check(p, tree);
        return plain(tree);
    }

    private static Object plain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                map.put(e.getKey(), plain(e.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                list.add(plain(item));
            }
            return list;
        }
        if (node.isString()) {
            return node.asString();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isBinary() || node.isPojo()) {
            return node.asString();
        }
        return node.asString();
    }
}
