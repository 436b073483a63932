package org.permitwatch.systemtest;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Real responses against the contract of record (issue 16: "a response that does not match its schema fails"): the
 * operation of docs/api/&lt;service&gt;.json that the request path and method name, its answer for the status (or
 * {@code default}), the documented media type, and the body validated against that schema with an OpenAPI 3.0 JSON
 * Schema validator (networknt, {@code nullable} understood), {@code #/components/...} references resolved in the same
 * document.
 *
 * <p>One leniency, on purpose: members whose value is {@code null} are dropped before validating. The services write
 * absent optional members as null (Jackson's default), the documents do not mark them nullable (springdoc), and the
 * generated clients (Java native, TypeScript) read a null optional member as absent — so a null is only wrong where the
 * member is required, and then the dropped member fails {@code required}.
 */
final class ContractSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDialect(Dialects.getOpenApi30());
    private static final Map<String, ContractSchemas> LOADED = new ConcurrentHashMap<>();

    private final String name;
    private final JsonNode document;

    ContractSchemas(String name, JsonNode document) {
        this.name = name;
        this.document = document;
    }

    /** docs/api/&lt;service&gt;.json of the repository this module sits in. */
    static ContractSchemas of(String service) {
        return LOADED.computeIfAbsent(service, s -> {
            Path file = repositoryRoot().resolve("docs/api/" + s + ".json");
            try {
                return new ContractSchemas(s, Api.JSON.readTree(Files.readString(file)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the contract of record " + file, e);
            }
        });
    }

    private static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("systemtest.root", "..")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("docs/api"))) {
                return p;
            }
        }
        // the module directory itself (surefire's working directory) lies below the root
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("docs/api"))) {
                return p;
            }
        }
        throw new IllegalStateException("no docs/api above " + dir);
    }

    /** Fails (AssertionError, naming every mismatch) unless {@code reply} is what the document promises. */
    void assertMatches(String method, String requestPath, Api.Reply reply) {
        List<String> problems = mismatches(method, requestPath, reply.status(), reply.contentType(), reply.body());
        if (!problems.isEmpty()) {
            throw new AssertionError(name + ": " + method + " " + requestPath + " answered " + reply
                    + "\nwhich does not match docs/api/" + name + ".json:\n  - " + String.join("\n  - ", problems));
        }
    }

    /** What does not match; empty when the answer is the documented one. */
    List<String> mismatches(String method, String requestPath, int status, String contentType, String body) {
        String path = requestPath.contains("?") ? requestPath.substring(0, requestPath.indexOf('?')) : requestPath;
        String template = template(path);
        if (template == null) {
            return List.of("no documented path matches " + path);
        }
        JsonNode operation = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            return List.of(method + " " + template + " is not documented");
        }
        JsonNode responses = operation.path("responses");
        JsonNode response = responses.has(String.valueOf(status))
                ? responses.get(String.valueOf(status))
                : responses.path("default");
        if (response.isMissingNode()) {
            return List.of("status " + status + " is not documented for " + method + " " + template);
        }
        response = resolve(response);
        JsonNode content = response.path("content");
        boolean hasBody = body != null && !body.isBlank();
        if (content.isMissingNode() || content.isEmpty()) {
            return hasBody ? List.of("a body where the document promises none") : List.of();
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim();
        JsonNode media = content.path(mediaType);
        if (media.isMissingNode()) {
            return List.of(
                    "content type " + contentType + " is not documented (documented: " + content.propertyNames() + ")");
        }
        if (!media.has("schema")) {
            return List.of();
        }
        if (!hasBody) {
            return List.of("no body where the document promises " + mediaType);
        }
        JsonNode instance = withoutNulls(Api.JSON.readTree(body));
        List<String> out = new ArrayList<>();
        for (Error error : schema(media.get("schema")).validate(instance)) {
            out.add(error.toString());
        }
        return out;
    }

    /** The response schema as a schema document whose root also holds the components its references point at. */
    private Schema schema(JsonNode responseSchema) {
        ObjectNode root = Api.JSON.createObjectNode();
        root.putArray("allOf").add(responseSchema);
        root.set("components", document.path("components"));
        return REGISTRY.getSchema(root);
    }

    private JsonNode resolve(JsonNode response) {
        JsonNode ref = response.get("$ref");
        if (ref == null) {
            return response;
        }
        return document.at(ref.asString().substring(1));
    }

    /** The documented path for a request path: literal segments beat {variables} (/cases/queue before /cases/{id}). */
    private String template(String path) {
        String[] actual = path.split("/", -1);
        String best = null;
        int bestLiterals = -1;
        for (String candidate : document.path("paths").propertyNames()) {
            String[] parts = candidate.split("/", -1);
            if (parts.length != actual.length) {
                continue;
            }
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < parts.length && matches; i++) {
                if (parts[i].startsWith("{") && parts[i].endsWith("}")) {
                    matches = !actual[i].isEmpty();
                } else if (parts[i].equals(actual[i])) {
                    literals++;
                } else {
                    matches = false;
                }
            }
            if (matches && literals > bestLiterals) {
                best = candidate;
                bestLiterals = literals;
            }
        }
        return best;
    }

    static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = Api.JSON.createObjectNode();
            object.properties().forEach(e -> {
                if (!e.getValue().isNull()) {
                    copy.set(e.getKey(), withoutNulls(e.getValue()));
                }
            });
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = Api.JSON.createArrayNode();
            array.forEach(item -> copy.add(withoutNulls(item)));
            return copy;
        }
        return node;
    }
}
