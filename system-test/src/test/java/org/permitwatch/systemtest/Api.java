package org.permitwatch.systemtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The harness's HTTP client: plain {@link HttpClient}, JSON with Jackson. Answers 429 (the gateway's rate limiter)
 * by waiting for {@code Retry-After} and sending again, as a well-behaved city system does; every other status is
 * returned as it is, for the test to judge.
 */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_RATE_LIMIT_WAITS = 20;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final String base;

    Api(String base) {
        this.base = base;
    }

    String base() {
        return base;
    }

    /**
     * A response: status, content type, raw body and (when JSON) the parsed body; its headers. {@code millis} is what
     * the caller waited for it: from the first attempt, the 429 answers waited out ({@code rateLimited} of them)
     * included, as a phone's user waits through them.
     */
    record Reply(int status, String contentType, String body, long millis, HttpHeaders headers, int rateLimited) {

        /** A reply without headers (a test's own sample). */
        Reply(int status, String contentType, String body, long millis) {
            this(status, contentType, body, millis, null, 0);
        }

        /** The first value of a response header, or null. */
        String header(String name) {
            return headers == null ? null : headers.firstValue(name).orElse(null);
        }

        JsonNode json() {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        }

        boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 600 ? body.substring(0, 600) + "…" : body);
        }
    }

    Reply get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    Reply post(String path, String token, Object body) {
        return send("POST", path, token, body, Map.of());
    }

    Reply send(String method, String path, String token, Object body, Map<String, String> headers) {
        return send(method, path, token, body, headers, Duration.ofSeconds(30));
    }

    /** {@code body}: a JsonNode or any object (serialised), a String (sent verbatim) or null. */
    Reply send(String method, String path, String token, Object body, Map<String, String> headers, Duration timeout) {
        String payload = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        Map<String, String> all = new LinkedHashMap<>();
        if (payload != null) {
            all.put("Content-Type", "application/json");
        }
        all.putAll(headers);
        long started = System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(timeout)
                    .method(
                            method,
                            payload == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(payload));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            all.forEach(request::header);
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new TransportFailure(method + " " + path + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (response.statusCode() == 429 && attempt < MAX_RATE_LIMIT_WAITS) {
                sleep(retryAfterMillis(response));
                continue;
            }
            return new Reply(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.body(),
                    millis,
                    response.headers(),
                    attempt);
        }
    }

    /** A binary download (an XLSX export): status and raw bytes; waits out 429 like {@link #send}. */
    record Download(int status, String contentType, byte[] body) {}

    Download download(String path, String token) {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30))
                    .GET();
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw new TransportFailure("GET " + path + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (response.statusCode() == 429 && attempt < MAX_RATE_LIMIT_WAITS) {
                sleep(retryAfterMillis(response));
                continue;
            }
            return new Download(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        }
    }

    private static long retryAfterMillis(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Retry-After")
                .map(v -> {
                    try {
                        return Math.max(100L, Long.parseLong(v.trim()) * 1000L);
                    } catch (NumberFormatException e) {
                        return 1000L;
                    }
                })
                .orElse(500L);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** The connection failed or timed out: no HTTP answer at all (a dropped response, a dead service). */
    static final class TransportFailure extends RuntimeException {
        TransportFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
