package org.permitwatch.mock.server;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer before it becomes a WireMock response definition; faults rewrite it. */
record Reply(int status, String contentType, String body, Map<String, String> headers, long delayMs, Fault fault) {

    static final String JSON = "application/json;charset=UTF-8";

    static Reply json(int status, String body) {
        return new Reply(status, JSON, body, Map.of(), 0, null);
    }

    static Reply envelopeError(int httpStatus, int code, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("message", message);
        return json(httpStatus, Json.write(m));
    }

    static Reply ok(Object data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", 0);
        m.put("message", "成功");
        m.put("data", data);
        return json(200, Json.write(m));
    }

    static Reply reset() {
        return new Reply(0, null, null, Map.of(), 0, Fault.CONNECTION_RESET_BY_PEER);
    }

    Reply withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Reply(status, contentType, body, h, delayMs, fault);
    }

    Reply delayed(long ms) {
        return new Reply(status, contentType, body, headers, ms, fault);
    }

    /** The body cut in half: what a dropped proxy connection or a broken gateway buffer delivers. */
    Reply truncated() {
        String cut = body == null ? "" : body.substring(0, body.length() / 2);
        return new Reply(status, contentType, cut, headers, delayMs, fault);
    }

    ResponseDefinition toDefinition() {
        ResponseDefinitionBuilder b = ResponseDefinitionBuilder.responseDefinition();
        if (fault != null) {
            return b.withFault(fault).build();
        }
        b.withStatus(status);
        if (contentType != null) {
            b.withHeader("Content-Type", contentType);
        }
        headers.forEach(b::withHeader);
        if (body != null) {
            b.withBody(body.getBytes(StandardCharsets.UTF_8));
        }
        if (delayMs > 0) {
            b.withFixedDelay((int) Math.min(Integer.MAX_VALUE, delayMs));
        }
        return b.build();
    }
}
