package org.permitwatch.support.openapi;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Schema names that are unique and readable. Our request and view records are often nested ({@code CaseViews.Proposal},
 * {@code PenaltyRequests.Proposal}); by simple name swagger-core would give both the one name {@code Proposal} and
 * publish one shape for both — the reason a response schema once appeared as a request body. So springdoc names
 * schemas by their qualified Java names ({@code springdoc.use-fqn}) and this rule shortens them to the class names
 * without packages, an enclosing type kept as a prefix: {@code CaseViewsProposal}, {@code PenaltyRequestsProposal},
 * {@code PageResponseAlertView}. Two classes that still shorten to one name fail the document instead of merging.
 */
final class ReadableSchemaNames {

    /** The capitalised first package segment swagger-core glues to a generic type: {@code PageResponseOrg}. */
    private static final Pattern GLUED_PACKAGE = Pattern.compile("[A-Z][a-z0-9_]*$");

    private ReadableSchemaNames() {}

    /**
     * {@code org.permitwatch.inspection.cases.CaseViews.Proposal} → {@code CaseViewsProposal};
     * {@code PageResponseOrg.permitwatch.inspection.alert.AlertView} → {@code PageResponseAlertView}.
     */
    static String readable(String qualified) {
        String[] tokens = qualified.replace('$', '.').split("\\.");
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.isEmpty() || Character.isLowerCase(token.charAt(0))) {
                continue; // a package segment
            }
            boolean packageFollows =
                    i + 1 < tokens.length && !tokens[i + 1].isEmpty() && Character.isLowerCase(tokens[i + 1].charAt(0));
            name.append(packageFollows ? GLUED_PACKAGE.matcher(token).replaceFirst("") : token);
        }
        return name.toString();
    }

    @SuppressWarnings("rawtypes")
    static void apply(OpenAPI api) {
        if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, String> renamed = new LinkedHashMap<>();
        Map<String, Schema> schemas = new LinkedHashMap<>();
        api.getComponents().getSchemas().forEach((name, schema) -> {
            String readable = readable(name);
            String previous = renamed.values().stream()
                    .filter(readable::equals)
                    .findFirst()
                    .orElse(null);
            if (previous != null) {
                throw new IllegalStateException("two schemas would both be named " + readable + ": give one an "
                        + "@Schema(name = ...) or rename the class");
            }
            renamed.put(name, readable);
            schemas.put(readable, schema);
        });
        if (renamed.entrySet().stream().allMatch(e -> e.getKey().equals(e.getValue()))) {
            return;
        }
        api.getComponents().setSchemas(schemas);
        // References sit in every corner of the model (properties, items, compositions, bodies, responses, parameters,
        // headers): rewriting the serialised document reaches them all without a visitor for each kind of node.
        String json = Json.pretty(api);
        for (Map.Entry<String, String> e : renamed.entrySet()) {
            json = json.replace(
                    "\"#/components/schemas/" + e.getKey() + "\"", "\"#/components/schemas/" + e.getValue() + "\"");
        }
        OpenAPI rewritten = read(json);
        api.setPaths(rewritten.getPaths());
        api.setComponents(rewritten.getComponents());
    }

    private static OpenAPI read(String json) {
        try {
            return Json.mapper().readValue(json, OpenAPI.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not re-read the OpenAPI document", e);
        }
    }
}
