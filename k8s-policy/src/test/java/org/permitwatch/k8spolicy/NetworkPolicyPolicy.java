package org.permitwatch.k8spolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The edge as network rules (issue 11 item 7): every overlay ships the default deny; the services' pods admit
 * traffic only from the gateway's pods; the management port (metrics) admits only the monitoring namespace.
 * A rule that names no port opens every port, so it counts as opening the management port too.
 */
final class NetworkPolicyPolicy {

    static final String SERVICE_COMPONENT = "service";
    static final String GATEWAY = "gateway";
    static final String MONITORING = "monitoring";
    static final List<String> SERVICES =
            List.of("permit-sync", "inspection-service", "liaison-service", "reporting-service", "monitoring-service");
    /**
     * Ports that serve no API: the management port (metrics) and monitoring-service's HJ 212 receiver, which the
     * data-acquisition units reach from outside the cluster (they speak TCP, not HTTP through the gateway).
     */
    static final List<String> NON_API_PORTS = List.of("management", "hj212");

    List<Violation> validate(RenderedOverlay overlay) {
        List<Violation> out = new ArrayList<>();
        boolean hasApps = overlay.manifests().stream().anyMatch(m -> m.kind().equals("Deployment"));
        List<Manifest> policies = overlay.ofKind("NetworkPolicy").toList();
        if (hasApps && policies.stream().noneMatch(NetworkPolicyPolicy::isDefaultDeny)) {
            out.add(new Violation(
                    "network.default-deny",
                    "overlay " + overlay.name(),
                    "no default-deny NetworkPolicy for the PermitWatch pods (components/network-policies)"));
        }
        for (Manifest policy : policies) {
            boolean selectsServices = selects(policy, SERVICE_COMPONENT);
            List<Object> rules = policy.list("spec", "ingress");
            for (int i = 0; i < rules.size(); i++) {
                Object rule = rules.get(i);
                if (!(rule instanceof Map<?, ?> ingress)) {
                    continue;
                }
                List<?> from = ingress.get("from") instanceof List<?> l ? l : List.of();
                List<?> ports = ingress.get("ports") instanceof List<?> l ? l : List.of();
                String where = policy.id() + " ingress[" + i + "]";
                boolean opensApi = ports.isEmpty()
                        || ports.stream()
                                .anyMatch(p ->
                                        !(p instanceof Map<?, ?> port && NON_API_PORTS.contains(port.get("port"))));
                if (selectsServices
                        && opensApi
                        && (from.isEmpty() || !from.stream().allMatch(NetworkPolicyPolicy::isGatewayPods))) {
                    out.add(new Violation(
                            "network.services-from-gateway",
                            where,
                            "service pods may admit only the gateway's pods, admits " + from));
                }
                boolean opensManagement = ports.isEmpty()
                        || ports.stream()
                                .anyMatch(p -> p instanceof Map<?, ?> port && "management".equals(port.get("port")));
                if (opensManagement
                        && opensAppPods(policy)
                        && (from.isEmpty() || !from.stream().allMatch(NetworkPolicyPolicy::isMonitoringNamespace))) {
                    out.add(new Violation(
                            "network.management-from-monitoring",
                            where,
                            "the management port may admit only the monitoring namespace, admits "
                                    + (from.isEmpty() ? "everyone" : from)));
                }
            }
        }
        return out;
    }

    private static boolean isDefaultDeny(Manifest policy) {
        return policy.list("spec", "policyTypes").contains("Ingress")
                && policy.list("spec", "ingress").isEmpty()
                && "permitwatch"
                        .equals(policy.string("spec", "podSelector", "matchLabels", "app.kubernetes.io/part-of")
                                .orElse(""));
    }

    /**
     * Whether the policy's pod selector matches a service pod (labels part-of=permitwatch, component=service,
     * name=one of the services). An empty selector, or one on part-of alone, matches the services too.
     */
    private static boolean selects(Manifest policy, String component) {
        Map<String, Object> labels = policy.map("spec", "podSelector", "matchLabels");
        for (Map.Entry<String, Object> label : labels.entrySet()) {
            boolean matches = switch (label.getKey()) {
                case "app.kubernetes.io/part-of" -> "permitwatch".equals(label.getValue());
                case "app.kubernetes.io/component" -> component.equals(label.getValue());
                case "app.kubernetes.io/name" -> SERVICES.contains(label.getValue());
                default -> false;
            };
            if (!matches) {
                return false;
            }
        }
        return policy.list("spec", "podSelector", "matchExpressions").stream()
                .filter(Map.class::isInstance)
                .map(Map.class::cast)
                .allMatch(e -> !"In".equals(e.get("operator"))
                        || e.get("values") instanceof List<?> values
                                && switch (String.valueOf(e.get("key"))) {
                                    case "app.kubernetes.io/part-of" -> values.contains("permitwatch");
                                    case "app.kubernetes.io/component" -> values.contains(component);
                                    case "app.kubernetes.io/name" ->
                                        values.stream().anyMatch(SERVICES::contains);
                                    default -> false;
                                });
    }

    /** Policies on gateway or service pods (the ones with a management port), or on every PermitWatch pod. */
    private static boolean opensAppPods(Manifest policy) {
        Map<String, Object> labels = policy.map("spec", "podSelector", "matchLabels");
        boolean registryOnly = "registry".equals(labels.get("app.kubernetes.io/name"));
        boolean postgresOrKafka =
                labels.keySet().stream().anyMatch(k -> k.startsWith("cnpg.io") || k.startsWith("strimzi.io"));
        return !registryOnly && !postgresOrKafka;
    }

    private static boolean isGatewayPods(Object peer) {
        return peer instanceof Map<?, ?> map
                && map.get("namespaceSelector") == null
                && map.get("podSelector") instanceof Map<?, ?> selector
                && selector.get("matchLabels") instanceof Map<?, ?> labels
                && GATEWAY.equals(labels.get("app.kubernetes.io/name"));
    }

    private static boolean isMonitoringNamespace(Object peer) {
        return peer instanceof Map<?, ?> map
                && map.get("namespaceSelector") instanceof Map<?, ?> selector
                && selector.get("matchLabels") instanceof Map<?, ?> labels
                && MONITORING.equals(labels.get("kubernetes.io/metadata.name"));
    }
}
