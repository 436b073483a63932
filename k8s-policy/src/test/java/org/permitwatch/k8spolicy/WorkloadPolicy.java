package org.permitwatch.k8spolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Our rules for every Deployment and StatefulSet: probes on the actuator health groups, resources, a hardened
 * securityContext, graceful shutdown, topology spread and pinned images.
 */
final class WorkloadPolicy {

    static final String LIVENESS = "/actuator/health/liveness";
    static final String READINESS = "/actuator/health/readiness";
    /** Boot's additional probe paths on the API port, for apps whose actuator is on a separate management port. */
    static final String LIVEZ = "/livez";

    static final String READYZ = "/readyz";
    /**
     * Apps that serve everything under a servlet context path, probes included (Boot's additional paths live under
     * it): the identity provider answers under /auth so that the gateway routes /auth/** unchanged (ADR 0001).
     */
    static final Map<String, String> CONTEXT_PATHS = Map.of("identity-service", "/auth");

    static final String MANAGEMENT_PORT = "management";
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet");
    /** Spring's graceful shutdown phase (timeout-per-shutdown-phase, 20 s) that must fit after the preStop pause. */
    private static final int SHUTDOWN_PHASE_SECONDS = 20;

    private static final Pattern SLEEP = Pattern.compile("sleep (\\d+)");

    List<Violation> validate(RenderedOverlay overlay) {
        List<Violation> out = new ArrayList<>();
        overlay.manifests().stream().filter(m -> WORKLOADS.contains(m.kind())).forEach(w -> check(w, out));
        return out;
    }

    private void check(Manifest w, List<Violation> out) {
        Object[] pod = {"spec", "template", "spec"};
        List<Object> containers = w.list(append(pod, "containers"));
        if (containers.isEmpty()) {
            out.add(new Violation("workload.containers", w.id(), "no containers"));
        }
        if (w.list(append(pod, "topologySpreadConstraints")).isEmpty()) {
            out.add(new Violation("workload.topology-spread", w.id(), "topologySpreadConstraints missing"));
        }
        boolean podNonRoot = w.at(append(pod, "securityContext", "runAsNonRoot"))
                .map(Boolean.TRUE::equals)
                .orElse(false);
        int grace = w.at(append(pod, "terminationGracePeriodSeconds"))
                .filter(Integer.class::isInstance)
                .map(Integer.class::cast)
                .orElse(30);
        if (w.at(append(pod, "securityContext", "runAsUser"))
                .map(u -> u.equals(0))
                .orElse(false)) {
            out.add(new Violation("security.non-root", w.id(), "pod runAsUser is 0"));
        }
        for (int i = 0; i < containers.size(); i++) {
            Object[] c = append(append(pod, "containers"), i);
            String where = w.id() + " container " + w.string(append(c, "name")).orElse(String.valueOf(i));
            checkImage(w.string(append(c, "image")).orElse(""), where, out);
            checkProbes(w, c, where, out);
            checkResources(w, c, where, out);
            checkSecurity(w, c, where, podNonRoot, out);
            checkShutdown(w, c, where, grace, out);
        }
    }

    private static void checkImage(String image, String where, List<Violation> out) {
        String tail = image.substring(image.lastIndexOf('/') + 1);
        boolean digest = image.contains("@sha256:");
        if (!digest && !tail.contains(":")) {
            out.add(new Violation("image.tag", where, "image '" + image + "' has no tag or digest"));
        } else if (!digest && tail.endsWith(":latest")) {
            out.add(new Violation("image.tag", where, "image '" + image + "' uses the latest tag"));
        }
    }

    private static void checkProbes(Manifest w, Object[] c, String where, List<Violation> out) {
        Optional<String> liveness = probePath(w, c, "livenessProbe", where, out);
        Optional<String> readiness = probePath(w, c, "readinessProbe", where, out);
        Optional<String> startup = probePath(w, c, "startupProbe", where, out);
        // With a management port the actuator is not on the API port: the probes use /livez and /readyz there.
        boolean management = hasPort(w, c, MANAGEMENT_PORT);
        String context = CONTEXT_PATHS.getOrDefault(w.name(), "");
        String live = context + (management ? LIVEZ : LIVENESS);
        String ready = context + (management ? READYZ : READINESS);
        liveness.filter(p -> !p.equals(live))
                .ifPresent(p ->
                        out.add(new Violation("probe.path", where, "livenessProbe must use " + live + ", uses " + p)));
        readiness
                .filter(p -> !p.equals(ready))
                .ifPresent(p -> out.add(
                        new Violation("probe.path", where, "readinessProbe must use " + ready + ", uses " + p)));
        startup.filter(p -> !p.equals(live))
                .ifPresent(p ->
                        out.add(new Violation("probe.path", where, "startupProbe must use " + live + ", uses " + p)));
        if (liveness.isPresent() && liveness.equals(readiness)) {
            out.add(new Violation("probe.distinct", where, "liveness and readiness probe the same endpoint"));
        }
        if (management) {
            checkManagementPort(w, c, where, out);
        }
    }

    /**
     * The management port carries the metrics: probes stay on the API port (kubelet traffic is no reason to open the
     * management port wider), and Prometheus is pointed at the management port, not the API port (which has none).
     */
    private static void checkManagementPort(Manifest w, Object[] c, String where, List<Violation> out) {
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            Object port = w.at(append(c, probe, "httpGet", "port")).orElse(null);
            if (MANAGEMENT_PORT.equals(port) || port != null && port.equals(containerPort(w, c, MANAGEMENT_PORT))) {
                out.add(new Violation(
                        "management.probe", where, probe + " must probe the API port, not the management port"));
            }
        }
        String scrapePort = w.string("spec", "template", "metadata", "annotations", "prometheus.io/port")
                .orElse("");
        if (!scrapePort.equals(String.valueOf(containerPort(w, c, MANAGEMENT_PORT)))) {
            out.add(new Violation(
                    "management.scrape",
                    where,
                    "prometheus.io/port must name the management port " + containerPort(w, c, MANAGEMENT_PORT)
                            + ", is '" + scrapePort + "'"));
        }
    }

    private static boolean hasPort(Manifest w, Object[] c, String name) {
        return containerPort(w, c, name) != null;
    }

    private static Object containerPort(Manifest w, Object[] c, String name) {
        return w.list(append(c, "ports")).stream()
                .filter(Map.class::isInstance)
                .map(Map.class::cast)
                .filter(p -> name.equals(p.get("name")))
                .map(p -> p.get("containerPort"))
                .findFirst()
                .orElse(null);
    }

    private static Optional<String> probePath(Manifest w, Object[] c, String probe, String where, List<Violation> out) {
        if (w.at(append(c, probe)).isEmpty()) {
            out.add(new Violation("probe.missing", where, probe + " missing"));
            return Optional.empty();
        }
        Optional<String> path = w.string(append(c, probe, "httpGet", "path"));
        if (path.isEmpty()) {
            out.add(new Violation("probe.path", where, probe + " must be an httpGet on an actuator health group"));
            return Optional.empty();
        }
        Object port = w.at(append(c, probe, "httpGet", "port")).orElse(null);
        boolean portExists = w.list(append(c, "ports")).stream()
                .filter(Map.class::isInstance)
                .map(Map.class::cast)
                .anyMatch(p -> p.get("name") != null && p.get("name").equals(port)
                        || java.util.Objects.equals(p.get("containerPort"), port));
        if (!portExists) {
            out.add(new Violation("probe.port", where, probe + " port " + port + " is not a container port"));
        }
        return path;
    }

    private static void checkResources(Manifest w, Object[] c, String where, List<Violation> out) {
        for (String kind : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                if (w.at(append(c, "resources", kind, resource)).isEmpty()) {
                    out.add(new Violation("resources", where, "resources." + kind + "." + resource + " missing"));
                }
            }
        }
    }

    private static void checkSecurity(Manifest w, Object[] c, String where, boolean podNonRoot, List<Violation> out) {
        Object[] sc = append(c, "securityContext");
        boolean nonRoot =
                w.at(append(sc, "runAsNonRoot")).map(Boolean.TRUE::equals).orElse(podNonRoot);
        if (!nonRoot) {
            out.add(new Violation("security.non-root", where, "runAsNonRoot must be true"));
        }
        if (w.at(append(sc, "runAsUser")).map(u -> u.equals(0)).orElse(false)) {
            out.add(new Violation("security.non-root", where, "runAsUser is 0"));
        }
        if (!w.at(append(sc, "readOnlyRootFilesystem"))
                .map(Boolean.TRUE::equals)
                .orElse(false)) {
            out.add(new Violation("security.read-only-root", where, "readOnlyRootFilesystem must be true"));
        }
        if (!w.at(append(sc, "allowPrivilegeEscalation"))
                .map(Boolean.FALSE::equals)
                .orElse(false)) {
            out.add(new Violation("security.privilege-escalation", where, "allowPrivilegeEscalation must be false"));
        }
        if (w.at(append(sc, "privileged")).map(Boolean.TRUE::equals).orElse(false)) {
            out.add(new Violation("security.privileged", where, "privileged containers are not allowed"));
        }
        if (!w.list(append(sc, "capabilities", "drop")).contains("ALL")) {
            out.add(new Violation("security.capabilities", where, "capabilities.drop must contain ALL"));
        }
        if (!w.list(append(sc, "capabilities", "add")).isEmpty()) {
            out.add(new Violation("security.capabilities", where, "no capabilities may be added"));
        }
    }

    private static void checkShutdown(Manifest w, Object[] c, String where, int grace, List<Violation> out) {
        List<Object> command = w.list(append(c, "lifecycle", "preStop", "exec", "command"));
        Optional<Object> sleepAction = w.at(append(c, "lifecycle", "preStop", "sleep", "seconds"));
        int pause = sleepAction
                .filter(Integer.class::isInstance)
                .map(Integer.class::cast)
                .orElseGet(() -> command.stream()
                        .map(String::valueOf)
                        .map(SLEEP::matcher)
                        .filter(java.util.regex.Matcher::find)
                        .map(m -> Integer.parseInt(m.group(1)))
                        .findFirst()
                        .orElse(-1));
        if (pause <= 0) {
            out.add(new Violation("shutdown.pre-stop", where, "preStop pause (sleep) missing"));
        } else if (grace < pause + SHUTDOWN_PHASE_SECONDS) {
            out.add(new Violation(
                    "shutdown.grace",
                    where,
                    "terminationGracePeriodSeconds " + grace + " < preStop " + pause + " s + " + SHUTDOWN_PHASE_SECONDS
                            + " s graceful shutdown"));
        }
    }

    static Object[] append(Object[] path, Object... more) {
        Object[] result = java.util.Arrays.copyOf(path, path.length + more.length);
        System.arraycopy(more, 0, result, path.length, more.length);
        return result;
    }
}
