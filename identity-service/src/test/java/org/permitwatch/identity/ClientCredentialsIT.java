package org.permitwatch.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.permitwatch.identity.config.BoundedPasswordEncoder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

/** City systems: registered by an administrator, client credentials with area scopes, secret rotation, disabling. */
@IdentityIntegrationTest
class ClientCredentialsIT extends IdentityItSupport {

    @Test
    void aCitySystemGetsATokenBoundToItsDivisionAndScopes() throws Exception {
        String city = cliToken("CITY", "140100");
        JsonNode created = ok(
                call(
                        "POST",
                        "/api/v1/clients",
                        city,
                        map(
                                "clientId", "ty-hb-system",
                                "name", "太原市环保业务系统",
                                "division", "140105",
                                "scopes", List.of("directory:read", "inspection:read"))),
                201);
        String secret = created.get("clientSecret").asString();
        assertThat(created.get("role").asString()).isEqualTo("COUNTY"); // 140105 is a county code
        // listed without the secret
        JsonNode listed = ok(call("GET", "/api/v1/clients", city, null), 200);
        assertThat(listed.get("items").get(0).get("clientId").asString()).isEqualTo("ty-hb-system");
        assertThat(listed.get("items").get(0).has("clientSecret")).isFalse();

        // no scope asked: the token carries all the client's area scopes
        JsonNode token = ok(tokenRequest(Map.of("grant_type", "client_credentials"), "ty-hb-system:" + secret), 200);
        JsonNode claims = claims(token.get("access_token").asString());
        assertThat(claims.get("sub").asString()).isEqualTo("ty-hb-system");
        assertThat(claims.get("client_id").asString()).isEqualTo("ty-hb-system");
        assertThat(claims.get("roles").toString()).isEqualTo("[\"COUNTY\"]");
        assertThat(claims.get("division").asString()).isEqualTo("140105");
        assertThat(claims.get("scope").toString()).isEqualTo("[\"directory:read\",\"inspection:read\"]");
        // clients: 30 minutes = 1800 s
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(1800);
        assertThat(token.has("refresh_token")).isFalse();

        // a narrower request is honoured, a scope the client lacks is refused
        JsonNode narrow = ok(
                tokenRequest(
                        Map.of("grant_type", "client_credentials", "scope", "inspection:read"),
                        "ty-hb-system:" + secret),
                200);
        assertThat(claims(narrow.get("access_token").asString()).get("scope").toString())
                .isEqualTo("[\"inspection:read\"]");
        HttpResponse<String> lacking = tokenRequest(
                Map.of("grant_type", "client_credentials", "scope", "inspection:write"), "ty-hb-system:" + secret);
        assertThat(lacking.statusCode()).isEqualTo(400);
        assertThat(json.readTree(lacking.body()).get("error").asString()).isEqualTo("invalid_scope");
        // a wrong secret
        assertThat(tokenRequest(Map.of("grant_type", "client_credentials"), "ty-hb-system:nope")
                        .statusCode())
                .isEqualTo(401);
    }

    @Autowired
    PasswordEncoder passwordEncoder;

    @Test
    void aBurstOfWrongSecretsIsAnsweredWithoutRunningMoreThanTwoHashesAtOnce() throws Exception {
        String city = cliToken("CITY", "140100");
        ok(
                call(
                        "POST",
                        "/api/v1/clients",
                        city,
                        map(
                                "clientId",
                                "burst-system",
                                "name",
                                "并发测试系统",
                                "division",
                                "140100",
                                "scopes",
                                List.of("directory:read"))),
                201);
        // 20 at once: unbounded, 20 Argon2id hashes would hold 320 MiB, more than the provider's 256 MB heap
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(
                        () -> tokenRequest(Map.of("grant_type", "client_credentials"), "burst-system:wrong-secret")
                                .statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(401);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(passwordEncoder).isInstanceOf(BoundedPasswordEncoder.class);
        BoundedPasswordEncoder bounded = (BoundedPasswordEncoder) passwordEncoder;
        assertThat(bounded.permits()).isEqualTo(2);
        assertThat(bounded.peakConcurrent()).isBetween(1, 2);
    }

    @Test
    void rotateAndDisable() throws Exception {
        String province = cliToken("PROVINCE", "140000");
        JsonNode created = ok(
                call(
                        "POST",
                        "/api/v1/clients",
                        province,
                        map(
                                "clientId",
                                "sx-sys",
                                "name",
                                "省级系统",
                                "division",
                                "140000",
                                "scopes",
                                List.of("reporting:read"))),
                201);
        assertThat(created.get("role").asString()).isEqualTo("PROVINCE");
        String oldSecret = created.get("clientSecret").asString();
        String newSecret = ok(call("POST", "/api/v1/clients/sx-sys/rotate-secret", province, null), 200)
                .get("clientSecret")
                .asString();
        assertThat(newSecret).isNotEqualTo(oldSecret);
        assertThat(tokenRequest(Map.of("grant_type", "client_credentials"), "sx-sys:" + oldSecret)
                        .statusCode())
                .isEqualTo(401);
        ok(tokenRequest(Map.of("grant_type", "client_credentials"), "sx-sys:" + newSecret), 200);

        ok(call("POST", "/api/v1/clients/sx-sys/disable", province, null), 200);
        HttpResponse<String> refused = tokenRequest(Map.of("grant_type", "client_credentials"), "sx-sys:" + newSecret);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(json.readTree(refused.body()).get("error").asString()).isEqualTo("invalid_client");
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE target = 'sx-sys' ORDER BY id")
                        .query(String.class)
                        .list())
                .containsExactly("client.create", "client.rotate-secret", "client.disable");
    }

    @Test
    void divisionAndScopeRulesForRegistration() throws Exception {
        String taiyuan = cliToken("CITY", "140100");
        // 大同 140200 is another city
        JsonNode outside = ok(
                call(
                        "POST",
                        "/api/v1/clients",
                        taiyuan,
                        map("name", "x", "division", "140200", "scopes", List.of("reporting:read"))),
                403);
        assertThat(outside.get("code").asString()).isEqualTo("outside-division");
        assertThat(outside.get("errors").get(0).get("field").asString()).isEqualTo("division");
        // a client without an area scope is refused
        JsonNode noScope = ok(
                call("POST", "/api/v1/clients", taiyuan, map("name", "x", "division", "140100", "scopes", List.of())),
                400);
        assertThat(noScope.get("errors").get(0).get("field").asString()).isEqualTo("scopes");
        // pii:read is grantable but no API area: alone it would leave the client's token unlimited by area
        JsonNode piiOnly = ok(
                call(
                        "POST",
                        "/api/v1/clients",
                        taiyuan,
                        map("name", "x", "division", "140100", "scopes", List.of("pii:read"))),
                400);
        assertThat(piiOnly.get("errors").get(0).get("field").asString()).isEqualTo("scopes");
        JsonNode badScope = ok(
                call(
                        "POST",
                        "/api/v1/clients",
                        taiyuan,
                        map("name", "x", "division", "140100", "scopes", List.of("reporting:read", "openid"))),
                400);
        assertThat(badScope.get("errors").get(0).get("field").asString()).isEqualTo("scopes[1]");
        // a county administers no clients
        ok(call("GET", "/api/v1/clients", cliToken("COUNTY", "140105"), null), 403);
        // nothing was stored by the refused requests
        assertThat(jdbc.sql("SELECT count(*) FROM client_account WHERE kind = 'SYSTEM' AND division = '140200'")
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
