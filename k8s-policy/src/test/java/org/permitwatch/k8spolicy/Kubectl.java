package org.permitwatch.k8spolicy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renders a Kustomize directory with {@code kubectl kustomize} (offline, no cluster). The binary is {@code kubectl}
 * on the PATH unless the {@code KUBECTL} environment variable names another one.
 */
final class Kubectl {

    static final String MISSING =
            "kubectl was not found (looked for '%s'). The k8s/ manifests are validated by rendering them "
                    + "with 'kubectl kustomize': install kubectl >= 1.27 (it bundles Kustomize; no cluster is needed), "
                    + "or set KUBECTL to its path.";

    private final String binary;

    Kubectl(String binary) {
        this.binary = binary;
    }

    static Kubectl fromEnvironment() {
        String configured = System.getenv("KUBECTL");
        return new Kubectl(configured == null || configured.isBlank() ? "kubectl" : configured);
    }

    /** The rendered multi-document YAML, or an exception carrying kubectl's own error output. */
    String kustomize(Path directory) {
        Process process;
        try {
            process = new ProcessBuilder(List.of(binary, "kustomize", directory.toString())).start();
        } catch (IOException e) {
            throw new IllegalStateException(MISSING.formatted(binary), e);
        }
        try {
            process.getOutputStream().close();
            // Read both streams concurrently: a full stderr pipe would otherwise stall kubectl.
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String out = read(process.getInputStream());
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + directory + " did not finish in 2 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + directory + " failed (exit "
                        + process.exitValue() + "):\n" + err.join());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot talk to kubectl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering " + directory, e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
