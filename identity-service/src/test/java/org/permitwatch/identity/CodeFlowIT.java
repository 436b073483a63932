package org.permitwatch.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.identity.user.UserAccount;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.totp.Base32;
import org.permitwatch.support.totp.Totp;
import tools.jackson.databind.JsonNode;

/** Authorization code + PKCE through the real sign-in pages, refresh rotation, a disabled user at refresh. */
@IdentityIntegrationTest
class CodeFlowIT extends IdentityItSupport {

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void cityAdminSignsInWithTotpAndGetsTheContractsClaims() throws Exception {
        byte[] secret = Totp.newSecret();
        UserAccount user = user("ty-flow", Role.CITY, "140100", secret);
        JsonNode tokens = signInWithConsole(new Browser(), "ty-flow", secret);

        JsonNode access = claims(tokens.get("access_token").asString());
        assertThat(access.get("iss").asString()).isEqualTo(IdentityIntegrationTest.ISSUER);
        assertThat(access.get("sub").asString()).isEqualTo(user.id().toString());
        // One audience: Nimbus writes it as a string, which RFC 7519 §4.1.3 allows and Spring reads as a list.
        assertThat(
                        access.get("aud").isArray()
                                ? access.get("aud").get(0).asString()
                                : access.get("aud").asString())
                .isEqualTo("permitwatch");
        assertThat(access.get("roles").toString()).isEqualTo("[\"CITY\"]");
        assertThat(access.get("division").asString()).isEqualTo("140100");
        assertThat(access.get("name").asString()).isEqualTo("测试 ty-flow");
        assertThat(access.get("client_id").asString()).isEqualTo(CONSOLE);
        assertThat(access.get("scope").isArray()).isTrue();
        // users: 10 minutes = 600 s between iat and exp
        assertThat(access.get("exp").asLong() - access.get("iat").asLong()).isEqualTo(600);
        assertThat(tokens.get("refresh_token")).isNotNull();
        JsonNode id = claims(tokens.get("id_token").asString());
        assertThat(
                        id.get("aud").isArray()
                                ? id.get("aud").get(0).asString()
                                : id.get("aud").asString())
                .isEqualTo(CONSOLE);
        assertThat(id.get("sub").asString()).isEqualTo(user.id().toString());
        // the sign-in is audited with the address it came from
        List<String> audit = jdbc.sql("SELECT action || ':' || outcome || ':' || coalesce(remote_address, '-')"
                        + " FROM audit_event WHERE actor = 'ty-flow' ORDER BY id")
                .query(String.class)
                .list();
        assertThat(audit).contains("signin.password:SUCCESS:127.0.0.1", "signin.complete:SUCCESS:127.0.0.1");
        // the sign-in session lives in PostgreSQL with the 15-minute idle timeout (15 × 60 = 900 s)
        assertThat(jdbc.sql("SELECT max_inactive_interval FROM spring_session WHERE principal_name = 'ty-flow'")
                        .query(Integer.class)
                        .list())
                .containsOnly(900);
    }

    @Test
    void inspectorsSubIsTheInspectorDirectoryId() throws Exception {
        user("insp-flow", Role.INSPECTOR, "140105", null);
        JsonNode tokens = signInWithConsole(new Browser(), "insp-flow", null);
        assertThat(claims(tokens.get("access_token").asString()).get("sub").asString())
                .isEqualTo("insp-insp-flow");
    }

    @Test
    void pkceIsRequiredAndTheVerifierMustMatch() throws Exception {
        user("xd-pkce", Role.COUNTY, "140105", null);
        Browser browser = new Browser();
        // Without a code challenge the console's request is refused back at the redirect URI (RFC 6749 §4.1.2.1).
        String noPkce = base() + "/oauth2/authorize?"
                + form(Map.of(
                        "response_type", "code",
                        "client_id", CONSOLE,
                        "redirect_uri", CONSOLE_REDIRECT,
                        "scope", "openid",
                        "state", "s1"));
        HttpResponse<String> refused = browser.get(noPkce);
        String location = browser.location(refused);
        assertThat(callbackParameters(location)).containsEntry("error", "invalid_request");

        Pkce pkce = Pkce.create();
        String toLogin = browser.location(browser.get(authorizeUrl(pkce, "s2")));
        String next = browser.location(browser.submit(toLogin, Map.of("username", "xd-pkce", "password", PASSWORD)));
        String code = callbackParameters(browser.location(browser.get(next))).get("code");
        HttpResponse<String> wrong = exchange(code, Pkce.create());
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(json.readTree(wrong.body()).get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void refreshRotatesAndTheOldRefreshTokenIsRefused() throws Exception {
        user("xd-refresh", Role.COUNTY, "140105", null);
        JsonNode first = signInWithConsole(new Browser(), "xd-refresh", null);
        String oldRefresh = first.get("refresh_token").asString();
        JsonNode second = ok(refresh(oldRefresh), 200);
        String newRefresh = second.get("refresh_token").asString();
        assertThat(newRefresh).isNotEqualTo(oldRefresh);
        assertThat(claims(second.get("access_token").asString()).get("division").asString())
                .isEqualTo("140105");
        HttpResponse<String> reused = refresh(oldRefresh);
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(json.readTree(reused.body()).get("error").asString()).isEqualTo("invalid_grant");
        ok(refresh(newRefresh), 200);
    }

    @Test
    void aDisabledUserIsRefusedAtRefresh() throws Exception {
        UserAccount user = user("xd-disabled", Role.COUNTY, "140105", null);
        JsonNode tokens = signInWithConsole(new Browser(), "xd-disabled", null);
        String refreshToken = tokens.get("refresh_token").asString();
        // Disabled behind the provider's back (no revocation): the token customizer's check alone must refuse.
        jdbc.sql("UPDATE user_account SET enabled = false WHERE id = :id")
                .param("id", user.id())
                .update();
        HttpResponse<String> refused = refresh(refreshToken);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void aLockedUserIsRefusedAtRefreshAndUserInfoAnswersWithTheSameSubject() throws Exception {
        UserAccount user = user("xd-locked", Role.COUNTY, "140105", null);
        JsonNode tokens = signInWithConsole(new Browser(), "xd-locked", null);
        HttpResponse<String> info = api.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "/userinfo"))
                        .header(
                                "Authorization",
                                "Bearer " + tokens.get("access_token").asString())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok(info, 200).get("sub").asString()).isEqualTo(user.id().toString());
        jdbc.sql("UPDATE user_account SET locked_until = :until WHERE id = :id")
                .param("until", java.sql.Timestamp.from(clock.instant().plusSeconds(900)))
                .param("id", user.id())
                .update();
        HttpResponse<String> refused = refresh(tokens.get("refresh_token").asString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void disablingThroughTheAdminApiRevokesTheRefreshToken() throws Exception {
        UserAccount user = user("xd-revoked", Role.COUNTY, "140105", null);
        JsonNode tokens = signInWithConsole(new Browser(), "xd-revoked", null);
        String city = cliToken("CITY", "140100");
        ok(call("POST", "/api/v1/users/" + user.id() + "/disable", city, null), 200);
        assertThat(jdbc.sql("SELECT count(*) FROM oauth2_authorization WHERE principal_name = 'xd-revoked'")
                        .query(Long.class)
                        .single())
                .isZero();
        HttpResponse<String> refused = refresh(tokens.get("refresh_token").asString());
        assertThat(refused.statusCode()).isEqualTo(400);
        // and the user can no longer sign in
        Browser browser = new Browser();
        String toLogin = browser.location(browser.get(authorizeUrl(Pkce.create(), "s")));
        String after =
                browser.location(browser.submit(toLogin, Map.of("username", "xd-revoked", "password", PASSWORD)));
        assertThat(after).endsWith("/auth/login?disabled");
    }

    @Test
    void aCityAdminWithoutTotpEnrolsFirst() throws Exception {
        UserAccount user = user("ty-enrol", Role.CITY, "140100", null);
        Browser browser = new Browser();
        Pkce pkce = Pkce.create();
        String toLogin = browser.location(browser.get(authorizeUrl(pkce, "s")));
        String next = browser.location(browser.submit(toLogin, Map.of("username", "ty-enrol", "password", PASSWORD)));
        assertThat(next).endsWith("/auth/login/totp/enroll");
        HttpResponse<String> page = browser.get(next);
        Matcher m = Pattern.compile("class=\"secret\">([A-Z2-7 ]+)<").matcher(page.body());
        assertThat(m.find()).as(page.body()).isTrue();
        byte[] secret = Base32.decode(m.group(1));
        // A wrong first code is a failure like a wrong password.
        String wrong = totpNow(secret).equals("000000") ? "111111" : "000000";
        Map<String, String> fields = Map.of("code", wrong, "_csrf", csrf(page.body()));
        assertThat(browser.location(browser.post(next, fields))).endsWith("/auth/login/totp/enroll?error");
        assertThat(reload(user).failedAttempts()).isEqualTo(1);
        String back = browser.location(browser.submit(next, Map.of("code", totpNow(secret))));
        assertThat(back).contains("/auth/oauth2/authorize");
        String code = callbackParameters(browser.location(browser.get(back))).get("code");
        ok(exchange(code, pkce), 200);
        UserAccount enrolled = reload(user);
        assertThat(enrolled.totpEnrolled()).isTrue();
        assertThat(enrolled.failedAttempts()).isZero();
        assertThat(totpSecrets.open(user.id(), enrolled.totpSecretSealed())).isEqualTo(secret);
    }

    @Test
    void logoutAndRevoke() throws Exception {
        user("xd-logout", Role.COUNTY, "140105", null);
        JsonNode tokens = signInWithConsole(new Browser(), "xd-logout", null);
        // RFC 7009 revocation by the public client with its id alone
        HttpResponse<String> revoked = api.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "/oauth2/revoke"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form(Map.of(
                                "token",
                                tokens.get("refresh_token").asString(),
                                "token_type_hint",
                                "refresh_token",
                                "client_id",
                                CONSOLE))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(refresh(tokens.get("refresh_token").asString()).statusCode()).isEqualTo(400);
        // OIDC RP-initiated logout with the ID token as hint
        Browser browser = new Browser();
        JsonNode again = signInWithConsole(browser, "xd-logout", null);
        HttpResponse<String> logout = browser.get(base() + "/connect/logout?"
                + form(Map.of(
                        "id_token_hint",
                        again.get("id_token").asString(),
                        "post_logout_redirect_uri",
                        CONSOLE_REDIRECT,
                        "state",
                        "bye")));
        assertThat(browser.location(logout)).startsWith(CONSOLE_REDIRECT);
        // signed out: the next authorize goes to the login page again
        assertThat(browser.location(browser.get(authorizeUrl(Pkce.create(), "s"))))
                .endsWith("/auth/login");
    }
}
