package org.permitwatch.k8spolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Secrets never come from the repo: no Secret object is rendered, no ConfigMap key and no literal env value carries
 * a credential. Credentials reach a pod only through secretKeyRef to a secret created at install time.
 */
final class SecretPolicy {

    private static final Pattern CREDENTIAL =
            Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|CREDENTIAL|PRIVATE_?KEY|API_?KEY).*");

    List<Violation> validate(RenderedOverlay overlay) {
        List<Violation> out = new ArrayList<>();
        for (Manifest m : overlay.manifests()) {
            if (m.kind().equals("Secret")) {
                out.add(new Violation(
                        "secret.in-repo", m.id(), "Secrets are created at install time, never rendered from the repo"));
            }
            if (m.kind().equals("ConfigMap")) {
                m.map("data").keySet().stream()
                        .filter(k -> CREDENTIAL.matcher(k).matches())
                        .forEach(k -> out.add(
                                new Violation("secret.in-configmap", m.id(), "key " + k + " looks like a credential")));
            }
            if (m.kind().equals("Deployment") || m.kind().equals("StatefulSet")) {
                for (Object container : m.list("spec", "template", "spec", "containers")) {
                    if (!(container instanceof Map<?, ?> c) || !(c.get("env") instanceof List<?> env)) {
                        continue;
                    }
                    for (Object var : env) {
                        if (!(var instanceof Map<?, ?> e)
                                || !CREDENTIAL
                                        .matcher(String.valueOf(e.get("name")))
                                        .matches()) {
                            continue;
                        }
                        if (e.get("value") != null) {
                            out.add(new Violation(
                                    "secret.literal-env",
                                    m.id(),
                                    "env " + e.get("name") + " has a literal value; use secretKeyRef"));
                        } else if (e.get("valueFrom") instanceof Map<?, ?> from && !from.containsKey("secretKeyRef")) {
                            // A ConfigMap (or a field) is readable by anyone who may read the namespace's config.
                            out.add(new Violation(
                                    "secret.not-from-secret",
                                    m.id(),
                                    "env " + e.get("name") + " is not read from a Secret; use secretKeyRef"));
                        }
                    }
                }
            }
        }
        return out;
    }
}
