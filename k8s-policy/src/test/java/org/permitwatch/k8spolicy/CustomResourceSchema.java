package org.permitwatch.k8spolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Structural check of the Strimzi, CloudNativePG and Prometheus Operator custom resources. Their CRD schemas are not published on Maven
 * Central (and nothing else is reachable offline), so this checks by hand what our manifests rely on: the known
 * apiVersions, the allowed top-level spec fields, required fields and their types, and references between objects
 * (node pool / topic to Kafka cluster, database to cluster and managed role).
 */
final class CustomResourceSchema {

    private static final Map<String, Set<String>> SPEC_FIELDS = Map.of(
            "kafka.strimzi.io/v1beta2/Kafka",
                    Set.of(
                            "kafka",
                            "entityOperator",
                            "cruiseControl",
                            "kafkaExporter",
                            "clusterCa",
                            "clientsCa",
                            "maintenanceTimeWindows"),
            "kafka.strimzi.io/v1beta2/KafkaNodePool",
                    Set.of("replicas", "roles", "storage", "resources", "jvmOptions", "template"),
            "kafka.strimzi.io/v1beta2/KafkaTopic", Set.of("topicName", "partitions", "replicas", "config"),
            // Prometheus Operator (components/observability, ADR 0043); rules and metric names: ObservabilityAsCodeTest
            "monitoring.coreos.com/v1/PodMonitor",
                    Set.of("selector", "podMetricsEndpoints", "namespaceSelector", "jobLabel", "podTargetLabels"),
            "monitoring.coreos.com/v1/PrometheusRule", Set.of("groups"),
            "postgresql.cnpg.io/v1/Cluster",
                    Set.of(
                            "instances",
                            "imageName",
                            "primaryUpdateStrategy",
                            "storage",
                            "walStorage",
                            "postgresql",
                            "resources",
                            "managed",
                            "bootstrap",
                            "backup",
                            "affinity",
                            "monitoring",
                            "enableSuperuserAccess",
                            "superuserSecret",
                            "description"),
            "postgresql.cnpg.io/v1/Database",
                    Set.of(
                            "cluster",
                            "name",
                            "owner",
                            "ensure",
                            "databaseReclaimPolicy",
                            "encoding",
                            "template",
                            "locale"));

    static boolean isCustom(Manifest manifest) {
        return manifest.apiVersion().contains("strimzi.io")
                || manifest.apiVersion().contains("cnpg.io")
                || manifest.apiVersion().contains("monitoring.coreos.com");
    }

    List<Violation> validate(RenderedOverlay overlay) {
        List<Violation> out = new ArrayList<>();
        for (Manifest m : overlay.manifests()) {
            if (!isCustom(m)) {
                continue;
            }
            Set<String> allowed = SPEC_FIELDS.get(m.apiVersion() + "/" + m.kind());
            if (allowed == null) {
                out.add(new Violation(
                        "crd.unknown-kind",
                        m.id(),
                        m.apiVersion() + " " + m.kind() + " is not checked by this policy"));
                continue;
            }
            for (String field : m.map("spec").keySet()) {
                if (!allowed.contains(field)) {
                    out.add(new Violation(
                            "crd.unknown-field", m.id(), "spec." + field + " is not a field of " + m.kind()));
                }
            }
        }
        Set<String> kafkas = overlay.ofKind("Kafka").map(Manifest::name).collect(Collectors.toSet());
        overlay.ofKind("Kafka").forEach(k -> checkKafka(k, overlay, out));
        overlay.ofKind("KafkaNodePool").forEach(p -> {
            requireCluster(p, kafkas, out);
            requirePositiveInt(p, out, "spec", "replicas");
            List<Object> roles = p.list("spec", "roles");
            if (roles.isEmpty() || !Set.of("controller", "broker").containsAll(roles)) {
                out.add(new Violation(
                        "crd.required", p.id(), "spec.roles must be a non-empty subset of [controller, broker]"));
            }
            if (p.string("spec", "storage", "type").isEmpty()) {
                out.add(new Violation("crd.required", p.id(), "spec.storage.type is required"));
            }
        });
        int brokers = overlay.ofKind("KafkaNodePool")
                .filter(p -> p.list("spec", "roles").contains("broker"))
                .mapToInt(p -> p.at("spec", "replicas")
                        .filter(Integer.class::isInstance)
                        .map(Integer.class::cast)
                        .orElse(0))
                .sum();
        overlay.ofKind("KafkaTopic").forEach(t -> {
            requireCluster(t, kafkas, out);
            requirePositiveInt(t, out, "spec", "partitions");
            requirePositiveInt(t, out, "spec", "replicas");
            t.at("spec", "replicas")
                    .filter(Integer.class::isInstance)
                    .map(Integer.class::cast)
                    .filter(r -> r > brokers)
                    .ifPresent(r -> out.add(new Violation(
                            "kafka.replicas",
                            t.id(),
                            "replicas " + r + " exceeds the " + brokers + " broker(s) of the node pools")));
            t.map("spec", "config").forEach((key, value) -> {
                if (value instanceof Map || value instanceof List) {
                    out.add(new Violation("crd.type", t.id(), "spec.config." + key + " must be a scalar"));
                }
            });
        });
        checkPostgres(overlay, out);
        return out;
    }

    private static void checkKafka(Manifest k, RenderedOverlay overlay, List<Violation> out) {
        if (!"enabled"
                        .equals(k.string("metadata", "annotations", "strimzi.io/node-pools")
                                .orElse(""))
                || !"enabled"
                        .equals(k.string("metadata", "annotations", "strimzi.io/kraft")
                                .orElse(""))) {
            out.add(new Violation(
                    "kafka.kraft", k.id(), "annotations strimzi.io/node-pools and strimzi.io/kraft must be 'enabled'"));
        }
        if (k.at("spec", "zookeeper").isPresent()) {
            out.add(new Violation("kafka.kraft", k.id(), "spec.zookeeper: KRaft only"));
        }
        if (k.string("spec", "kafka", "version").isEmpty()) {
            out.add(new Violation("crd.required", k.id(), "spec.kafka.version is required"));
        }
        List<Object> listeners = k.list("spec", "kafka", "listeners");
        if (listeners.isEmpty()) {
            out.add(new Violation("crd.required", k.id(), "spec.kafka.listeners must not be empty"));
        }
        for (int i = 0; i < listeners.size(); i++) {
            for (String field : List.of("name", "port", "type", "tls")) {
                if (k.at("spec", "kafka", "listeners", i, field).isEmpty()) {
                    out.add(new Violation(
                            "crd.required", k.id(), "spec.kafka.listeners[" + i + "]." + field + " is required"));
                }
            }
        }
        if (k.at("spec", "entityOperator", "topicOperator").isEmpty()) {
            out.add(new Violation(
                    "crd.required",
                    k.id(),
                    "spec.entityOperator.topicOperator is required: topics are KafkaTopic CRs"));
        }
        boolean controller = overlay.ofKind("KafkaNodePool")
                .anyMatch(p -> p.list("spec", "roles").contains("controller"));
        boolean broker = overlay.ofKind("KafkaNodePool")
                .anyMatch(p -> p.list("spec", "roles").contains("broker"));
        if (!controller || !broker) {
            out.add(new Violation(
                    "kafka.kraft", k.id(), "node pools must provide both the controller and the broker role"));
        }
    }

    private static void checkPostgres(RenderedOverlay overlay, List<Violation> out) {
        Set<String> clusters = overlay.ofKind("Cluster").map(Manifest::name).collect(Collectors.toSet());
        Set<String> roles = new java.util.HashSet<>();
        overlay.ofKind("Cluster").forEach(c -> {
            requirePositiveInt(c, out, "spec", "instances");
            if (c.string("spec", "storage", "size").isEmpty()) {
                out.add(new Violation("crd.required", c.id(), "spec.storage.size is required"));
            }
            List<Object> managed = c.list("spec", "managed", "roles");
            for (int i = 0; i < managed.size(); i++) {
                c.string("spec", "managed", "roles", i, "name")
                        .ifPresentOrElse(
                                roles::add,
                                () -> out.add(
                                        new Violation("crd.required", c.id(), "every managed role needs a name")));
                if (c.string("spec", "managed", "roles", i, "passwordSecret", "name")
                        .isEmpty()) {
                    out.add(new Violation("crd.required", c.id(), "managed role " + i + " needs passwordSecret.name"));
                }
            }
        });
        overlay.ofKind("Database").forEach(d -> {
            String cluster = d.string("spec", "cluster", "name").orElse("");
            if (!clusters.contains(cluster)) {
                out.add(new Violation(
                        "crd.reference", d.id(), "spec.cluster.name '" + cluster + "' is no Cluster in this overlay"));
            }
            if (d.string("spec", "name").isEmpty()) {
                out.add(new Violation("crd.required", d.id(), "spec.name is required"));
            }
            String owner = d.string("spec", "owner").orElse("");
            if (!roles.contains(owner)) {
                out.add(new Violation("crd.reference", d.id(), "spec.owner '" + owner + "' is not a managed role"));
            }
        });
    }

    private static void requireCluster(Manifest m, Set<String> kafkas, List<Violation> out) {
        String cluster = m.string("metadata", "labels", "strimzi.io/cluster").orElse("");
        if (!kafkas.contains(cluster)) {
            out.add(new Violation(
                    "crd.reference",
                    m.id(),
                    "label strimzi.io/cluster '" + cluster + "' names no Kafka in this overlay"));
        }
    }

    private static void requirePositiveInt(Manifest m, List<Violation> out, Object... path) {
        Object value = m.at(path).orElse(null);
        if (!(value instanceof Integer i) || i < 1) {
            out.add(new Violation(
                    "crd.type",
                    m.id(),
                    String.join(
                                    ".",
                                    java.util.Arrays.stream(path)
                                            .map(String::valueOf)
                                            .toList()) + " must be a positive integer, is " + value));
        }
    }
}
