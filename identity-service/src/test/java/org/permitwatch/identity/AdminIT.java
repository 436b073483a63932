package org.permitwatch.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.permitwatch.identity.user.UserAccount;
import org.permitwatch.support.security.Role;
import tools.jackson.databind.JsonNode;

/** The admin API's division rules, problems, paging, password policy and history, and audit in one transaction. */
@IdentityIntegrationTest
class AdminIT extends IdentityItSupport {

    static final String STRONG = "Xiaodian-Officer-2027";

    Map<String, Object> newUser(String username, String role, String division) {
        Map<String, Object> body =
                map("username", username, "displayName", "新用户", "role", role, "division", division, "password", STRONG);
        if (role.equals("INSPECTOR")) {
            body.put("inspectorId", "insp-" + username);
        }
        return body;
    }

    @Test
    void aCityManagesItsCountiesAndInspectorsOnly() throws Exception {
        String taiyuan = cliToken("CITY", "140100");
        JsonNode county = ok(call("POST", "/api/v1/users", taiyuan, newUser("xd-new", "COUNTY", "140105")), 201);
        assertThat(county.get("mustChangePassword").asBoolean()).isTrue();
        assertThat(county.get("createdBy").asString()).isEqualTo("city-140100");
        assertThat(county.has("passwordHash")).isFalse();
        JsonNode inspector = ok(call("POST", "/api/v1/users", taiyuan, newUser("ty-insp", "INSPECTOR", "140100")), 201);
        assertThat(inspector.get("subject").asString()).isEqualTo("insp-ty-insp");

        // 140212 lies in 大同 (1402), not in 太原 (1401)
        JsonNode outside = ok(call("POST", "/api/v1/users", taiyuan, newUser("dt-x", "COUNTY", "140212")), 403);
        assertThat(outside.get("code").asString()).isEqualTo("outside-division");
        assertThat(outside.get("type").asString()).isEqualTo("urn:permitwatch:problem:outside-division");
        assertThat(outside.get("errors").get(0).get("field").asString()).isEqualTo("division");
        // a city does not create city administrators
        JsonNode above = ok(call("POST", "/api/v1/users", taiyuan, newUser("ty-x", "CITY", "140100")), 403);
        assertThat(above.get("errors").get(0).get("field").asString()).isEqualTo("role");

        // another city's user is not even found; the list shows only Taiyuan's
        UserAccount datong = user("dt-county", Role.COUNTY, "140212", null);
        ok(call("GET", "/api/v1/users/" + datong.id(), taiyuan, null), 404);
        ok(call("POST", "/api/v1/users/" + datong.id() + "/disable", taiyuan, null), 404);
        JsonNode list = ok(call("GET", "/api/v1/users?size=50", taiyuan, null), 200);
        List<String> names = new ArrayList<>();
        list.get("items").forEach(u -> names.add(u.get("username").asString()));
        // (other tests of this class add Taiyuan users too; none from elsewhere may appear)
        assertThat(names).contains("ty-insp", "xd-new").doesNotContain("dt-county");
        list.get("items").forEach(u -> assertThat(u.get("division").asString()).startsWith("1401"));
        list.get("items").forEach(u -> assertThat(u.get("role").asString()).isIn("COUNTY", "INSPECTOR"));
        // the province sees neither (they are not its to manage) but manages the city's administrators
        String province = cliToken("PROVINCE", "140000");
        UserAccount cityAdmin = user("ty-admin2", Role.CITY, "140100", null);
        JsonNode provinceList = ok(call("GET", "/api/v1/users", province, null), 200);
        List<String> provinceNames = new ArrayList<>();
        provinceList
                .get("items")
                .forEach(u -> provinceNames.add(u.get("username").asString()));
        assertThat(provinceNames).contains("ty-admin2").doesNotContain("xd-new", "ty-insp", "dt-county");
        ok(call("POST", "/api/v1/users/" + cityAdmin.id() + "/disable", province, null), 200);
        // a county and an inspector administer nobody
        ok(call("GET", "/api/v1/users", cliToken("COUNTY", "140105"), null), 403);
        // every change was audited in its own transaction, the refused ones left nothing behind
        List<String> actions = jdbc.sql(
                        "SELECT action || ':' || target FROM audit_event WHERE action LIKE 'user.%' AND target IN"
                                + " ('xd-new', 'ty-insp', 'dt-x', 'ty-x', 'ty-admin2', 'dt-county') ORDER BY id")
                .query(String.class)
                .list();
        assertThat(actions).containsExactly("user.create:xd-new", "user.create:ty-insp", "user.disable:ty-admin2");
        assertThat(users.findByUsername("dt-x")).isEmpty();
    }

    @Test
    void theUserListSortsOnTheServerByAWhitelistedField() throws Exception {
        // three city administrators of 阳泉 (140300): the filter role=CITY&division=140300 holds exactly these
        user("yq-b", Role.CITY, "140300", null);
        user("YQ-a", Role.CITY, "140300", null);
        user("yq-c", Role.CITY, "140300", null);
        String province = cliToken("PROVINCE", "140000");
        String base = "/api/v1/users?role=CITY&division=140300&sort=";
        // case-insensitive like sign-in: "YQ-a" < "yq-b" < "yq-c"
        assertThat(usernames(ok(call("GET", base + "username,asc", province, null), 200)))
                .containsExactly("YQ-a", "yq-b", "yq-c");
        assertThat(usernames(ok(call("GET", base + "username,desc", province, null), 200)))
                .containsExactly("yq-c", "yq-b", "YQ-a");
        // display names are "测试 " + username: they differ first at a / b / c, so byte order (C collation, where
        // 'Y' < 'y') and a linguistic collation agree
        assertThat(usernames(ok(call("GET", base + "displayName,asc", province, null), 200)))
                .containsExactly("YQ-a", "yq-b", "yq-c");
        assertThat(usernames(ok(call("GET", base + "displayName,desc", province, null), 200)))
                .containsExactly("yq-c", "yq-b", "YQ-a");
        // anything outside the whitelist is the caller's mistake, named
        for (String bad : List.of("password_hash,asc", "username", "username,up", "username;drop table x,asc")) {
            String encoded = java.net.URLEncoder.encode(bad, java.nio.charset.StandardCharsets.UTF_8);
            JsonNode problem = ok(call("GET", base + encoded, province, null), 400);
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("sort");
        }
    }

    private static List<String> usernames(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("items").forEach(u -> names.add(u.get("username").asString()));
        return names;
    }

    @Test
    void nobodyDisablesThemself() throws Exception {
        UserAccount me = user("sx-self", Role.PROVINCE, "140000", null);
        String myToken = ok(cliTokenResponse("role=PROVINCE&division=140000&sub=" + me.id()), 200)
                .get("access_token")
                .asString();
        JsonNode refused = ok(call("POST", "/api/v1/users/" + me.id() + "/disable", myToken, null), 403);
        assertThat(refused.get("code").asString()).isEqualTo("self-disable");
        assertThat(reload(me).enabled()).isTrue();
    }

    @Test
    void validationProblemsNameTheField() throws Exception {
        String taiyuan = cliToken("CITY", "140100");
        HttpResponse<String> weak = call(
                "POST",
                "/api/v1/users",
                taiyuan,
                map(
                        "username",
                        "xd-weak",
                        "displayName",
                        "x",
                        "role",
                        "COUNTY",
                        "division",
                        "140105",
                        "password",
                        "short1"));
        assertThat(weak.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode weakBody = ok(weak, 400);
        assertThat(weakBody.get("code").asString()).isEqualTo("validation-failed");
        assertThat(weakBody.get("errors").get(0).get("field").asString()).isEqualTo("password");
        // COUNTY at a city code: the token policy's RoleLevels refuses it
        JsonNode level = ok(call("POST", "/api/v1/users", taiyuan, newUser("xd-lvl", "COUNTY", "140100")), 400);
        assertThat(level.get("errors").get(0).get("field").asString()).isEqualTo("role");
        JsonNode noInspectorId = ok(
                call(
                        "POST",
                        "/api/v1/users",
                        taiyuan,
                        map(
                                "username",
                                "ty-i",
                                "displayName",
                                "x",
                                "role",
                                "INSPECTOR",
                                "division",
                                "140100",
                                "password",
                                STRONG)),
                400);
        assertThat(noInspectorId.get("errors").get(0).get("field").asString()).isEqualTo("inspectorId");
        JsonNode missing = ok(call("POST", "/api/v1/users", taiyuan, map("username", "a")), 400);
        List<String> fields = new ArrayList<>();
        missing.get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("displayName", "division", "password", "role", "username");
        ok(call("GET", "/api/v1/users?size=500", taiyuan, null), 400);
        ok(call("POST", "/api/v1/users", taiyuan, newUser("XD-Dup", "COUNTY", "140105")), 201);
        JsonNode dup = ok(call("POST", "/api/v1/users", taiyuan, newUser("xd-dup", "COUNTY", "140105")), 409);
        assertThat(dup.get("errors").get(0).get("field").asString()).isEqualTo("username");
        // a city system's token (area scopes) cannot administer
        String system = ok(cliTokenResponse("role=CITY&division=140100&scope=inspection:read"), 200)
                .get("access_token")
                .asString();
        ok(call("GET", "/api/v1/users", system, null), 403);
        // pii:read is no API area: a person allowed to read personal data still administers
        String withPii = ok(cliTokenResponse("role=CITY&division=140100&scope=pii:read"), 200)
                .get("access_token")
                .asString();
        ok(call("GET", "/api/v1/users", withPii, null), 200);
        // no token
        assertThat(api.send(
                                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "/api/v1/users"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void passwordHistoryRefusesTheLastFive() throws Exception {
        String taiyuan = cliToken("CITY", "140100");
        UserAccount user = user("xd-history", Role.COUNTY, "140105", null);
        String path = "/api/v1/users/" + user.id() + "/reset-password";
        // the current password is one of the last five
        JsonNode same = ok(call("POST", path, taiyuan, map("password", PASSWORD)), 400);
        assertThat(same.get("errors").get(0).get("field").asString()).isEqualTo("password");
        for (int i = 1; i <= 4; i++) {
            ok(call("POST", path, taiyuan, map("password", "Rotation-Pass-" + i)), 200);
        }
        // history now (newest first): Pass-4, Pass-3, Pass-2, Pass-1, PASSWORD — all five refused
        ok(call("POST", path, taiyuan, map("password", "Rotation-Pass-1")), 400);
        ok(call("POST", path, taiyuan, map("password", PASSWORD)), 400);
        ok(call("POST", path, taiyuan, map("password", "Rotation-Pass-5")), 200);
        // now PASSWORD is the sixth back: allowed again
        ok(call("POST", path, taiyuan, map("password", PASSWORD)), 200);
        assertThat(reload(user).mustChangePassword()).isTrue();
    }

    @Test
    void aNewUserChangesTheTemporaryPasswordAtFirstSignIn() throws Exception {
        String taiyuan = cliToken("CITY", "140100");
        ok(call("POST", "/api/v1/users", taiyuan, newUser("xd-first", "COUNTY", "140105")), 201);
        Browser browser = new Browser();
        String toLogin = browser.location(browser.get(authorizeUrl(Pkce.create(), "s")));
        String next = browser.location(browser.submit(toLogin, Map.of("username", "xd-first", "password", STRONG)));
        assertThat(next).endsWith("/auth/login/password");
        // not signed in yet: authorize still sends to the login page (and becomes the request to return to)
        Pkce second = Pkce.create();
        assertThat(browser.location(browser.get(authorizeUrl(second, "t")))).endsWith("/auth/login");
        // the same password again is refused (history), with the policy's message on the page
        HttpResponse<String> again = browser.submit(
                "/auth/login/password", Map.of("current", STRONG, "password", STRONG, "confirm", STRONG));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("不得与最近 5 次使用过的口令相同");
        HttpResponse<String> changed = browser.submit(
                "/auth/login/password",
                Map.of("current", STRONG, "password", "Brand-New-Secret-7", "confirm", "Brand-New-Secret-7"));
        String back = browser.location(changed);
        assertThat(back).contains("/auth/oauth2/authorize");
        Map<String, String> callback = callbackParameters(browser.location(browser.get(back)));
        assertThat(callback.get("state")).isEqualTo("t");
        JsonNode tokens = ok(exchange(callback.get("code"), second), 200);
        assertThat(claims(tokens.get("access_token").asString()).get("division").asString())
                .isEqualTo("140105");
        assertThat(users.findByUsername("xd-first").orElseThrow().mustChangePassword())
                .isFalse();
    }

    @Test
    void aPasswordHandedOverPrivatelyNeedNotBeChanged() throws Exception {
        Map<String, Object> body = newUser("ty-insp-demo", "INSPECTOR", "140100");
        body.put("mustChangePassword", false);
        JsonNode created = ok(call("POST", "/api/v1/users", cliToken("CITY", "140100"), body), 201);
        assertThat(created.get("mustChangePassword").asBoolean()).isFalse();
        Browser browser = new Browser();
        String next =
                browser.location(browser.submit("/auth/login", Map.of("username", "ty-insp-demo", "password", STRONG)));
        assertThat(next).endsWith("/auth/");
        assertThat(jdbc.sql("SELECT detail->>'mustChangePassword' FROM audit_event WHERE action = 'user.create'"
                                + " AND target = 'ty-insp-demo'")
                        .query(String.class)
                        .single())
                .isEqualTo("false");
    }

    @Test
    void auditIsReadByDivisionAndPaged() throws Exception {
        user("xd-audit", Role.COUNTY, "140105", null);
        user("dt-audit", Role.COUNTY, "140212", null);
        new Browser().submit("/auth/login", Map.of("username", "xd-audit", "password", "wrong"));
        new Browser().submit("/auth/login", Map.of("username", "dt-audit", "password", "wrong"));
        JsonNode taiyuan =
                ok(call("GET", "/api/v1/audit?outcome=FAILURE&size=10", cliToken("CITY", "140100"), null), 200);
        List<String> actors = new ArrayList<>();
        taiyuan.get("items").forEach(e -> actors.add(e.get("actor").asString()));
        assertThat(actors).contains("xd-audit").doesNotContain("dt-audit");
        assertThat(taiyuan.get("items").get(0).get("remoteAddress").asString()).isEqualTo("127.0.0.1");
        JsonNode province = ok(call("GET", "/api/v1/audit?outcome=FAILURE", cliToken("PROVINCE", "140000"), null), 200);
        List<String> provinceActors = new ArrayList<>();
        province.get("items").forEach(e -> provinceActors.add(e.get("actor").asString()));
        assertThat(provinceActors).contains("xd-audit", "dt-audit");
        ok(call("GET", "/api/v1/audit?outcome=MAYBE", cliToken("PROVINCE", "140000"), null), 400);
        ok(call("GET", "/api/v1/audit", cliToken("COUNTY", "140105"), null), 403);
    }

    @Test
    void missingOrBadTokensAreProblemsToo() throws Exception {
        // refused by the security chain before any controller: the same problem+json the document promises
        HttpResponse<String> none = api.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "/api/v1/users"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode problem = ok(none, 401);
        assertThat(none.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(problem.get("code").asString()).isEqualTo("unauthorized");
        assertThat(problem.get("type").asString()).isEqualTo("urn:permitwatch:problem:unauthorized");
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("instance").asString()).isEqualTo("/auth/api/v1/users");
        JsonNode bad = ok(call("GET", "/api/v1/users", "not-a-jwt", null), 401);
        assertThat(bad.get("code").asString()).isEqualTo("unauthorized");
        assertThat(bad.get("detail").asString()).isEqualTo("invalid bearer token");
    }

    @Test
    void openApiDocumentsTheOAuth2Scheme() throws Exception {
        HttpResponse<String> response = api.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "/v3/api-docs"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode doc = ok(response, 200);
        // platform-support's shared scheme (ADR 0020); the paths are the gateway's, under the /auth context path
        JsonNode scheme = doc.get("components").get("securitySchemes").get("oauth2");
        assertThat(scheme.get("type").asString()).isEqualTo("oauth2");
        assertThat(scheme.get("flows").get("authorizationCode").get("tokenUrl").asString())
                .isEqualTo("/auth/oauth2/token");
        assertThat(doc.get("paths").has("/auth/api/v1/users/{id}/disable")).isTrue();
        assertThat(doc.get("paths").has("/auth/login")).isFalse();
        assertThat(doc.get("servers").get(0).get("url").asString()).isEqualTo("/");
    }
}
