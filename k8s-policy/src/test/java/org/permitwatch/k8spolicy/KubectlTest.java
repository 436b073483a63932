package org.permitwatch.k8spolicy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KubectlTest {

    @Test
    void aMissingKubectlSaysWhatToInstall() {
        Kubectl missing = new Kubectl("/nonexistent/kubectl-for-test");

        assertThatThrownBy(() -> missing.kustomize(Repository.root().resolve("k8s/overlays/dev")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kubectl was not found")
                .hasMessageContaining("install kubectl");
    }

    @Test
    void aBrokenKustomizationReportsKubectlsError() {
        Path notAKustomization = Repository.root().resolve("k8s-policy/src/test/java");

        assertThatThrownBy(() -> Kubectl.fromEnvironment().kustomize(notAKustomization))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed (exit");
    }
}
