package org.permitwatch.reporting.projection;

import io.r2dbc.spi.Parameters;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;

/** Named bind values where null is allowed: R2DBC needs the type of a null, so each value carries it. */
final class Params {

    private record Typed(Object value, Class<?> type) {}

    private final Map<String, Typed> values = new LinkedHashMap<>();

    Params put(String name, Object value, Class<?> type) {
        values.put(name, new Typed(value, type));
        return this;
    }

    DatabaseClient.GenericExecuteSpec bindTo(DatabaseClient.GenericExecuteSpec spec) {
        DatabaseClient.GenericExecuteSpec s = spec;
        for (Map.Entry<String, Typed> e : values.entrySet()) {
            Typed t = e.getValue();
            s = s.bind(e.getKey(), t.value() == null ? Parameters.in(t.type()) : t.value());
        }
        return s;
    }
}
