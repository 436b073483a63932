package org.permitwatch.systemtest;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * A person signing in as the web console does (issue 15): authorization code + PKCE (S256) with the public client
 * {@code permitwatch-console}, every step through the gateway with a plain {@link HttpClient} and a cookie jar —
 * GET the authorize URL → the provider's login page, the CSRF token from its form, POST the credentials, the TOTP
 * step when the user has one (the code computed from the secret run.sh wrote), back to the saved authorize request,
 * the redirect to the callback with the code (not followed: the console page there trades it in a browser, which
 * console/e2e tests), and the code exchanged with the verifier. The {@link Session} refreshes its access token
 * (10 min) with the rotating refresh token, so a signed-in actor lasts the whole run like a person keeping the
 * console open.
 */
final class SignIn {

    static final String CONSOLE = "permitwatch-console";
    private static final Pattern CSRF =
            Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_REDIRECTS = 10;

    private final String gateway;
    private final String redirectUri;
    /** Passwords a user had to change at the first sign-in (an administrator set the initial one): username → new. */
    private final Map<String, String> changed = new java.util.concurrent.ConcurrentHashMap<>();

    SignIn(String gatewayUrl) {
        this.gateway = gatewayUrl;
        this.redirectUri = gatewayUrl + "/console/callback";
    }

    /** What the person knows: username, password and, for administrators, the TOTP secret (base32) of their app. */
    record Credentials(String username, String password, String totpSecret, boolean piiRead) {}

    /** Signs in and returns the session (access and refresh token). */
    Session signIn(Credentials who) {
        return new Session(who, flow(who));
    }

    /** One signed-in person: {@link #accessToken()} is always valid for at least another minute. */
    final class Session {
        private final Credentials who;
        private JsonNode tokens;
        private Instant expiresAt;

        private Session(Credentials who, JsonNode tokens) {
            this.who = who;
            accept(tokens);
        }

        synchronized String accessToken() {
            if (Instant.now().isAfter(expiresAt.minusSeconds(60))) {
                refresh();
            }
            return tokens.get("access_token").asString();
        }

        /** The token's {@code sub} (the user's id; for an inspector the inspector-directory id). */
        String subject() {
            return claims(accessToken()).get("sub").asString();
        }

        private void refresh() {
            RuntimeException last = null;
            // A drill may just have restarted PostgreSQL or the provider: a few tries before signing in again.
            for (int attempt = 0; attempt < 5; attempt++) {
                HttpResponse<String> reply = post(
                        gateway + "/auth/oauth2/token",
                        form(Map.of(
                                "grant_type",
                                "refresh_token",
                                "refresh_token",
                                tokens.get("refresh_token").asString(),
                                "client_id",
                                CONSOLE)));
                if (reply.statusCode() == 200) {
                    accept(Api.JSON.readTree(reply.body()));
                    return;
                }
                last = new IllegalStateException(
                        who.username() + ": refresh refused: " + reply.statusCode() + " " + reply.body());
                if (reply.statusCode() == 400) {
                    break; // invalid_grant: the refresh token is gone (idle timeout); a new sign-in follows.
                }
                sleep(Duration.ofSeconds(2));
            }
            System.out.println("[system-test] " + last.getMessage() + "; signing in again");
            accept(flow(who));
        }

        private void accept(JsonNode answer) {
            if (answer.get("refresh_token") == null) {
                throw new IllegalStateException("the provider issued no refresh token to the console: " + answer);
            }
            tokens = answer;
            expiresAt = Instant.now().plusSeconds(answer.get("expires_in").asLong());
        }
    }

    // ------------------------------------------------------------------------------------------------- the flow

    private JsonNode flow(Credentials who) {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        String verifier = random(32);
        String state = random(16);
        String authorize = gateway + "/auth/oauth2/authorize?"
                + form(new LinkedHashMap<>(Map.of(
                        "response_type",
                        "code",
                        "client_id",
                        CONSOLE,
                        "redirect_uri",
                        redirectUri,
                        "scope",
                        who.piiRead() ? "openid profile pii:read" : "openid profile",
                        "state",
                        state,
                        "code_challenge",
                        challenge(verifier),
                        "code_challenge_method",
                        "S256")));
        // Unauthenticated: the provider saves the authorize request and shows its login page.
        Page page = follow(browser, get(browser, authorize));
        expectForm(who, page, "/auth/login");
        String password = changed.getOrDefault(who.username(), who.password());
        page = follow(
                browser,
                postForm(
                        browser,
                        gateway + "/auth/login",
                        Map.of("username", who.username(), "password", password, "_csrf", csrf(who, page))));
        if (page.uri().getPath().equals("/auth/login/password")) {
            // An initial password set by an administrator must be replaced before the first sign-in completes.
            String fresh = new StringBuilder(password).reverse() + "-N2";
            page = follow(
                    browser,
                    postForm(
                            browser,
                            gateway + "/auth/login/password",
                            Map.of(
                                    "current",
                                    password,
                                    "password",
                                    fresh,
                                    "confirm",
                                    fresh,
                                    "_csrf",
                                    csrf(who, page))));
            changed.put(who.username(), fresh);
        }
        if (page.uri().getPath().startsWith("/auth/login/totp")) {
            if (page.uri().getPath().contains("enroll") || who.totpSecret() == null) {
                throw new IllegalStateException(who.username() + " was asked to enrol TOTP: " + page);
            }
            page = follow(
                    browser,
                    postForm(
                            browser,
                            gateway + "/auth/login/totp",
                            Map.of(
                                    "code",
                                    TotpCodes.next(who.username(), who.totpSecret()),
                                    "_csrf",
                                    csrf(who, page))));
        }
        if (page.code() == null && page.uri().getPath().startsWith("/auth/login")) {
            throw new IllegalStateException(who.username() + ": the provider refused the sign-in: " + page);
        }
        if (page.code() == null) {
            throw new IllegalStateException(who.username() + ": the sign-in did not end at the callback: " + page);
        }
        if (!state.equals(page.state())) {
            throw new IllegalStateException(who.username() + ": the callback's state is not ours: " + page.uri());
        }
        HttpResponse<String> exchanged = post(
                gateway + "/auth/oauth2/token",
                form(Map.of(
                        "grant_type", "authorization_code",
                        "code", page.code(),
                        "redirect_uri", redirectUri,
                        "client_id", CONSOLE,
                        "code_verifier", verifier)));
        if (exchanged.statusCode() != 200) {
            throw new IllegalStateException(
                    who.username() + ": code exchange refused: " + exchanged.statusCode() + " " + exchanged.body());
        }
        return Api.JSON.readTree(exchanged.body());
    }

    /** Where a redirect chain ended: a page (status, URI, body) or the callback with its code. */
    record Page(int status, URI uri, String body, String code, String state) {
        @Override
        public String toString() {
            return status + " " + uri + " " + (body.length() > 400 ? body.substring(0, 400) + "…" : body);
        }
    }

    /** Follows redirects through the gateway until a page is shown or the callback is reached (not requested). */
    private Page follow(HttpClient browser, HttpResponse<String> response) {
        for (int hops = 0; hops < MAX_REDIRECTS; hops++) {
            int status = response.statusCode();
            if (status < 300 || status >= 400) {
                return new Page(status, response.uri(), response.body(), null, null);
            }
            String location = response.headers().firstValue("Location").orElseThrow();
            URI next = response.uri().resolve(location);
            if (next.toString().startsWith(redirectUri)) {
                Map<String, String> query = query(next);
                if (query.containsKey("error")) {
                    throw new IllegalStateException("the provider answered the callback with " + query);
                }
                return new Page(status, next, "", query.get("code"), query.get("state"));
            }
            // Every page of the flow must stay behind the gateway (the provider builds absolute redirects from the
            // Host the gateway preserves): a redirect to the provider's own port would bypass the gateway.
            URI base = URI.create(gateway);
            if (next.getPort() != base.getPort() || !next.getPath().startsWith("/auth")) {
                throw new IllegalStateException("redirected away from the gateway's /auth: " + next);
            }
            // localhost and 127.0.0.1 are the same gateway; the cookie jar keys them apart.
            response = get(
                    browser,
                    gateway + next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery()));
        }
        throw new IllegalStateException("more than " + MAX_REDIRECTS + " redirects");
    }

    private static void expectForm(Credentials who, Page page, String path) {
        if (page.status() != 200 || !page.uri().getPath().equals(path)) {
            throw new IllegalStateException(who.username() + ": expected the form at " + path + ", got " + page);
        }
    }

    private static String csrf(Credentials who, Page page) {
        Matcher m = CSRF.matcher(page.body());
        if (!m.find()) {
            throw new IllegalStateException(who.username() + ": no _csrf field on " + page);
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    // ------------------------------------------------------------------------------------------------- HTTP

    /** As a browser asks: for HTML (the provider answers an API caller 401 instead of showing its login page). */
    private static HttpResponse<String> get(HttpClient browser, String url) {
        return send(
                browser,
                HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "text/html")
                        .GET());
    }

    private static HttpResponse<String> postForm(HttpClient browser, String url, Map<String, String> fields) {
        return send(
                browser,
                HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "text/html")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    /** A call without the browser's cookies (the token endpoint: the code and the verifier are the proof). */
    private static HttpResponse<String> post(String url, String body) {
        return send(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Sends, waiting out the gateway's per-address budget (429 + Retry-After) as a browser user would. */
    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        for (int attempt = 0; ; attempt++) {
            try {
                HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 429 || attempt >= 20) {
                    return response;
                }
                sleep(Duration.ofSeconds(Long.parseLong(
                        response.headers().firstValue("Retry-After").orElse("1"))));
            } catch (IOException e) {
                throw new IllegalStateException(built.method() + " " + built.uri() + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                out.put(
                        java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------- PKCE, JWT

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** RFC 7636 S256: BASE64URL(SHA-256(ASCII(verifier))). */
    static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a JWT (not verified: the platform verifies; the harness only reads what it was given). */
    static JsonNode claims(String jwt) {
        String payload = jwt.split("\\.")[1];
        return Api.JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
