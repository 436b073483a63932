package org.permitwatch.devstack;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * run.sh's demo seed (issue 15): registers the demo inspectors of {@code demo-inspectors.json} in inspection-service
 * through the gateway, then creates their INSPECTOR users through the identity provider's admin API, each with the
 * registered inspector's id as {@code inspectorId} (the token's {@code sub}, what inspection-service knows them by).
 * Idempotent across restarts: an inspector already registered (same 执法证号 in the city) is found, not registered
 * again; a user that exists is left as it is.
 * <pre>
 * DemoSeed --gateway http://127.0.0.1:8080 --identity http://127.0.0.1:8085 --cli-secret-file .local/keys/identity-cli.secret
 *          --inspectors .local/keys/demo-inspectors.json
 * </pre>
 * Both calls use a CITY token of Taiyuan (140100) from the local-cli client: a city registers its counties'
 * inspectors and manages their users.
 */
public final class DemoSeed {

    static final String CITY = "140100";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    private final String identity;
    private final String cliSecret;

    DemoSeed(String gateway, String identity, String cliSecret) {
        this.gateway = gateway;
        this.identity = identity;
        this.cliSecret = cliSecret;
    }

    public static void main(String[] args) throws Exception {
        try {
            CommandLine line = CommandLine.parse(args, false);
            // The secret comes from a file, never from the command line (world-readable in ps).
            String secret = Files.readString(Path.of(line.require("cli-secret-file")), StandardCharsets.UTF_8)
                    .strip();
            DemoSeed seed = new DemoSeed(line.require("gateway"), line.require("identity"), secret);
            for (String outcome :
                    seed.run(Files.readString(Path.of(line.require("inspectors")), StandardCharsets.UTF_8))) {
                System.out.println(outcome);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    List<String> run(String inspectorsJson) throws IOException, InterruptedException, ParseException {
        String token = token("CITY", CITY, "demo-seed");
        List<Object> inspectors = JSONArrayUtils.parse(inspectorsJson);
        List<String> outcomes = new java.util.ArrayList<>();
        for (Object entry : inspectors) {
            Map<String, Object> inspector = cast(entry);
            String certificate = text(inspector, "certificateNo");
            String division = text(inspector, "division");
            String name = text(inspector, "displayName");
            String username = text(inspector, "username");
            String inspectorId = registeredInspector(token, certificate)
                    .orElseGet(() -> register(token, certificate, name, division));
            outcomes.add(createUser(token, username, name, division, inspectorId, text(inspector, "password")));
        }
        return outcomes;
    }

    /** The id of the city's inspector with this 执法证号, if registered (paging through the city's list). */
    private Optional<String> registeredInspector(String token, String certificate)
            throws IOException, InterruptedException, ParseException {
        for (int page = 0; page < 100; page++) {
            HttpResponse<String> list =
                    send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/inspectors?page=" + page + "&size=100"))
                            .header("Authorization", "Bearer " + token)
                            .GET());
            expect(list, 200, "list the inspectors");
            List<Object> items = JSONObjectUtils.getJSONArray(JSONObjectUtils.parse(list.body()), "items");
            if (items == null || items.isEmpty()) {
                return Optional.empty();
            }
            for (Object item : items) {
                Map<String, Object> inspector = cast(item);
                if (certificate.equals(inspector.get("certificateNo"))) {
                    return Optional.of(String.valueOf(inspector.get("id")));
                }
            }
        }
        return Optional.empty();
    }

    private String register(String token, String certificate, String name, String division) {
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("certificateNo", certificate);
            body.put("name", name);
            body.put("divisionCode", division);
            body.put("specialties", List.of("AIR", "WATER"));
            body.put("onPost", true);
            HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/inspectors"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(body))));
            expect(created, 201, "register inspector " + certificate);
            return String.valueOf(JSONObjectUtils.parse(created.body()).get("id"));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("register inspector " + certificate + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String createUser(
            String token, String username, String name, String division, String inspectorId, String password)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("displayName", name);
        body.put("role", "INSPECTOR");
        body.put("division", division);
        body.put("inspectorId", inspectorId);
        body.put("password", password);
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(gateway + "/auth/api/v1/users"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(body))));
        if (created.statusCode() == 409) {
            return username + " (inspector " + inspectorId + "): user exists";
        }
        expect(created, 201, "create user " + username);
        return username + " (inspector " + inspectorId + "): user created";
    }

    /** An access token of the local-cli client with these claims (client_secret_basic). */
    String token(String role, String division, String subject) throws IOException, InterruptedException {
        String form = Map.of(
                        "grant_type",
                        "client_credentials",
                        "role",
                        role,
                        "division",
                        division,
                        "sub",
                        subject,
                        "ttl",
                        "10m")
                .entrySet()
                .stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String basic = Base64.getEncoder()
                .encodeToString(("permitwatch-local-cli:" + cliSecret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> reply = send(HttpRequest.newBuilder(URI.create(identity + "/auth/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        expect(reply, 200, "get a token from the identity provider");
        try {
            return JSONObjectUtils.getString(JSONObjectUtils.parse(reply.body()), "access_token");
        } catch (ParseException e) {
            throw new IllegalStateException("the identity provider's token answer is not JSON", e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> reply, int status, String what) {
        if (reply.statusCode() != status) {
            String body = reply.body() == null ? "" : reply.body();
            throw new IllegalStateException(
                    what + ": HTTP " + reply.statusCode() + " " + body.substring(0, Math.min(body.length(), 400)));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object entry) {
        if (entry instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException("expected a JSON object, got " + entry);
    }

    private static String text(Map<String, Object> entry, String field) {
        Object value = entry.get(field);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new IllegalArgumentException("demo inspector without " + field + ": " + entry.get("username"));
        }
        return String.valueOf(value);
    }
}
