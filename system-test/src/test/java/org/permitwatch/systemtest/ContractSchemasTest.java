package org.permitwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The validator the system test checks real responses with, against the real docs/api/identity-service.json. */
class ContractSchemasTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String JSON = "application/json";

    /** A user page as identity-service sends it (nulls for absent optional members, Jackson's default). */
    private static final String USER_PAGE = """
            {"page":0,"size":20,"total":1,"items":[{"id":"0b6c1e36-1f43-4a8e-9d4e-3a9c2f3f6a11",
             "username":"ty-admin","displayName":"太原管理员","role":"CITY","division":"140100",
             "enabled":true,"totpEnrolled":true,"failedAttempts":0,"lockedUntil":null,
             "createdAt":"2026-12-05T08:00:00Z"}]}""";

    private static final String NOT_FOUND = """
            {"type":"urn:permitwatch:problem:not-found","title":"Not Found","status":404,
             "detail":"no such user","instance":"/auth/api/v1/users/0b6c1e36-1f43-4a8e-9d4e-3a9c2f3f6a11",
             "code":"not-found"}""";

    private final ContractSchemas identity = ContractSchemas.of("identity-service");

    @Test
    void theDocumentedAnswersPass() {
        assertThat(identity.mismatches("GET", "/auth/api/v1/users?size=20", 200, JSON, USER_PAGE))
                .isEmpty();
        // a 404 is documented by reference (#/components/responses/NotFound) as a Problem
        assertThat(identity.mismatches(
                        "GET", "/auth/api/v1/users/0b6c1e36-1f43-4a8e-9d4e-3a9c2f3f6a11", 404, PROBLEM, NOT_FOUND))
                .isEmpty();
        // an undocumented status falls to default, also a Problem
        assertThat(identity.mismatches("GET", "/auth/api/v1/users", 409, PROBLEM, NOT_FOUND.replace("404", "409")))
                .isEmpty();
    }

    @Test
    void aBodyThatDoesNotMatchItsSchemaFails() {
        // total a string (Page says int64), role outside the enum, items missing in the second
        assertThat(identity.mismatches(
                        "GET", "/auth/api/v1/users", 200, JSON, USER_PAGE.replace("\"total\":1", "\"total\":\"1\"")))
                .singleElement()
                .asString()
                .contains("total");
        assertThat(identity.mismatches(
                        "GET", "/auth/api/v1/users", 200, JSON, USER_PAGE.replace("\"CITY\"", "\"MAYOR\"")))
                .singleElement()
                .asString()
                .contains("role");
        assertThat(identity.mismatches("GET", "/auth/api/v1/users", 200, JSON, "{\"page\":0,\"size\":20,\"total\":0}"))
                .singleElement()
                .asString()
                .contains("items");
        // a problem without its code (required), and one sent as plain JSON (not the documented media type)
        assertThat(identity.mismatches(
                        "GET", "/auth/api/v1/users/x", 404, PROBLEM, NOT_FOUND.replace("\"code\":", "\"kode\":")))
                .singleElement()
                .asString()
                .contains("code");
        assertThat(identity.mismatches("GET", "/auth/api/v1/users/x", 404, JSON, NOT_FOUND))
                .singleElement()
                .asString()
                .contains("not documented");
        assertThat(identity.mismatches("GET", "/auth/api/v1/nothing-here", 200, JSON, "{}"))
                .singleElement()
                .asString()
                .contains("no documented path");
    }

    @Test
    void aDeliberatelyWrongSchemaFailsTheRealShape() {
        // the schema says displayName is an integer: the same, correct body must now fail
        JsonNode wrong = Api.JSON.readTree(identityDocument());
        ((ObjectNode) wrong.at("/components/schemas/UserView/properties/displayName")).put("type", "integer");
        ContractSchemas tampered = new ContractSchemas("identity-service (tampered)", wrong);
        Api.Reply reply = new Api.Reply(200, JSON, USER_PAGE, 1);
        assertThatThrownBy(() -> tampered.assertMatches("GET", "/auth/api/v1/users", reply))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("displayName");
        identity.assertMatches("GET", "/auth/api/v1/users", reply);
    }

    @Test
    void nullsCountAsAbsentButNotWhereRequired() {
        // code is required in Problem: a null code is a missing code
        assertThat(identity.mismatches(
                        "GET", "/auth/api/v1/users/x", 404, PROBLEM, NOT_FOUND.replace("\"not-found\"}", "null}")))
                .singleElement()
                .asString()
                .contains("code");
    }

    private static String identityDocument() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("../docs/api/identity-service.json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
