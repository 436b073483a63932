package org.permitwatch.testsupport.openapi;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.ConsoleRender;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract of record of a service's REST API: the OpenAPI document it serves, kept pretty-printed with sorted keys
 * in {@code docs/api/<service>.json}. City systems generate their clients from these files, so a served document
 * that differs from its file fails the build:
 *
 * <ul>
 *   <li>a <b>breaking</b> change (a removed path, operation, field or enum value, a narrowed type, a new required
 *       request field — as judged by openapi-diff) fails for good unless {@code info.version}'s major number was
 *       raised, because clients already generated would stop working;
 *   <li>any other change fails with the command that refreshes the file ({@value #UPDATE_PROPERTY}), so every change
 *       to the contract shows up in review as a diff of {@code docs/api}.
 * </ul>
 *
 * The file is never rewritten for a breaking change under the same major version, even with the flag.
 */
public final class OpenApiContract {

    /** {@code -Dopenapi.update=true}: rewrite docs/api/&lt;service&gt;.json from the served document. */
    public static final String UPDATE_PROPERTY = "openapi.update";

    private static final Pattern MAJOR = Pattern.compile("^v?(\\d+)");

    /** Sorted keys and two-space indentation: the same document always gives the same bytes, whatever the order. */
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private OpenApiContract() {}

    /** What the comparison of a served document with the recorded one found. */
    public enum Outcome {
        UNCHANGED,
        /** Changed, but every client generated from the recorded document keeps working. */
        COMPATIBLE,
        /** Breaking, and the major version was raised: a deliberate new version. */
        BREAKING_NEW_MAJOR,
        /** Breaking under the same major version: never allowed. */
        BREAKING
    }

    /** The outcome and, when something changed, a readable list of the changes. */
    public record Verdict(Outcome outcome, String changes) {}

    /** Compares two documents (JSON text, any key order) without touching files. */
    public static Verdict compare(String recorded, String served) {
        String before = canonical(recorded);
        String after = canonical(served);
        if (before.equals(after)) {
            return new Verdict(Outcome.UNCHANGED, "");
        }
        ChangedOpenApi diff = OpenApiCompare.fromContents(before, after);
        List<String> renamed = renamedNames(before, after);
        // openapi-diff's report first; then what breaks generated clients although openapi-diff calls it compatible
        String changes = render(diff)
                + (renamed.isEmpty() ? "" : "\nBreaking for generated clients:\n" + String.join("\n", renamed) + "\n");
        if (!diff.isIncompatible() && renamed.isEmpty()) {
            return new Verdict(Outcome.COMPATIBLE, changes);
        }
        boolean newMajor = major(after) > major(before);
        return new Verdict(newMajor ? Outcome.BREAKING_NEW_MAJOR : Outcome.BREAKING, changes);
    }

    /**
     * Fails (AssertionError) unless {@code served} is identical to the contract of record of {@code service}; with
     * {@code -Dopenapi.update=true} rewrites the file instead, unless the change is breaking under the same major.
     */
    public static void assertKept(String service, String served) {
        assertValid(service, served);
        Path file = contractFile(service);
        boolean update = Boolean.getBoolean(UPDATE_PROPERTY);
        String refresh = "./mvnw -pl " + service + " -am verify -Dit.test=OpenApiContractIT -Dtest=none"
                + " -Dsurefire.failIfNoSpecifiedTests=false -D" + UPDATE_PROPERTY + "=true";
        if (!Files.exists(file)) {
            if (update) {
                write(file, served);
                return;
            }
            throw new AssertionError("no contract of record " + file + " for " + service + ": create it with " + refresh
                    + " and review it");
        }
        Verdict verdict = compare(read(file), served);
        switch (verdict.outcome()) {
            case UNCHANGED -> {}
            case BREAKING ->
                throw new AssertionError("BREAKING change to the REST API of " + service
                        + " against its contract of record " + file
                        + ": clients generated from it would break. Keep the old shape (add, deprecate, never remove"
                        + " or narrow), or publish a new major version (raise info.version's major number, docs/api/"
                        + "README.md#versioning) and refresh the file.\n" + verdict.changes());
            case COMPATIBLE, BREAKING_NEW_MAJOR -> {
                if (update) {
                    write(file, served);
                    return;
                }
                throw new AssertionError("the REST API of " + service + " changed ("
                        + (verdict.outcome() == Outcome.COMPATIBLE
                                ? "compatibly"
                                : "breaking, under a new major version")
                        + ") but its contract of record " + file + " was not refreshed: run " + refresh
                        + " and commit the file.\n" + verdict.changes());
            }
        }
    }

    /** The document must parse as OpenAPI 3 without messages: a generator would otherwise refuse or guess. */
    public static void assertValid(String service, String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
        if (result.getOpenAPI() == null || !messages.isEmpty()) {
            throw new AssertionError("the OpenAPI document of " + service + " is not valid: " + messages);
        }
    }

    /** Pretty-printed, keys sorted, one trailing newline. */
    public static String canonical(String document) {
        Map<String, Object> tree = CANONICAL.readValue(document, new TypeReference<Map<String, Object>>() {});
        return CANONICAL.writeValueAsString(tree) + "\n";
    }

    /**
     * What openapi-diff does not count but a generated client does: its method names come from operationIds and its
     * model class names from schema names, so a changed operationId, a removed schema or a removed field breaks code
     * that compiled.
     */
    @SuppressWarnings("unchecked")
    static List<String> renamedNames(String before, String after) {
        Map<String, Object> old = tree(before);
        Map<String, Object> now = tree(after);
        List<String> breaks = new java.util.ArrayList<>();
        Map<String, Object> oldPaths = map(old.get("paths"));
        Map<String, Object> newPaths = map(now.get("paths"));
        oldPaths.forEach((path, item) -> map(item).forEach((method, operation) -> {
            Object oldId = map(operation).get("operationId");
            Object newOperation = map(newPaths.get(path)).get(method);
            Object newId = newOperation == null ? null : map(newOperation).get("operationId");
            if (oldId != null && newOperation != null && !oldId.equals(newId)) {
                breaks.add("- operationId of " + method.toUpperCase(java.util.Locale.ROOT) + " " + path + " changed: "
                        + oldId + " -> " + newId + " (a generated client's method name)");
            }
        }));
        Map<String, Object> oldSchemas = map(map(old.get("components")).get("schemas"));
        Map<String, Object> newSchemas = map(map(now.get("components")).get("schemas"));
        for (String name : oldSchemas.keySet()) {
            if (!newSchemas.containsKey(name)) {
                breaks.add("- schema " + name + " removed or renamed (a generated client's model class)");
                continue;
            }
            // openapi-diff counts a removed response field as compatible unless it was required, and our records'
            // fields are not marked required: a client reading the field breaks all the same.
            Map<String, Object> newProperties = map(map(newSchemas.get(name)).get("properties"));
            for (String property :
                    map(map(oldSchemas.get(name)).get("properties")).keySet()) {
                if (!newProperties.containsKey(property)) {
                    breaks.add("- field " + property + " of schema " + name + " removed or renamed");
                }
            }
        }
        return breaks;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Map<String, Object> tree(String document) {
        return CANONICAL.readValue(document, new TypeReference<Map<String, Object>>() {});
    }

    static int major(String document) {
        Map<String, Object> tree = CANONICAL.readValue(document, new TypeReference<Map<String, Object>>() {});
        Object info = tree.get("info");
        Object version = info instanceof Map<?, ?> map ? map.get("version") : null;
        Matcher m = MAJOR.matcher(version == null ? "" : version.toString());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** docs/api/&lt;service&gt;.json of the repository the test runs in (the nearest folder with {@code mvnw}). */
    public static Path contractFile(String service) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "not inside the repository: " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("docs/api").resolve(service + ".json");
    }

    private static String render(ChangedOpenApi diff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            new ConsoleRender().render(diff, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String served) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, canonical(served));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
