package org.permitwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;

/**
 * A mobile client on a bad network: it sends one submission several times with the same {@code Idempotency-Key}.
 * The platform must answer every copy with the same record.
 */
final class FlakyMobileClient {

    enum Style {
        /** Three copies at once (the app's retry timer fired while the first was still in flight). */
        CONCURRENT,
        /** The first copy's response is lost (the connection drops right after sending), then two retries. */
        DROPPED_RESPONSE,
        /** Sent, answered, and sent again (the app did not persist that it got the answer). */
        REPEATED
    }

    private static final String PATH = "/api/v1/inspections";

    private final Api gateway;
    private final int gatewayPort;

    FlakyMobileClient(Api gateway, int gatewayPort) {
        this.gateway = gateway;
        this.gatewayPort = gatewayPort;
    }

    /** What every answered copy of one submission agreed on, and the answers themselves. */
    record Submitted(String id, List<Api.Reply> replies) {}

    /** Sends the submission per {@code style}; returns the record id every answered copy agreed on. */
    String submit(String token, String key, JsonNode body, Style style) {
        return submitTraced(token, key, body, style, null).id();
    }

    /**
     * As {@link #submit}, every copy carrying the app's W3C {@code traceparent} (null: none), as a field app that
     * traces its requests resends the same request: whichever copy writes the record, it writes it in that trace.
     */
    Submitted submitTraced(String token, String key, JsonNode body, Style style, String traceparent) {
        Map<String, String> headers = traceparent == null
                ? Map.of("Idempotency-Key", key)
                : Map.of("Idempotency-Key", key, "traceparent", traceparent);
        List<Api.Reply> replies = new ArrayList<>();
        switch (style) {
            case CONCURRENT -> {
                List<CompletableFuture<Api.Reply>> copies = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    copies.add(CompletableFuture.supplyAsync(() -> send(token, headers, body)));
                }
                copies.forEach(c -> replies.add(c.join()));
            }
            case DROPPED_RESPONSE -> {
                sendAndHangUp(token, headers, body);
                replies.add(send(token, headers, body));
                replies.add(send(token, headers, body));
            }
            case REPEATED -> {
                replies.add(send(token, headers, body));
                replies.add(send(token, headers, body));
            }
        }
        String id = null;
        for (Api.Reply reply : replies) {
            assertThat(reply.status())
                    .as("%s copy of %s: %s", style, key, reply)
                    .isIn(200, 201);
            String replyId = reply.json().get("id").asString();
            if (id == null) {
                id = replyId;
            }
            assertThat(replyId)
                    .as("%s copy of %s answers the same record", style, key)
                    .isEqualTo(id);
        }
        return new Submitted(id, replies);
    }

    Api.Reply send(String token, String key, JsonNode body) {
        return send(token, Map.of("Idempotency-Key", key), body);
    }

    Api.Reply send(String token, Map<String, String> headers, JsonNode body) {
        return gateway.send("POST", PATH, token, body, headers);
    }

    /** Writes the whole request on a raw socket and closes it after a few milliseconds, never reading the answer. */
    void sendAndHangUp(String token, Map<String, String> headers, JsonNode body) {
        byte[] payload = Api.JSON.writeValueAsBytes(body);
        StringBuilder extra = new StringBuilder();
        headers.forEach(
                (name, value) -> extra.append(name).append(": ").append(value).append("\r\n"));
        String head = "POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + gatewayPort + "\r\nAuthorization: Bearer "
                + token + "\r\n" + extra + "Content-Type: application/json\r\nContent-Length: "
                + payload.length + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", gatewayPort)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            Thread.sleep(ThreadLocalRandom.current().nextInt(0, 40));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("raw send failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
