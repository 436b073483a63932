package org.permitwatch.k8spolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The registry refuses writes without credentials (issue 11, ADR 0006), so every Eureka client — every container
 * that reads the shared {@code permitwatch-common} ConfigMap, where EUREKA_URL lives — must get its registry
 * password from a Secret ({@code registry.credentials-missing}), and the registry must know each client: it reads
 * {@code REGISTRY_PASSWORD_<CLIENT>} from the same secret key ({@code registry.client-unknown}). The registry
 * itself presents {@code REGISTRY_PASSWORD_REGISTRY} to its peers.
 */
final class RegistryCredentialPolicy {

    static final String COMMON_CONFIG = "permitwatch-common";
    static final String REGISTRY = "registry";

    List<Violation> validate(RenderedOverlay overlay) {
        List<Violation> out = new ArrayList<>();
        List<Client> clients = new ArrayList<>();
        Map<String, Object> registryEnv = Map.of();
        boolean registryFound = false;
        for (Manifest m : overlay.manifests()) {
            if (!m.kind().equals("Deployment") && !m.kind().equals("StatefulSet")) {
                continue;
            }
            for (Object container : m.list("spec", "template", "spec", "containers")) {
                if (!(container instanceof Map<?, ?> c) || !readsCommonConfig(c)) {
                    continue;
                }
                boolean isRegistry = m.name().equals(REGISTRY);
                String variable = isRegistry ? "REGISTRY_PASSWORD_REGISTRY" : "REGISTRY_PASSWORD";
                Optional<SecretKey> key = secretKey(c, variable);
                if (key.isEmpty()) {
                    out.add(new Violation(
                            "registry.credentials-missing",
                            m.id(),
                            "container " + c.get("name") + " talks to the registry but has no " + variable
                                    + " from a secretKeyRef"));
                } else if (!isRegistry) {
                    clients.add(new Client(m.id(), key.get()));
                }
                if (isRegistry) {
                    registryFound = true;
                    registryEnv = envByName(c);
                }
            }
        }
        for (Client client : clients) {
            String variable = "REGISTRY_PASSWORD_"
                    + client.key().key().toUpperCase(Locale.ROOT).replace('-', '_');
            Optional<SecretKey> known = registryFound ? secretKey(registryEnv.get(variable)) : Optional.empty();
            if (known.isEmpty() || !known.get().equals(client.key())) {
                out.add(new Violation(
                        "registry.client-unknown",
                        client.where(),
                        "the registry has no " + variable
                                + " from secret " + client.key().secret() + " key "
                                + client.key().key()
                                + ": its registrations would be refused"));
            }
        }
        return out;
    }

    private static boolean readsCommonConfig(Map<?, ?> container) {
        if (!(container.get("envFrom") instanceof List<?> sources)) {
            return false;
        }
        return sources.stream()
                .anyMatch(source -> source instanceof Map<?, ?> s
                        && s.get("configMapRef") instanceof Map<?, ?> ref
                        && COMMON_CONFIG.equals(ref.get("name")));
    }

    private static Map<String, Object> envByName(Map<?, ?> container) {
        Map<String, Object> byName = new java.util.HashMap<>();
        if (container.get("env") instanceof List<?> env) {
            for (Object var : env) {
                if (var instanceof Map<?, ?> e) {
                    byName.put(String.valueOf(e.get("name")), e);
                }
            }
        }
        return byName;
    }

    private static Optional<SecretKey> secretKey(Map<?, ?> container, String variable) {
        return secretKey(envByName(container).get(variable));
    }

    private static Optional<SecretKey> secretKey(Object envVar) {
        if (envVar instanceof Map<?, ?> e
                && e.get("valueFrom") instanceof Map<?, ?> from
                && from.get("secretKeyRef") instanceof Map<?, ?> ref
                && ref.get("name") != null
                && ref.get("key") != null) {
            return Optional.of(new SecretKey(String.valueOf(ref.get("name")), String.valueOf(ref.get("key"))));
        }
        return Optional.empty();
    }

    private record SecretKey(String secret, String key) {}

    private record Client(String where, SecretKey key) {}
}
