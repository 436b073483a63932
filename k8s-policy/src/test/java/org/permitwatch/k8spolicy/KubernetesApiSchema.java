package org.permitwatch.k8spolicy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates built-in Kubernetes objects against the API model of fabric8's {@code kubernetes-model} (generated
 * from the Kubernetes OpenAPI): an unknown apiVersion/kind, a value of the wrong type, or a field the API does not
 * have is a violation. fabric8 parks unknown fields in {@code additionalProperties} instead of failing, so after
 * binding every object in the tree is walked and a non-empty {@code additionalProperties} is reported with its path.
 */
final class KubernetesApiSchema {

    /** apiVersion + kind of every built-in type our overlays may contain. */
    private static final Map<String, Class<?>> TYPES = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", Ingress.class);

    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, false);

    static boolean isBuiltIn(Manifest manifest) {
        return TYPES.containsKey(manifest.apiVersion() + "/" + manifest.kind());
    }

    List<Violation> validate(Manifest manifest) {
        Class<?> type = TYPES.get(manifest.apiVersion() + "/" + manifest.kind());
        if (type == null) {
            return List.of(new Violation(
                    "schema.unknown-kind",
                    manifest.id(),
                    "apiVersion " + manifest.apiVersion() + " kind " + manifest.kind()
                            + " is not a type this policy knows"));
        }
        Object bound;
        try {
            bound = mapper.convertValue(manifest.raw(), type);
        } catch (IllegalArgumentException e) {
            return List.of(new Violation("schema.type", manifest.id(), rootMessage(e)));
        }
        List<Violation> violations = new ArrayList<>();
        walk(bound, manifest.kind(), manifest, violations, new IdentityHashMap<>());
        if (manifest.string("metadata", "name").isEmpty()) {
            violations.add(new Violation("schema.required", manifest.id(), "metadata.name is required"));
        }
        return violations;
    }

    private void walk(Object node, String path, Manifest manifest, List<Violation> out, Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", manifest, out, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, manifest, out, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getName().equals("getClass")) {
                continue;
            }
            Object value = invoke(getter, node);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    out.add(new Violation(
                            "schema.unknown-field",
                            manifest.id(),
                            "field(s) " + extra.keySet() + " at " + path + " are not in the Kubernetes API"));
                }
                continue;
            }
            walk(value, path + "." + property(getter), manifest, out, seen);
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }

    private static String property(Method getter) {
        String name = getter.getName().substring(3);
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }

    static Set<String> knownTypes() {
        return TYPES.keySet();
    }
}
