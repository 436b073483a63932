package org.permitwatch.k8spolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The objects of one {@code kubectl kustomize} output. */
record RenderedOverlay(String name, List<Manifest> manifests) {

    @SuppressWarnings("unchecked")
    static RenderedOverlay parse(String name, String yaml) {
        List<Manifest> manifests = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (document instanceof Map<?, ?> map) {
                manifests.add(new Manifest((Map<String, Object>) map));
            }
        }
        return new RenderedOverlay(name, List.copyOf(manifests));
    }

    Stream<Manifest> ofKind(String kind) {
        return manifests.stream().filter(m -> m.kind().equals(kind));
    }
}
