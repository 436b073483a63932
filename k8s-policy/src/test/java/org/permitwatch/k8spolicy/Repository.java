package org.permitwatch.k8spolicy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the checkout (the folder holding k8s/overlays) from wherever Maven runs the tests. */
final class Repository {

    private Repository() {}

    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("k8s/overlays"))) {
                return p;
            }
        }
        throw new IllegalStateException("no k8s/overlays above " + Path.of("").toAbsolutePath());
    }
}
