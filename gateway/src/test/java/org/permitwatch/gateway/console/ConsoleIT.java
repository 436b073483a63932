package org.permitwatch.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.gateway.GatewayClients;
import org.permitwatch.gateway.GatewayIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway serves the console module's real build (the jar on its class path) at /console/: public, under the
 * strict CSP, deep links answered with index.html, a missing file 404 (ADR 0021). The field app (ADR 0025) likewise at
 * /field/, with what an installable offline app needs: its service worker and manifest served as browsers want them.
 */
@GatewayIntegrationTest
class ConsoleIT {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
            + "object-src 'none'";

    static final String FIELD_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; manifest-src 'self'; "
            + "worker-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        client = GatewayClients.unpooled(port);
    }

    @Test
    void indexIsServedWithoutTokenUnderTheStrictPolicy() {
        EntityExchangeResult<String> index = page("/console/");

        assertThat(index.getResponseHeaders().getFirst("Content-Security-Policy"))
                .isEqualTo(CSP);
        assertThat(index.getResponseHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(index.getResponseHeaders().getCacheControl()).isEqualTo("no-cache");
        String html = index.getResponseBody();
        assertThat(html).contains("<div id=\"app\"></div>");
        // script-src 'self' would block an inline script: the build must have none.
        List<String> scripts = Pattern.compile("<script[^>]*>")
                .matcher(html)
                .results()
                .map(m -> m.group())
                .toList();
        assertThat(scripts).isNotEmpty().allSatisfy(tag -> assertThat(tag).contains("src=\"/console/assets/"));
    }

    @Test
    void deepLinkFallsBackToIndex() {
        String index = page("/console/").getResponseBody();

        EntityExchangeResult<String> deep = page("/console/directory/91140100MA0GRXXX1X001P");

        assertThat(deep.getResponseBody()).isEqualTo(index);
        assertThat(deep.getResponseHeaders().getFirst("Content-Security-Policy"))
                .isEqualTo(CSP);
        assertThat(page("/console/callback?code=abc&state=xyz").getResponseBody())
                .isEqualTo(index);
    }

    @Test
    void assetsAreServedAndKeptByTheBrowser() {
        Matcher entry = Pattern.compile("src=\"(/console/assets/[^\"]+\\.js)\"")
                .matcher(page("/console/").getResponseBody());
        assertThat(entry.find()).isTrue();

        client.get()
                .uri(entry.group(1))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith("text/javascript")
                .expectHeader()
                .cacheControl(org.springframework.http.CacheControl.maxAge(Duration.ofDays(365))
                        .cachePublic()
                        .immutable())
                .expectHeader()
                .valueEquals("Content-Security-Policy", CSP);
    }

    @Test
    void unknownFileIsNotFound() {
        client.get()
                .uri("/console/assets/missing-0000.js")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.NOT_FOUND)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        // On the class path but not the console's: never served from here.
        client.get().uri("/console/application.yml").exchange().expectStatus().isNotFound();
    }

    @Test
    void fieldAppIsServedUnderItsOwnPolicyWithDeepLinks() {
        EntityExchangeResult<String> index = page("/field/");

        assertThat(index.getResponseHeaders().getFirst("Content-Security-Policy"))
                .isEqualTo(FIELD_CSP);
        assertThat(index.getResponseHeaders().getCacheControl()).isEqualTo("no-cache");
        String html = index.getResponseBody();
        assertThat(html)
                .contains("<div id=\"app\"></div>")
                .contains("rel=\"manifest\" href=\"/field/manifest.webmanifest\"");
        List<String> scripts = Pattern.compile("<script[^>]*>")
                .matcher(html)
                .results()
                .map(m -> m.group())
                .toList();
        // No inline script (script-src 'self'), and nothing of the console's: the field app is its own small build.
        assertThat(scripts)
                .isNotEmpty()
                .allSatisfy(tag -> assertThat(tag).containsPattern("src=\"/field/[^\"]+\\.js\""));
        assertThat(html).doesNotContain("/console/");
        assertThat(page("/field/task/5b8e0f4e-0000-4000-8000-000000000001").getResponseBody())
                .isEqualTo(html);
        assertThat(page("/field/callback?code=abc&state=xyz").getResponseBody()).isEqualTo(html);
        client.get()
                .uri("/field")
                .exchange()
                .expectStatus()
                .isPermanentRedirect()
                .expectHeader()
                .location("http://127.0.0.1:" + port + "/field/");
    }

    @Test
    void fieldServiceWorkerIsNeverCachedAndScopedToTheFieldApp() {
        client.get()
                .uri("/field/sw.js")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith("text/javascript")
                // A long-cached worker would stick to the phones: the browser must revalidate it every time.
                .expectHeader()
                .cacheControl(CacheControl.noCache())
                .expectHeader()
                .valueEquals("Service-Worker-Allowed", "/field/")
                .expectHeader()
                .valueEquals("Content-Security-Policy", FIELD_CSP);
        // The console has no worker, and the field's worker is not the console's to serve.
        client.get().uri("/console/sw.js").exchange().expectStatus().isNotFound();
    }

    @Test
    void fieldManifestHasItsContentTypeScopeAndServedIcons() {
        String manifest = client.get()
                .uri("/field/manifest.webmanifest")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("application/manifest+json")
                .expectHeader()
                .cacheControl(CacheControl.noCache())
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        JsonNode json = JsonMapper.builder().build().readTree(manifest);
        assertThat(json.get("scope").asString()).isEqualTo("/field/");
        assertThat(json.get("start_url").asString()).isEqualTo("/field/");
        assertThat(json.get("display").asString()).isEqualTo("standalone");
        List<String> sizes = new ArrayList<>();
        for (JsonNode icon : json.get("icons")) {
            sizes.add(icon.get("sizes").asString());
            client.get()
                    .uri(icon.get("src").asString())
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .contentType(MediaType.IMAGE_PNG);
        }
        // Chromium's installability check wants a 192 px and a 512 px icon.
        assertThat(sizes).contains("192x192", "512x512");
    }

    @Test
    void bareConsolePathRedirectsToTheSlash() {
        client.get()
                .uri("/console")
                .exchange()
                .expectStatus()
                .isPermanentRedirect()
                .expectHeader()
                .location("http://127.0.0.1:" + port + "/console/");
    }

    @Test
    void theProvidersSignInPagesLetABrowserPostItsForms() {
        // Under Referrer-Policy no-referrer (Spring's default) Chromium sends "Origin: null" with a form POST and the
        // gateway's CORS check refused the sign-in (403 cors-rejected): the provider's pages say same-origin.
        client.get().uri("/auth/login/totp").exchange().expectHeader().valueEquals("Referrer-Policy", "same-origin");
        client.post()
                .uri("/auth/login/totp")
                .header(HttpHeaders.ORIGIN, "http://127.0.0.1:" + port)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("code=123456")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void apiStillNeedsAToken() {
        // The console's open door must not open the API next to it.
        client.get().uri("/api/v1/directory/units").exchange().expectStatus().isUnauthorized();
    }

    private EntityExchangeResult<String> page(String path) {
        return client.get()
                .uri(path)
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .returnResult();
    }
}
