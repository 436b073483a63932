package org.permitwatch.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.permitwatch.identity.user.Passwords;
import org.permitwatch.identity.user.TotpSecrets;
import org.permitwatch.identity.user.UserAccount;
import org.permitwatch.identity.user.UserRepository;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.totp.Totp;
import org.permitwatch.testsupport.SettableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the identity ITs share: a real HTTP client per "browser" (cookies, no automatic redirects, so every hop is
 * seen), the sign-in walk through the HTML forms (CSRF token read from the page), tokens from the local CLI, and
 * users written straight into the database as fixtures.
 */
public abstract class IdentityItSupport {

    public static final String CONSOLE = "permitwatch-console";
    public static final String CONSOLE_REDIRECT = "http://127.0.0.1:9/console/callback";
    public static final String PASSWORD = "Correct-Horse-9";

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    protected int port;

    @Autowired
    protected UserRepository users;

    @Autowired
    protected Passwords passwords;

    @Autowired
    protected TotpSecrets totpSecrets;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected SettableClock clock;

    protected final JsonMapper json = JsonMapper.builder().build();
    protected final HttpClient api =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    protected String base() {
        return "http://127.0.0.1:" + port + "/auth";
    }

    // ------------------------------------------------------------------------------------------------ fixtures

    /** A user written straight to the database (password {@link #PASSWORD}); a TOTP secret if given. */
    protected UserAccount user(String username, Role role, String division, byte[] totpSecret) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        UserAccount u = new UserAccount(
                id,
                username,
                "测试 " + username,
                role,
                DivisionCode.of(division),
                role == Role.INSPECTOR ? "insp-" + username : null,
                null,
                null,
                false,
                passwords.hash(PASSWORD),
                now,
                false,
                totpSecret == null ? null : totpSecrets.seal(id, totpSecret),
                false,
                true,
                0,
                null,
                null,
                now,
                "test",
                now,
                "test",
                0);
        users.insert(u);
        return u;
    }

    protected UserAccount reload(UserAccount u) {
        return users.findById(u.id()).orElseThrow();
    }

    protected String totpNow(byte[] secret) {
        return Totp.code(secret, Totp.step(clock.instant()), Totp.SHA1, 6);
    }

    // ------------------------------------------------------------------------------------------------ tokens

    /** A token from permitwatch-local-cli with the given form parameters (role, division, ttl, scope, ...). */
    protected HttpResponse<String> cliTokenResponse(String form) throws Exception {
        String basic = Base64.getEncoder()
                .encodeToString(("permitwatch-local-cli:" + IdentityIntegrationTest.CLI_SECRET)
                        .getBytes(StandardCharsets.UTF_8));
        return api.send(
                HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&" + form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected String cliToken(String role, String division) throws Exception {
        HttpResponse<String> response = cliTokenResponse("role=" + role + "&division=" + division + "&ttl=1h");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("access_token").asString();
    }

    protected HttpResponse<String> tokenRequest(Map<String, String> form, String basicAuth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
        if (basicAuth != null) {
            b.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(basicAuth.getBytes(StandardCharsets.UTF_8)));
        }
        return api.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The claims of a JWT (payload only; signature checks are the subject of KeyRotationIT). */
    protected JsonNode claims(String jwt) {
        return json.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    protected JsonNode header(String jwt) {
        return json.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
    }

    // ------------------------------------------------------------------------------------------------ admin API

    protected HttpResponse<String> call(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/problem+json");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        return api.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected JsonNode ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }

    // ------------------------------------------------------------------------------------------------ browser

    /** A browser: its own cookie jar, redirects followed by hand so the test sees each hop. */
    protected final class Browser {

        final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        public HttpResponse<String> get(String url) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create(absolute(url))).build(), HttpResponse.BodyHandlers.ofString());
        }

        public HttpResponse<String> post(String url, Map<String, String> fields) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create(absolute(url)))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form(fields)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** GETs the page, reads its CSRF token, POSTs the form with it; returns the POST's response. */
        public HttpResponse<String> submit(String page, Map<String, String> fields) throws Exception {
            HttpResponse<String> form = get(page);
            assertThat(form.statusCode()).as(page + " " + form.body()).isEqualTo(200);
            Map<String, String> all = new LinkedHashMap<>(fields);
            all.put("_csrf", csrf(form.body()));
            return post(page, all);
        }

        public String location(HttpResponse<String> response) {
            assertThat(response.statusCode())
                    .as("redirect expected: " + response.body())
                    .isEqualTo(302);
            return response.headers().firstValue("Location").orElseThrow();
        }
    }

    /** An authorization request with PKCE S256 (RFC 7636 §4.2: challenge = BASE64URL(SHA256(verifier))). */
    protected record Pkce(String verifier, String challenge) {
        static Pkce create() throws Exception {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(hash));
        }
    }

    protected String authorizeUrl(Pkce pkce, String state) {
        return base() + "/oauth2/authorize?"
                + form(Map.of(
                        "response_type",
                        "code",
                        "client_id",
                        CONSOLE,
                        "redirect_uri",
                        CONSOLE_REDIRECT,
                        "scope",
                        "openid profile",
                        "state",
                        state,
                        "code_challenge",
                        pkce.challenge(),
                        "code_challenge_method",
                        "S256"));
    }

    /** The query parameters of a redirect to the console's callback. */
    protected Map<String, String> callbackParameters(String location) {
        assertThat(location).startsWith(CONSOLE_REDIRECT);
        String query = URI.create(location).getRawQuery();
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return out;
    }

    protected HttpResponse<String> exchange(String code, Pkce pkce) throws Exception {
        return tokenRequest(
                Map.of(
                        "grant_type", "authorization_code",
                        "code", code,
                        "redirect_uri", CONSOLE_REDIRECT,
                        "client_id", CONSOLE,
                        "code_verifier", pkce.verifier()),
                null);
    }

    protected HttpResponse<String> refresh(String refreshToken) throws Exception {
        return tokenRequest(
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", CONSOLE), null);
    }

    /**
     * The whole browser walk of the console: authorize → login page → password → (TOTP) → authorize → callback with
     * a code → token exchange with the verifier. Returns the token response.
     */
    protected JsonNode signInWithConsole(Browser browser, String username, byte[] totpSecret) throws Exception {
        Pkce pkce = Pkce.create();
        String state = UUID.randomUUID().toString();
        String toLogin = browser.location(browser.get(authorizeUrl(pkce, state)));
        assertThat(toLogin).endsWith("/auth/login");
        String next = browser.location(browser.submit(toLogin, Map.of("username", username, "password", PASSWORD)));
        if (totpSecret != null) {
            assertThat(next).endsWith("/auth/login/totp");
            next = browser.location(browser.submit(next, Map.of("code", totpNow(totpSecret))));
        }
        assertThat(next).contains("/auth/oauth2/authorize");
        String callback = browser.location(browser.get(next));
        Map<String, String> params = callbackParameters(callback);
        assertThat(params.get("state")).isEqualTo(state);
        return ok(exchange(params.get("code"), pkce), 200);
    }

    protected String absolute(String url) {
        return url.startsWith("http") ? url : "http://127.0.0.1:" + port + url;
    }

    static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("no CSRF token in the page").isTrue();
        return m.group(1);
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    protected static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
