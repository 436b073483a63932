package org.permitwatch.mock.server;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.permitwatch.mock.dataset.PermitStore;
import org.permitwatch.mock.fault.FaultSpec;
import org.permitwatch.mock.fault.Faults;

/**
 * The {@code /__mock/*} control endpoints on the mock's own port (so scripts and other services need no
 * Java to switch faults or move the dataset). Not part of the national contract; no auth.
 */
final class AdminRoutes {

    static final String PREFIX = "/__mock/";

    private final PermitStore store;
    private final Faults faults;
    private final PlatformTransformer platform;

    AdminRoutes(PermitStore store, Faults faults, PlatformTransformer platform) {
        this.store = store;
        this.faults = faults;
        this.platform = platform;
    }

    Reply handle(RequestMethod method, String path, String body) {
        try {
            return route(method.getName(), path.substring(PREFIX.length()), body);
        } catch (IllegalArgumentException | ClassCastException e) {
            return Reply.json(400, Json.write(Map.of("error", String.valueOf(e.getMessage()))));
        }
    }

    private Reply route(String method, String path, String body) {
        switch (method + " " + path) {
            case "GET faults":
                return Reply.json(
                        200,
                        Json.write(Map.of(
                                "faults",
                                faults.active().stream()
                                        .map(a -> {
                                            Map<String, Object> m = new LinkedHashMap<>();
                                            m.put("id", a.id());
                                            m.put("matched", a.matched());
                                            m.put("fired", a.fired());
                                            m.putAll(a.spec().toMap());
                                            return m;
                                        })
                                        .toList())));
            case "POST faults":
                return Reply.json(200, Json.write(Map.of("ids", faults.enable(parseFaults(body)))));
            case "DELETE faults":
                faults.clear();
                return Reply.json(200, "{\"cleared\":true}");
            case "POST mutations":
                return Reply.json(200, Json.write(mutate(asMap(parse(body)))));
            case "POST reset":
                store.reset();
                faults.clear();
                platform.resetStats();
                return Reply.json(
                        200, Json.write(Map.of("size", store.snapshot().size())));
            case "GET stats":
                return Reply.json(200, Json.write(platform.stats()));
            case "DELETE stats":
                platform.resetStats();
                return Reply.json(200, "{\"cleared\":true}");
            default:
                if (method.equals("DELETE") && path.startsWith("faults/")) {
                    boolean removed = faults.disable(path.substring("faults/".length()));
                    return Reply.json(removed ? 200 : 404, Json.write(Map.of("removed", removed)));
                }
                return Reply.json(
                        404, Json.write(Map.of("error", "unknown admin route " + method + " " + PREFIX + path)));
        }
    }

    private Map<String, Object> mutate(Map<String, Object> request) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("updated", store.update(count(request, "updates")));
        out.put("statusChanged", store.changeStatus(count(request, "statusChanges")));
        out.put("added", store.addNew(count(request, "newPermits")));
        List<String> deleted = new ArrayList<>();
        if (request.get("delete") instanceof Collection<?> nos) {
            for (Object no : nos) {
                if (store.delete(String.valueOf(no))) {
                    deleted.add(String.valueOf(no));
                }
            }
        }
        out.put("deleted", deleted);
        out.put("size", store.snapshot().size());
        return out;
    }

    private static int count(Map<String, Object> request, String key) {
        Object v = request.get(key);
        if (v == null) {
            return 0;
        }
        if (!(v instanceof Number n) || n.intValue() < 0) {
            throw new IllegalArgumentException(key + " must be a non-negative number");
        }
        return n.intValue();
    }

    private static FaultSpec[] parseFaults(String body) {
        Object json = parse(body);
        List<FaultSpec> specs = new ArrayList<>();
        if (json instanceof Collection<?> list) {
            for (Object o : list) {
                specs.add(FaultSpec.fromMap(asMap(o)));
            }
        } else {
            specs.add(FaultSpec.fromMap(asMap(json)));
        }
        return specs.toArray(new FaultSpec[0]);
    }

    private static Object parse(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("JSON body required");
        }
        try {
            return com.github.tomakehurst.wiremock.common.Json.read(body, Object.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        if (!(o instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return (Map<String, Object>) o;
    }
}
