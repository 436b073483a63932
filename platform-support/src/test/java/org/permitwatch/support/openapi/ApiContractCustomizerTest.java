package org.permitwatch.support.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.permitwatch.support.security.ApiArea;

class ApiContractCustomizerTest {

    private final ApiContractCustomizer customizer =
            new ApiContractCustomizer("reporting-service", ApiArea.REPORTING, List.of("/api/v1/public/**"), "");

    @Test
    void securedOperationsNameTheirAreaScopeAndPublicOnesNone() {
        OpenAPI api = document();
        customizer.customise(api);
        Operation list = api.getPaths().get("/api/v1/reports/things").getGet();
        assertThat(list.getSecurity()).hasSize(2);
        assertThat(list.getSecurity().get(1).get("oauth2")).containsExactly("reporting:read");
        Operation rebuild = api.getPaths().get("/api/v1/reports/things/{id}").getPost();
        assertThat(rebuild.getSecurity().get(1).get("oauth2")).containsExactly("reporting:write");
        Operation disclosure = api.getPaths().get("/api/v1/public/things").getGet();
        assertThat(disclosure.getSecurity()).isNull();
        assertThat(disclosure.getResponses()).doesNotContainKeys("401", "403");
        assertThat(api.getComponents()
                        .getSecuritySchemes()
                        .get("oauth2")
                        .getFlows()
                        .getClientCredentials()
                        .getTokenUrl())
                .isEqualTo("/auth/oauth2/token");
    }

    @Test
    void aContextPathPrefixesEveryPathAndTheRulesStillSeeTheAppPaths() {
        // identity-service: server.servlet.context-path /auth, no API area (identity administration is no area)
        OpenAPI api = document();
        new ApiContractCustomizer("identity-service", null, List.of(), "/auth").customise(api);
        assertThat(api.getPaths())
                .containsOnlyKeys(
                        "/auth/api/v1/reports/things",
                        "/auth/api/v1/reports/things/{id}",
                        "/auth/api/v1/public/things");
        Operation list = api.getPaths().get("/auth/api/v1/reports/things").getGet();
        // secured by the /api/ rule on the app path: bearer, or OAuth2 without an area scope
        assertThat(list.getSecurity()).hasSize(2);
        assertThat(list.getSecurity().get(1).get("oauth2")).isEmpty();
        assertThat(api.getServers()).singleElement().extracting(s -> s.getUrl()).isEqualTo("/");
    }

    @Test
    void everyErrorAnswerIsAProblem() {
        OpenAPI api = document();
        customizer.customise(api);
        ApiResponses list =
                api.getPaths().get("/api/v1/reports/things").getGet().getResponses();
        // a query parameter: 400; secured: 401, 403; no path variable: no 404
        assertThat(list)
                .containsKeys("200", "400", "401", "403", "500", "default")
                .doesNotContainKey("404");
        ApiResponses rebuild =
                api.getPaths().get("/api/v1/reports/things/{id}").getPost().getResponses();
        assertThat(rebuild.get("404").get$ref()).isEqualTo("#/components/responses/NotFound");
        // a declared 409 keeps its description and gets the Problem schema
        assertThat(rebuild.get("409").getDescription()).isEqualTo("already rebuilding");
        assertThat(rebuild.get("409")
                        .getContent()
                        .get("application/problem+json")
                        .getSchema()
                        .get$ref())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(api.getComponents().getSchemas().get("Problem").getProperties())
                .containsOnlyKeys("type", "title", "status", "detail", "instance", "code", "traceId", "errors");
    }

    @Test
    void pagingIsOneSchemaAndOneParameterPair() {
        OpenAPI api = document();
        customizer.customise(api);
        List<Parameter> parameters =
                api.getPaths().get("/api/v1/reports/things").getGet().getParameters();
        assertThat(parameters)
                .extracting(Parameter::get$ref)
                .containsExactly("#/components/parameters/page", "#/components/parameters/size");
        assertThat(api.getComponents().getParameters().get("size").getSchema().getMaximum())
                .isEqualByComparingTo("200");
        Schema<?> page = api.getComponents().getSchemas().get("PageResponseThing");
        assertThat(page).isInstanceOf(ComposedSchema.class);
        assertThat(page.getAllOf().get(0).get$ref()).isEqualTo("#/components/schemas/Page");
        assertThat(page.getAllOf().get(1).getProperties()).containsOnlyKeys("items");
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static OpenAPI document() {
        Schema thing = new ObjectSchema().addProperty("name", new StringSchema());
        Schema pageOfThings = new ObjectSchema()
                .addProperty("items", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/Thing")))
                .addProperty("page", new IntegerSchema())
                .addProperty("size", new IntegerSchema())
                .addProperty("total", new IntegerSchema());
        Operation list = new Operation()
                .operationId("thingList")
                .addParametersItem(new Parameter().in("query").name("page").schema(new IntegerSchema()))
                .addParametersItem(new Parameter().in("query").name("size").schema(new IntegerSchema()))
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("OK")));
        Operation rebuild = new Operation()
                .operationId("thingRebuild")
                .addParametersItem(new Parameter().in("path").name("id").schema(new StringSchema()))
                .responses(new ApiResponses()
                        .addApiResponse("202", new ApiResponse().description("Accepted"))
                        .addApiResponse("409", new ApiResponse().description("already rebuilding")));
        Operation disclosure = new Operation()
                .operationId("disclosureThings")
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("OK")));
        return new OpenAPI()
                .components(new Components()
                        .addSchemas("org.x.Thing", thing)
                        .addSchemas("PageResponseOrg.x.Thing", pageOfThings))
                .paths(new Paths()
                        .addPathItem("/api/v1/reports/things", new PathItem().get(list))
                        .addPathItem("/api/v1/reports/things/{id}", new PathItem().post(rebuild))
                        .addPathItem("/api/v1/public/things", new PathItem().get(disclosure)));
    }
}
