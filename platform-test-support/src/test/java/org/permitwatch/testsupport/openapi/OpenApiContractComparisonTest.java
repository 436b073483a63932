package org.permitwatch.testsupport.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.permitwatch.testsupport.openapi.OpenApiContract.Outcome;

/**
 * The comparator behind every service's OpenApiContractIT, on small documents: one GET returning a Unit (id, name,
 * status enum) and one POST taking a UnitForm (name required, status enum).
 */
class OpenApiContractComparisonTest {

    private static final String RECORDED =
            document("1.0.0", "unitGet", "unitCreate", """
            "id": {"type": "string", "format": "uuid"},
            "name": {"type": "string"},
            "status": {"type": "string", "enum": ["VALID", "EXPIRED"]}""", """
            "name": {"type": "string"},
            "status": {"type": "string", "enum": ["VALID", "EXPIRED"]}""", "\"name\"", "/api/v1/units");

    @Test
    void theSameDocumentInAnotherKeyOrderIsUnchanged() {
        String reordered = "{\"paths\":" + tree(RECORDED, "paths") + ",\"openapi\":\"3.0.1\",\"info\":"
                + tree(RECORDED, "info") + ",\"components\":" + tree(RECORDED, "components") + "}";
        assertThat(OpenApiContract.compare(RECORDED, reordered).outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(OpenApiContract.canonical(reordered)).isEqualTo(OpenApiContract.canonical(RECORDED));
    }

    @Test
    void aNewOptionalResponseFieldIsCompatible() {
        String served = RECORDED.replace(
                "\"name\": {\"type\": \"string\"},\n\"status\": {\"type\": \"string\", \"enum\": [\"VALID\","
                        + " \"EXPIRED\"]}}",
                "\"name\": {\"type\": \"string\"},\n\"status\": {\"type\": \"string\", \"enum\": [\"VALID\","
                        + " \"EXPIRED\"]}, \"note\": {\"type\": \"string\"}}");
        assertThat(served).isNotEqualTo(RECORDED);
        assertThat(OpenApiContract.compare(RECORDED, served).outcome()).isEqualTo(Outcome.COMPATIBLE);
    }

    @Test
    void aRemovedPathIsBreaking() {
        String served = RECORDED.replace("/api/v1/units", "/api/v1/permit-units");
        OpenApiContract.Verdict verdict = OpenApiContract.compare(RECORDED, served);
        assertThat(verdict.outcome()).isEqualTo(Outcome.BREAKING);
        assertThat(verdict.changes()).contains("/api/v1/units");
    }

    @Test
    void aRemovedResponseFieldIsBreaking() {
        String served = document("1.0.0", "unitGet", "unitCreate", """
                "id": {"type": "string", "format": "uuid"},
                "status": {"type": "string", "enum": ["VALID", "EXPIRED"]}""", """
                "name": {"type": "string"},
                "status": {"type": "string", "enum": ["VALID", "EXPIRED"]}""", "\"name\"", "/api/v1/units");
        assertThat(OpenApiContract.compare(RECORDED, served).outcome()).isEqualTo(Outcome.BREAKING);
    }

    @Test
    void aRemovedRequestEnumValueIsBreaking() {
        String served = document("1.0.0", "unitGet", "unitCreate", """
                "id": {"type": "string", "format": "uuid"},
                "name": {"type": "string"},
                "status": {"type": "string", "enum": ["VALID", "EXPIRED"]}""", """
                "name": {"type": "string"},
                "status": {"type": "string", "enum": ["VALID"]}""", "\"name\"", "/api/v1/units");
        assertThat(OpenApiContract.compare(RECORDED, served).outcome()).isEqualTo(Outcome.BREAKING);
    }

    @Test
    void aNarrowedTypeIsBreaking() {
        String served = document("1.0.0", "unitGet", "unitCreate", """
                "id": {"type": "string", "format": "uuid"},
                "name": {"type": "integer"},
                "status": {"type": "string", "enum": ["VALID", "EXPIRED"]}""", """
                "name": {"type": "integer"},
                "status": {"type": "string", "enum": ["VALID", "EXPIRED"]}""", "\"name\"", "/api/v1/units");
        assertThat(OpenApiContract.compare(RECORDED, served).outcome()).isEqualTo(Outcome.BREAKING);
    }

    @Test
    void aNewRequiredRequestFieldIsBreaking() {
        String served = document("1.0.0", "unitGet", "unitCreate", """
                "id": {"type": "string", "format": "uuid"},
                "name": {"type": "string"},
                "status": {"type": "string", "enum": ["VALID", "EXPIRED"]}""", """
                "name": {"type": "string"},
                "status": {"type": "string", "enum": ["VALID", "EXPIRED"]}""", "\"name\", \"status\"", "/api/v1/units");
        assertThat(OpenApiContract.compare(RECORDED, served).outcome()).isEqualTo(Outcome.BREAKING);
    }

    @Test
    void aRenamedOperationIdIsBreakingForGeneratedClients() {
        String served = document("1.0.0", "getUnit", "unitCreate", """
                "id": {"type": "string", "format": "uuid"},
                "name": {"type": "string"},
                "status": {"type": "string", "enum": ["VALID", "EXPIRED"]}""", """
                "name": {"type": "string"},
                "status": {"type": "string", "enum": ["VALID", "EXPIRED"]}""", "\"name\"", "/api/v1/units");
        OpenApiContract.Verdict verdict = OpenApiContract.compare(RECORDED, served);
        assertThat(verdict.outcome()).isEqualTo(Outcome.BREAKING);
        assertThat(verdict.changes()).contains("unitGet -> getUnit");
    }

    @Test
    void aBreakingChangeUnderANewMajorVersionIsDeliberate() {
        String served = document("2.0.0", "unitGet", "unitCreate", """
                "id": {"type": "string", "format": "uuid"},
                "status": {"type": "string", "enum": ["VALID", "EXPIRED"]}""", """
                "name": {"type": "string"},
                "status": {"type": "string", "enum": ["VALID", "EXPIRED"]}""", "\"name\"", "/api/v1/units");
        assertThat(OpenApiContract.compare(RECORDED, served).outcome()).isEqualTo(Outcome.BREAKING_NEW_MAJOR);
    }

    @Test
    void majorVersionsReadWithOrWithoutV() {
        assertThat(OpenApiContract.major("{\"info\":{\"version\":\"v1\"}}")).isEqualTo(1);
        assertThat(OpenApiContract.major("{\"info\":{\"version\":\"12.3.0\"}}")).isEqualTo(12);
    }

    private static String tree(String document, String key) {
        java.util.Map<String, Object> map = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readValue(document, new tools.jackson.core.type.TypeReference<java.util.Map<String, Object>>() {});
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(map.get(key));
    }

    private static String document(
            String version,
            String getId,
            String createId,
            String unitProperties,
            String formProperties,
            String formRequired,
            String path) {
        return """
                {"openapi": "3.0.1",
                 "info": {"title": "t", "version": "%s"},
                 "paths": {
                   "%s": {
                     "get": {"operationId": "%s",
                       "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Unit"}}}}}},
                     "post": {"operationId": "%s",
                       "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/UnitForm"}}}},
                       "responses": {"201": {"description": "created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Unit"}}}}}}
                   }
                 },
                 "components": {"schemas": {
                   "Unit": {"type": "object", "properties": {
                %s}},
                   "UnitForm": {"type": "object", "required": [%s], "properties": {
                %s}}
                 }}}
                """.formatted(version, path, getId, createId, unitProperties, formRequired, formProperties);
    }
}
