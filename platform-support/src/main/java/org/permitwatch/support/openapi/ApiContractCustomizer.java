package org.permitwatch.support.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.problem.Problem;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.ApiArea;
import org.permitwatch.support.security.AreaScopes;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The parts of every service's OpenAPI document that are the same everywhere, written once (ADR 0020): readable
 * unique schema names, the server, the security schemes of the identity provider and the scopes each operation needs,
 * the problem+json error answers, and the one paging shape. Services describe only their own operations and records.
 */
final class ApiContractCustomizer implements OpenApiCustomizer {

    static final String BEARER = "bearer-jwt";
    static final String OAUTH2 = "oauth2";
    static final String PROBLEM = "Problem";
    static final String FIELD_PROBLEM = "FieldProblem";
    static final String PAGE = "Page";
    static final String PROBLEM_JSON = "application/problem+json";

    /** The identity provider's endpoints (issue 15 contract), relative to the gateway that serves everything. */
    static final String AUTHORIZE_URL = "/auth/oauth2/authorize";

    static final String TOKEN_URL = "/auth/oauth2/token";

    /** The API-area scopes (platform-support {@link AreaScopes}: read = GET/HEAD/OPTIONS, write = the rest). */
    private static final Map<String, String> SCOPES = scopes();

    private final String serviceName;
    private final ApiArea area;
    private final List<PathPattern> publicPaths;
    private final String contextPath;

    /**
     * @param publicPaths {@code permitwatch.security.public-paths}: the service's operations that need no token (the
     *                    public disclosure API) get no security requirement and no 401/403 answers
     * @param contextPath {@code server.servlet.context-path} ("" for none): identity-service serves everything under
     *                    /auth, and springdoc's servlet paths leave it out; the document's paths are the ones a client
     *                    calls at the gateway, so it is put in front of every path and the server stays "/"
     */
    ApiContractCustomizer(String serviceName, ApiArea area, List<String> publicPaths, String contextPath) {
        this.serviceName = serviceName;
        this.area = area;
        this.publicPaths = publicPaths.stream()
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
        this.contextPath = contextPath == null || "/".equals(contextPath) ? "" : contextPath;
    }

    /** {@code path} relative to the application (without the context path). */
    private boolean secured(String path) {
        if (!path.startsWith("/api/")) {
            return false;
        }
        PathContainer container = PathContainer.parsePath(path);
        return publicPaths.stream().noneMatch(p -> p.matches(container));
    }

    @Override
    public void customise(OpenAPI api) {
        ReadableSchemaNames.apply(api);
        Info info = api.getInfo() == null ? new Info() : api.getInfo();
        info.setTitle(serviceName);
        if (info.getVersion() == null || info.getVersion().isBlank() || "v0".equals(info.getVersion())) {
            info.setVersion("1.0.0");
        }
        api.setInfo(info);
        // Relative: a service answers the same paths behind the gateway and without it (ADR 0001), and the document
        // must not name the random port a test or a pod happened to run on.
        api.setServers(List.of(new Server()
                .url("/")
                .description("the PermitWatch gateway (or the service itself: the paths are the same)")));
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.setComponents(components);
        addSecuritySchemes(components);
        addProblem(components);
        addPaging(components);
        api.setSecurity(null);
        if (api.getPaths() != null) {
            Set<String> ids = new HashSet<>();
            api.getPaths().forEach((path, item) -> {
                for (Map.Entry<PathItem.HttpMethod, Operation> e :
                        item.readOperationsMap().entrySet()) {
                    Operation operation = e.getValue();
                    if (operation.getOperationId() != null && !ids.add(operation.getOperationId())) {
                        throw new IllegalStateException("operationId " + operation.getOperationId() + " is used twice");
                    }
                    pagingParameters(operation);
                    boolean secured = secured(path);
                    errorResponses(path, operation, secured);
                    if (secured) {
                        operation.setSecurity(security(e.getKey()));
                    }
                }
            });
        }
        sharePaging(components);
        prefixPaths(api);
    }

    /** The gateway's paths: the context path in front of each (after the rules above, which work on the app's paths). */
    private void prefixPaths(OpenAPI api) {
        if (contextPath.isEmpty() || api.getPaths() == null) {
            return;
        }
        Paths prefixed = new Paths();
        api.getPaths().forEach((path, item) -> prefixed.addPathItem(contextPath + path, item));
        prefixed.setExtensions(api.getPaths().getExtensions());
        api.setPaths(prefixed);
    }

    private void addSecuritySchemes(Components components) {
        Scopes scopes = new Scopes();
        SCOPES.forEach(scopes::addString);
        Scopes userScopes = new Scopes();
        userScopes.addString("openid", "OpenID Connect sign-in");
        userScopes.addString("profile", "the user's name");
        SCOPES.forEach(userScopes::addString);
        components.setSecuritySchemes(new LinkedHashMap<>());
        components.addSecuritySchemes(
                BEARER,
                new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("An access token (RS256 JWT) of the PermitWatch identity provider, audience "
                                + "permitwatch; its roles and division decide what the caller sees."));
        components.addSecuritySchemes(
                OAUTH2,
                new SecurityScheme()
                        .type(SecurityScheme.Type.OAUTH2)
                        .description(
                                "The PermitWatch identity provider (issuer <gateway>/auth). City systems use "
                                        + "client credentials (client_secret_basic); people sign in with the authorization "
                                        + "code flow and PKCE (S256). A token with area scopes may call only those areas (write includes read).")
                        .flows(new OAuthFlows()
                                .authorizationCode(new OAuthFlow()
                                        .authorizationUrl(AUTHORIZE_URL)
                                        .tokenUrl(TOKEN_URL)
                                        .refreshUrl(TOKEN_URL)
                                        .scopes(userScopes))
                                .clientCredentials(
                                        new OAuthFlow().tokenUrl(TOKEN_URL).scopes(scopes))));
    }

    private List<SecurityRequirement> security(PathItem.HttpMethod method) {
        List<SecurityRequirement> requirements = new ArrayList<>();
        requirements.add(new SecurityRequirement().addList(BEARER));
        if (area != null) {
            requirements.add(new SecurityRequirement()
                    .addList(OAUTH2, AreaScopes.isSafe(method.name()) ? area.readScope() : area.writeScope()));
        } else {
            requirements.add(new SecurityRequirement().addList(OAUTH2));
        }
        return requirements;
    }

    /** {@link Problem} and {@link FieldProblem}, described by hand so every member has its meaning. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void addProblem(Components components) {
        Schema field = new ObjectSchema()
                .description("One wrong request field.")
                .addProperty(
                        "field",
                        new StringSchema()
                                .description(
                                        "the request field: a JSON path such as items[0].code, or a parameter name"))
                .addProperty("message", new StringSchema().description("what is wrong, for humans"))
                .addProperty(
                        "rejectedValue",
                        new Schema<>()
                                .description("the offending value when it is a number, boolean, enum or short string;"
                                        + " absent otherwise"));
        field.setRequired(List.of("field", "message"));
        Schema problem = new ObjectSchema()
                .description("RFC 9457 problem details with PermitWatch's members code, traceId and errors "
                        + "(ADR 0001). Sent as application/problem+json for every error.")
                .addProperty(
                        "type",
                        new StringSchema()
                                .description("urn:permitwatch:problem:<code>")
                                .example(ProblemCodes.type(ProblemCodes.VALIDATION_FAILED)))
                .addProperty(
                        "title",
                        new StringSchema().description("the HTTP reason phrase").example("Bad Request"))
                .addProperty(
                        "status",
                        new IntegerSchema()
                                .format("int32")
                                .description("the HTTP status")
                                .example(400))
                .addProperty(
                        "detail",
                        new StringSchema()
                                .description("what went wrong, for humans")
                                .example("request validation failed"))
                .addProperty(
                        "instance",
                        new StringSchema().description("the request path").example("/api/v1/plans"))
                .addProperty(
                        "code",
                        new StringSchema()
                                .description("a stable kebab-case code to branch on: the library's "
                                        + String.join(", ", libraryCodes())
                                        + ", or a service's own (docs/api/README.md#error-codes)")
                                .example(ProblemCodes.VALIDATION_FAILED))
                .addProperty(
                        "traceId",
                        new StringSchema()
                                .description("the request's trace id: quote it when reporting a problem")
                                .example("4bf92f3577b34da6a3ce929d0e0e4736"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .items(new Schema<>().$ref(ref(FIELD_PROBLEM)))
                                .description("one entry per wrong field; absent when the problem is not about fields"));
        problem.setRequired(List.of("type", "title", "status", "code"));
        components.addSchemas(FIELD_PROBLEM, field);
        components.addSchemas(PROBLEM, problem);
        components.addResponses(
                "BadRequest",
                problemResponse("The request is invalid (code validation-failed or "
                        + "malformed-request); errors[] names each wrong field."));
        components.addResponses("Unauthorized", problemResponse("No valid bearer token (code unauthorized)."));
        components.addResponses(
                "Forbidden",
                problemResponse("The token's roles, division or scopes do not allow " + "this (code forbidden)."));
        components.addResponses(
                "NotFound",
                problemResponse("No such resource, or none the caller's division may see " + "(code not-found)."));
        components.addResponses(
                "InternalError", problemResponse("An unexpected error (code internal-error); quote " + "the traceId."));
        components.addResponses(
                "Problem",
                problemResponse("Any other error, e.g. 409 when the resource's state does "
                        + "not allow the call, 413, 415, or 429 from the gateway's rate limiter."));
    }

    /** The page and size query parameters and the page envelope, once ({@link Paging}, {@link PageResponse}). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void addPaging(Components components) {
        components.addParameters(
                "page",
                new Parameter()
                        .in("query")
                        .name("page")
                        .required(false)
                        .description("0-based page number")
                        .schema(new IntegerSchema()
                                .format("int32")
                                .minimum(BigDecimal.ZERO)
                                ._default(0)));
        components.addParameters(
                "size",
                new Parameter()
                        .in("query")
                        .name("size")
                        .required(false)
                        .description("items per page")
                        .schema(new IntegerSchema()
                                .format("int32")
                                .minimum(BigDecimal.ONE)
                                .maximum(BigDecimal.valueOf(Paging.MAX_SIZE))
                                ._default(Paging.DEFAULT_SIZE)));
        Schema page = new ObjectSchema()
                .description("The envelope of every list (ADR 0001): one page of items and the total count. Lists "
                        + "extend it with their items.")
                .addProperty("page", new IntegerSchema().format("int32").description("0-based page number"))
                .addProperty("size", new IntegerSchema().format("int32").description("the page size asked for"))
                .addProperty("total", new IntegerSchema().format("int64").description("items on all pages together"));
        page.setRequired(List.of("page", "size", "total"));
        components.addSchemas(PAGE, page);
    }

    /** Each PageResponseX becomes allOf [Page, {items: X[]}]: the envelope has one definition. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void sharePaging(Components components) {
        Map<String, Schema> schemas = components.getSchemas();
        for (Map.Entry<String, Schema> e : new ArrayList<>(schemas.entrySet())) {
            Schema schema = e.getValue();
            if (!e.getKey().startsWith("PageResponse") || schema.getProperties() == null) {
                continue;
            }
            Schema items = (Schema) schema.getProperties().get("items");
            if (items == null) {
                continue;
            }
            Schema own = new ObjectSchema().addProperty("items", items);
            own.setRequired(List.of("items"));
            ComposedSchema composed = new ComposedSchema();
            composed.addAllOfItem(new Schema<>().$ref(ref(PAGE)));
            composed.addAllOfItem(own);
            schemas.put(e.getKey(), composed);
        }
    }

    /** page/size query parameters become references to the shared ones. */
    private static void pagingParameters(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        List<Parameter> parameters = new ArrayList<>();
        for (Parameter p : operation.getParameters()) {
            if ("query".equals(p.getIn()) && ("page".equals(p.getName()) || "size".equals(p.getName()))) {
                parameters.add(new Parameter().$ref("#/components/parameters/" + p.getName()));
            } else {
                parameters.add(p);
            }
        }
        operation.setParameters(parameters);
    }

    /**
     * Every error answer is problem+json: answers a controller declares keep their description and get the Problem
     * schema; the ones every operation can give are added by reference.
     */
    private static void errorResponses(String path, Operation operation, boolean secured) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        for (Map.Entry<String, ApiResponse> e : responses.entrySet()) {
            String code = e.getKey();
            if ((code.startsWith("4") || code.startsWith("5")) && e.getValue().get$ref() == null) {
                e.getValue().setContent(problemContent());
            }
        }
        boolean hasInput = operation.getRequestBody() != null
                || (operation.getParameters() != null
                        && !operation.getParameters().isEmpty());
        if (hasInput) {
            responses.putIfAbsent("400", refResponse("BadRequest"));
        }
        if (secured) {
            responses.putIfAbsent("401", refResponse("Unauthorized"));
            responses.putIfAbsent("403", refResponse("Forbidden"));
        }
        if (path.contains("{")) {
            responses.putIfAbsent("404", refResponse("NotFound"));
        }
        responses.putIfAbsent("500", refResponse("InternalError"));
        responses.putIfAbsent("default", refResponse("Problem"));
        operation.setResponses(responses);
    }

    private static ApiResponse problemResponse(String description) {
        return new ApiResponse().description(description).content(problemContent());
    }

    private static Content problemContent() {
        return new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(ref(PROBLEM))));
    }

    private static ApiResponse refResponse(String name) {
        return new ApiResponse().$ref("#/components/responses/" + name);
    }

    private static String ref(String schema) {
        return "#/components/schemas/" + schema;
    }

    private static List<String> libraryCodes() {
        return List.of(
                ProblemCodes.VALIDATION_FAILED,
                ProblemCodes.MALFORMED_REQUEST,
                ProblemCodes.UNAUTHORIZED,
                ProblemCodes.FORBIDDEN,
                ProblemCodes.NOT_FOUND,
                ProblemCodes.METHOD_NOT_ALLOWED,
                ProblemCodes.NOT_ACCEPTABLE,
                ProblemCodes.UNSUPPORTED_MEDIA_TYPE,
                ProblemCodes.PAYLOAD_TOO_LARGE,
                ProblemCodes.INTERNAL_ERROR);
    }

    private static Map<String, String> scopes() {
        Map<String, String> scopes = new LinkedHashMap<>();
        // The names come from ApiArea, the list the gateway and the services enforce, so the document cannot drift.
        for (ApiArea area : ApiArea.values()) {
            String what = switch (area) {
                case DIRECTORY -> "the pollutant-discharge unit directory and its synchronisation (permit-sync)";
                case INSPECTION -> "checklists, plans, draws, tasks, records, findings and cases";
                case LIAISON -> "liaisons, deadlines, submissions, notifications and clues";
                case REPORTING -> "summaries, plan progress and disclosures";
                case MONITORING -> "automatic-monitoring points, their data series and coverage";
            };
            scopes.put(area.readScope(), "read " + what);
            scopes.put(
                    area.writeScope(),
                    area == ApiArea.REPORTING
                            ? "read " + what + " and rebuild the reporting read models"
                            : "read, create and change " + what);
        }
        scopes.put(Caller.PII_READ_SCOPE, "see phone numbers, e-mail addresses and ID numbers unmasked");
        return scopes;
    }
}
