package org.permitwatch.k8spolicy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The validator must fail: a deliberately broken fixture trips every rule, each with the object it names. */
class BadManifestFixtureTest {

    private static List<Violation> violations;

    @BeforeAll
    static void render() {
        Path fixture = Path.of("src/test/resources/fixtures/bad").toAbsolutePath();
        RenderedOverlay rendered =
                RenderedOverlay.parse("bad", Kubectl.fromEnvironment().kustomize(fixture));
        violations = new ManifestValidator(Repository.root()).validate(rendered);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "schema.unknown-field",
                "schema.type",
                "image.tag",
                "probe.missing",
                "probe.distinct",
                "probe.path",
                "probe.port",
                "resources",
                "security.non-root",
                "security.privilege-escalation",
                "security.read-only-root",
                "security.capabilities",
                "shutdown.pre-stop",
                "workload.topology-spread",
                "secret.in-repo",
                "secret.in-configmap",
                "secret.literal-env",
                "secret.not-from-secret",
                "registry.credentials-missing",
                "registry.client-unknown",
                "topic.missing",
                "topic.app-mismatch",
                "topic.config",
                "kafka.kraft",
                "kafka.replicas",
                "crd.required",
                "crd.unknown-field",
                "crd.reference",
                "reference.dangling",
                "management.probe",
                "management.scrape",
                "network.default-deny",
                "network.services-from-gateway",
                "network.management-from-monitoring",
                "identity.jwk-set",
                "identity.local-only-setting"
            })
    void ruleFires(String rule) {
        assertThat(violations)
                .as("violations: %s", violations)
                .anySatisfy(v -> assertThat(v.rule()).isEqualTo(rule));
    }

    @Test
    void violationsNameTheObjectAndTheField() {
        assertThat(violations).anySatisfy(v -> {
            assertThat(v.where()).isEqualTo("Deployment/bad");
            assertThat(v.detail()).contains("livenessprobe");
        });
        assertThat(violations).anySatisfy(v -> {
            assertThat(v.rule()).isEqualTo("topic.missing");
            assertThat(v.detail()).contains("directory.unit.events.v1.dlt");
        });
        assertThat(violations).anySatisfy(v -> {
            assertThat(v.where()).contains("wrong-type");
            assertThat(v.rule()).isEqualTo("image.tag");
        });
    }

    @Test
    void theBadFixtureUsesNoRuleTheValidatorDoesNotKnow() {
        Set<String> rules = violations.stream().map(Violation::rule).collect(Collectors.toSet());
        assertThat(rules).doesNotContain("schema.unknown-kind", "crd.unknown-kind");
    }
}
