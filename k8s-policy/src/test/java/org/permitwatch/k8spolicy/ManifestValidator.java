package org.permitwatch.k8spolicy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Everything CI checks on one rendered overlay: API schemas, CRD structure, workload, secret, registry credential, topic, network and identity-provider policy. */
final class ManifestValidator {

    private final KubernetesApiSchema apiSchema = new KubernetesApiSchema();
    private final CustomResourceSchema crdSchema = new CustomResourceSchema();
    private final WorkloadPolicy workloads = new WorkloadPolicy();
    private final SecretPolicy secrets = new SecretPolicy();
    private final RegistryCredentialPolicy registryCredentials = new RegistryCredentialPolicy();
    private final TopicPolicy topics = new TopicPolicy();
    private final NetworkPolicyPolicy networkPolicies = new NetworkPolicyPolicy();
    private final IdentityProviderPolicy identityProvider = new IdentityProviderPolicy();
    private final Set<String> requiredTopics;

    ManifestValidator(Path repositoryRoot) {
        this.requiredTopics = TopicPolicy.topicsInCode(repositoryRoot);
    }

    Set<String> requiredTopics() {
        return requiredTopics;
    }

    List<Violation> validate(RenderedOverlay overlay) {
        List<Violation> out = new ArrayList<>();
        for (Manifest m : overlay.manifests()) {
            if (KubernetesApiSchema.isBuiltIn(m) || !CustomResourceSchema.isCustom(m)) {
                out.addAll(apiSchema.validate(m));
            }
        }
        out.addAll(crdSchema.validate(overlay));
        out.addAll(workloads.validate(overlay));
        out.addAll(secrets.validate(overlay));
        out.addAll(registryCredentials.validate(overlay));
        out.addAll(topics.validate(overlay, requiredTopics));
        out.addAll(networkPolicies.validate(overlay));
        out.addAll(identityProvider.validate(overlay));
        out.addAll(references(overlay));
        return out;
    }

    /** A Service, HPA or PDB that points at no workload renders fine and silently does nothing. */
    private static List<Violation> references(RenderedOverlay overlay) {
        Set<String> workloadNames = overlay.manifests().stream()
                .filter(m -> m.kind().equals("Deployment") || m.kind().equals("StatefulSet"))
                .map(m -> m.string("spec", "template", "metadata", "labels", "app.kubernetes.io/name")
                        .orElse(""))
                .collect(Collectors.toSet());
        List<Violation> out = new ArrayList<>();
        overlay.ofKind("Service")
                .forEach(s -> check(s, s.string("spec", "selector", "app.kubernetes.io/name"), workloadNames, out));
        overlay.ofKind("PodDisruptionBudget")
                .forEach(p -> check(
                        p, p.string("spec", "selector", "matchLabels", "app.kubernetes.io/name"), workloadNames, out));
        overlay.ofKind("HorizontalPodAutoscaler")
                .forEach(h -> check(h, h.string("spec", "scaleTargetRef", "name"), workloadNames, out));
        return out;
    }

    private static void check(
            Manifest m, java.util.Optional<String> target, Set<String> workloads, List<Violation> out) {
        if (target.isEmpty() || !workloads.contains(target.get())) {
            out.add(new Violation(
                    "reference.dangling", m.id(), "targets '" + target.orElse("") + "', which is no workload here"));
        }
    }
}
