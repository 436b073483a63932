package org.permitwatch.k8spolicy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** CI gate for k8s/: every overlay renders with kubectl kustomize and passes schemas and policy. */
class OverlaysValidateTest {

    private static final List<String> APPS = List.of(
            "registry",
            "gateway",
            "permit-sync",
            "inspection-service",
            "liaison-service",
            "reporting-service",
            "monitoring-service");
    private static final ManifestValidator VALIDATOR = new ManifestValidator(Repository.root());

    static Stream<Path> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(Repository.root().resolve("k8s/overlays"))) {
            return dirs.filter(d -> Files.exists(d.resolve("kustomization.yaml"))).sorted().toList().stream();
        }
    }

    @Test
    void everyOverlayIsFound() throws IOException {
        assertThat(overlays().map(p -> p.getFileName().toString())).contains("dev", "prod", "prod-external");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void overlayRendersAndPassesPolicy(Path overlay) {
        RenderedOverlay rendered = RenderedOverlay.parse(
                overlay.getFileName().toString(), Kubectl.fromEnvironment().kustomize(overlay));

        List<Violation> violations = VALIDATOR.validate(rendered);

        assertThat(violations)
                .as("policy violations in overlay %s", overlay.getFileName())
                .isEmpty();
        // The platform's identity provider runs unless the overlay names the province's own IdP (prod-external).
        List<String> apps = new java.util.ArrayList<>(APPS);
        if (!overlay.getFileName().toString().equals("prod-external")) {
            apps.add(IdentityProviderPolicy.IDENTITY_SERVICE);
        }
        assertThat(rendered.manifests().stream()
                        .filter(m -> m.kind().equals("Deployment") || m.kind().equals("StatefulSet"))
                        .map(Manifest::name))
                .containsExactlyInAnyOrderElementsOf(apps);
        // Image names and tags are the overlay's business: nothing may keep the base's placeholder name.
        assertThat(rendered.manifests().stream()
                        .filter(m -> m.kind().equals("Deployment") || m.kind().equals("StatefulSet"))
                        .map(m -> m.string("spec", "template", "spec", "containers", 0, "image")
                                .orElse("")))
                .allSatisfy(image ->
                        assertThat(image).doesNotStartWith("permitwatch/").contains("."));
        assertThat(rendered.manifests())
                .allSatisfy(m -> assertThat(m.string("metadata", "namespace")).isPresent());
    }

    @Test
    void overlaysWithStrimziDeclareEveryTopicTheCodeUses() {
        Path dev = Repository.root().resolve("k8s/overlays/dev");
        RenderedOverlay rendered =
                RenderedOverlay.parse("dev", Kubectl.fromEnvironment().kustomize(dev));

        assertThat(VALIDATOR.requiredTopics()).contains("directory.unit.events.v1", "directory.unit.events.v1.dlt");
        assertThat(rendered.ofKind("KafkaTopic")
                        .map(t -> t.string("spec", "topicName").orElse("")))
                .containsAll(VALIDATOR.requiredTopics());
    }
}
