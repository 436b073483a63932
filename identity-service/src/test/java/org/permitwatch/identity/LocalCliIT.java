package org.permitwatch.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** ./run.sh token's client: the extra parameters become claims; what the token policy would refuse is refused here. */
@IdentityIntegrationTest
class LocalCliIT extends IdentityItSupport {

    @Test
    void parametersBecomeClaims() throws Exception {
        HttpResponse<String> response = cliTokenResponse(
                "role=INSPECTOR&division=140105&sub=insp-42&name=%E5%BC%A0%E4%B8%89&ttl=30m&scope=pii:read");
        JsonNode claims = claims(ok(response, 200).get("access_token").asString());
        assertThat(claims.get("sub").asString()).isEqualTo("insp-42");
        assertThat(claims.get("name").asString()).isEqualTo("张三");
        assertThat(claims.get("roles").toString()).isEqualTo("[\"INSPECTOR\"]");
        assertThat(claims.get("division").asString()).isEqualTo("140105");
        assertThat(claims.get("scope").toString()).isEqualTo("[\"pii:read\"]");
        assertThat(claims.get("client_id").asString()).isEqualTo("permitwatch-local-cli");
        // 30 minutes = 1800 s
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(1800);
        // no scope asked: none in the token, it is governed by its role
        JsonNode plain = claims(cliToken("COUNTY", "140105"));
        assertThat(plain.has("scope")).isFalse();
    }

    @Test
    void refusesBadCombinations() throws Exception {
        assertRefused("role=CITY&division=140000", "invalid_request", "role: CITY cannot be held at a province-level");
        assertRefused("role=INSPECTOR&division=140000", "invalid_request", "INSPECTOR cannot be held");
        assertRefused("role=COUNTY&division=14010", "invalid_request", "division: must be 6 digits");
        assertRefused("role=PROVINCE&division=140000&ttl=13h", "invalid_request", "ttl: at most 12h");
        assertRefused("division=140000", "invalid_request", "role: required");
        // not an area scope this client holds
        assertRefused("role=PROVINCE&division=140000&scope=openid", "invalid_scope", null);
    }

    void assertRefused(String form, String error, String description) throws Exception {
        HttpResponse<String> response = cliTokenResponse(form);
        assertThat(response.statusCode()).as(form).isEqualTo(400);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("error").asString()).isEqualTo(error);
        if (description != null) {
            assertThat(body.get("error_description").asString()).contains(description);
        }
    }
}
