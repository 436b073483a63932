package org.permitwatch.k8spolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Issue 15, the platform's own identity provider: an overlay either runs identity-service and validates its tokens
 * (JWT_JWK_SET_URI in permitwatch-common names it), or runs none and points at the province's IdP — never a mix
 * ({@code identity.jwk-set}: tokens nobody can verify, or a provider whose keys nobody reads). The local-only
 * settings (the {@code permitwatch-local-cli} client that mints any role, the demo users with known passwords) never
 * appear in a rendered manifest ({@code identity.local-only-setting}).
 */
final class IdentityProviderPolicy {

    static final String IDENTITY_SERVICE = "identity-service";
    static final String JWK_SET_VARIABLE = "JWT_JWK_SET_URI";
    static final Set<String> LOCAL_ONLY = Set.of("IDENTITY_LOCAL_CLI_SECRET", "IDENTITY_DEMO_USERS_FILE");

    List<Violation> validate(RenderedOverlay overlay) {
        List<Violation> out = new ArrayList<>();
        boolean provider = overlay.manifests().stream()
                .anyMatch(m -> m.kind().equals("Deployment") && m.name().equals(IDENTITY_SERVICE));
        overlay.ofKind("ConfigMap")
                .filter(c -> c.name().equals(RegistryCredentialPolicy.COMMON_CONFIG))
                .forEach(common -> {
                    String jwks = common.string("data", JWK_SET_VARIABLE).orElse("");
                    boolean namesProvider = jwks.startsWith("http://" + IDENTITY_SERVICE + ":");
                    if (provider && !namesProvider) {
                        out.add(new Violation(
                                "identity.jwk-set",
                                common.id(),
                                "identity-service runs here but " + JWK_SET_VARIABLE + " is '" + jwks
                                        + "', not its JWK set (http://identity-service:8080/auth/oauth2/jwks)"));
                    } else if (!provider && namesProvider) {
                        out.add(new Violation(
                                "identity.jwk-set",
                                common.id(),
                                JWK_SET_VARIABLE + " names identity-service, which this overlay does not run"));
                    }
                });
        for (Manifest m : overlay.manifests()) {
            if (m.kind().equals("ConfigMap")) {
                m.map("data").keySet().stream()
                        .filter(LOCAL_ONLY::contains)
                        .forEach(key -> out.add(localOnly(m.id(), key)));
            }
            if (m.kind().equals("Deployment") || m.kind().equals("StatefulSet")) {
                for (Object container : m.list("spec", "template", "spec", "containers")) {
                    if (container instanceof Map<?, ?> c && c.get("env") instanceof List<?> env) {
                        env.stream()
                                .filter(Map.class::isInstance)
                                .map(e -> String.valueOf(((Map<?, ?>) e).get("name")))
                                .filter(LOCAL_ONLY::contains)
                                .forEach(name -> out.add(localOnly(m.id(), name)));
                    }
                }
            }
        }
        return out;
    }

    private static Violation localOnly(String where, String name) {
        return new Violation(
                "identity.local-only-setting",
                where,
                name + " exists only under ./run.sh (a client that mints any role, users with known passwords)");
    }
}
