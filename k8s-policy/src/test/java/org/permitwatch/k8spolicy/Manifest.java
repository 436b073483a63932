package org.permitwatch.k8spolicy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One rendered object as plain YAML data, with path helpers that never throw on a missing branch. */
record Manifest(Map<String, Object> raw) {

    String apiVersion() {
        return String.valueOf(raw.get("apiVersion"));
    }

    String kind() {
        return String.valueOf(raw.get("kind"));
    }

    String name() {
        return string("metadata", "name").orElse("<unnamed>");
    }

    String id() {
        return kind() + "/" + name();
    }

    Optional<Object> at(Object... path) {
        Object current = raw;
        for (Object step : path) {
            if (step instanceof String key && current instanceof Map<?, ?> map) {
                current = map.get(key);
            } else if (step instanceof Integer index && current instanceof List<?> list && index < list.size()) {
                current = list.get(index);
            } else {
                return Optional.empty();
            }
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    Optional<String> string(Object... path) {
        return at(path).map(String::valueOf);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(Object... path) {
        return at(path).filter(Map.class::isInstance)
                .map(m -> (Map<String, Object>) m)
                .orElse(Map.of());
    }

    @SuppressWarnings("unchecked")
    List<Object> list(Object... path) {
        return at(path).filter(List.class::isInstance)
                .map(l -> (List<Object>) l)
                .orElse(List.of());
    }
}
